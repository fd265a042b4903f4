"""A study's segment answers as the codes a latent class model reads.

Every likert7, yes/no and choice segment question is an indicator, whatever
its id (a study declares its own). Each answer becomes a code 0..levels-1:

- a choice question's options and yes/no keep one code each;
- an ordered question with more than five answers (a 7-point scale, the
  1-10 worry item) is read in three bands: below the middle, the middle,
  above it (7 points: 1-3, 4, 5-7; 10: 1-4, 5-6, 7-10, CBS's "7 or more is
  high worry"). Sparse cells make a latent class model's estimates unstable,
  and these three bands carry what a segment needs: leaning one way, the
  middle, or the other.

"Don't know" and unanswered are missing: the model leaves them out of a
person's likelihood. The coding is stored with a saved model, so people
who arrive later are coded the same way.
"""

from dataclasses import dataclass

import numpy as np

MAX_LEVELS = 5  # more ordered answers than this are read in three bands


@dataclass(frozen=True)
class Indicator:
    """One segment question as a model reads it: its answers' codes."""

    question: str
    codes: dict  # answer (option id, "yes"/"no", "1".."7") -> code
    levels: int
    ordered: bool
    banded: bool

    def as_json(self):
        """The coding, to store with a saved model."""
        return {"question": self.question, "codes": self.codes, "levels": self.levels,
                "ordered": self.ordered, "banded": self.banded}  # fmt: skip

    @classmethod
    def from_json(cls, data):
        """The coding stored with a saved model."""
        return cls(data["question"], dict(data["codes"]), int(data["levels"]),
                   bool(data["ordered"]), bool(data["banded"]))  # fmt: skip


def bands(count):
    """The band (0, 1, 2) of each of COUNT ordered answers: below, middle, above."""
    middle = {(count - 1) // 2, count // 2}
    low = min(middle)
    return [0 if n < low else 1 if n in middle else 2 for n in range(count)]


def indicator(question):
    """How QUESTION's answers are coded."""
    answers = list(question.option_ids())
    ordered = question.is_ordered
    if ordered and len(answers) > MAX_LEVELS:
        codes = dict(zip(answers, bands(len(answers)), strict=True))
        return Indicator(question.id, codes, 3, True, True)
    codes = {answer: n for n, answer in enumerate(answers)}
    return Indicator(question.id, codes, len(answers), ordered, False)


def indicators_of(study):
    """The Indicator of every likert7, yes/no and choice segment question."""
    return tuple(indicator(question) for question in study.indicators)


def code_matrix(evidence, indicators, people):
    """(len(people), indicators) codes, NaN for missing, from the segment answers."""
    codes = np.full((len(people), len(indicators)), np.nan)
    for j, found in enumerate(indicators):
        answers = evidence.segments.get(found.question, {})
        for row, participant in enumerate(people):
            code = found.codes.get(answers.get(participant))
            if code is not None:
                codes[row, j] = code
    return codes
