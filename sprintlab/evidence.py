"""A study's evidence arranged for analysis: arrays per question and variant."""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

from sprintlab import db as store

SCALE = (1, 7)


@dataclass
class Evidence:
    """A study's answers, read once from the database."""

    values: dict  # (question, variant) -> {participant: number, nan or option id}
    texts: dict  # (question, variant) -> [free text]
    segments: dict  # segment question -> {participant: value}
    assignments: list  # (participant, variant, position, answered, completed, flags)

    def numeric(self, question_id, variant_id, people=None):
        """The numeric answers (nan for don't know) of one variant to one question."""
        answers = self.values.get((question_id, variant_id), {})
        return np.array(
            [
                v
                for pid, v in answers.items()
                if not isinstance(v, str) and (people is None or pid in people)
            ],
            float,
        )

    def paired_table(self, question_id, variant_ids):
        """Participants x variants, nan where an answer is missing (within designs)."""
        columns = [self.values.get((question_id, vid), {}) for vid in variant_ids]
        people = sorted({pid for column in columns for pid in column})
        index = {pid: row for row, pid in enumerate(people)}
        table = np.full((len(people), len(variant_ids)), np.nan)
        for column, answers in enumerate(columns):
            for pid, value in answers.items():
                if not isinstance(value, str):
                    table[index[pid], column] = value
        return table


def load_evidence(db, study, exclude_speeders=False):
    """Read a study's answers, segment answers and assignments once."""
    values, texts = defaultdict(dict), defaultdict(list)
    for pid, variant, _, question, value, text, dont_know in store.analysis_answers(
        db, study.id, exclude_speeders
    ):
        key = (question, variant)
        if dont_know:
            values[key][pid] = np.nan
        elif value is None:
            values[key][pid] = text
            texts[key].append(text)
        else:
            values[key][pid] = value
    segments = defaultdict(dict)
    for pid, question, value in store.analysis_segments(db, study.id):
        segments[question][pid] = value
    assignments = store.analysis_assignments(db, study.id)
    if exclude_speeders:
        kept = {pid for answers in values.values() for pid in answers}
        assignments = [row for row in assignments if row[0] in kept]
    return Evidence(dict(values), dict(texts), dict(segments), assignments)


@dataclass(frozen=True)
class VariantSummary:
    """One variant's answers to one question: n, distribution, centre, spread."""

    variant: str
    n: int
    dont_know: int
    distribution: dict
    mean: float | None
    median: float | None
    sd: float | None
    mean_ci: tuple | None = None


def summarise(question_type, variant_id, values):
    """n, don't-knows, distribution, mean (with t interval), median and SD."""
    known = values[~np.isnan(values)]
    points = range(SCALE[0], SCALE[1] + 1) if question_type == "likert7" else (0, 1)
    distribution = {int(p): int(np.sum(known == p)) for p in points}
    missing = int(values.size - known.size)
    if known.size == 0:
        return VariantSummary(variant_id, 0, missing, distribution, None, None, None)
    mean = float(known.mean())
    sd = float(np.std(known, ddof=1)) if known.size > 1 else None
    ci = None
    if sd is not None:
        half = scipy_stats.t.ppf(0.975, known.size - 1) * sd / np.sqrt(known.size)
        ci = (mean - float(half), mean + float(half))
    median = float(np.median(known))
    return VariantSummary(variant_id, int(known.size), missing, distribution, mean,
                          median, sd, ci)  # fmt: skip
