"""How a segment differs from everyone: a table, and the same in a few words.

Per indicator, for an ordered question: the segment's mean position on its
answers (0 = the first answer, 1 = the last) against everyone's, and the
difference in everyone's standard deviations (d). For an unordered choice:
the answer the segment gives more often than everyone, by how many
percentage points.

The words: every ordered question with |d| >= WORDS_D (half a standard
deviation, a "medium" difference) and every unordered one with an answer
at least WORDS_SHARE more common, strongest first, at most MAX_WORDS, each
said once. An ordered question says its `profile` words for the end the
segment leans to ("much distrust", "wants to choose for themselves"), or
else that end's answer; an unordered one its answer. The words describe the
people in the segment; they are no test.
"""

from dataclasses import dataclass

import numpy as np

WORDS_D = 0.5
WORDS_SHARE = 0.2
MAX_WORDS = 4
NONE_SAID = {
    "en": "close to everyone's answers on every question",
    "nl": "antwoordt op elke vraag ongeveer als iedereen",
}
LEANS = {
    "en": 'leans to "{answer}" ({question})',
    "nl": 'neigt naar "{answer}" ({question})',
}
MORE_OFTEN = {
    "en": 'more often "{answer}" ({question})',
    "nl": 'vaker "{answer}" ({question})',
}


@dataclass(frozen=True)
class ProfileRow:
    """One indicator in one segment against everyone."""

    question: str
    segment: float | None  # mean position (ordered) or share of `answer`
    overall: float | None
    difference: float | None  # d (ordered) or percentage points / 100
    leans: str | None  # "first", "last" (ordered) or None
    answer: str | None = None  # unordered: the answer given more often


def answer_labels(question, language):
    """The label of each answer of QUESTION, in order."""
    if question.type == "likert7":
        labels = question.labels(language)
        return [label or str(n) for n, label in enumerate(labels, start=1)]
    if question.type == "yes_no":
        return ["Ja", "Nee"] if language == "nl" else ["Yes", "No"]
    return [option.text[language] for option in question.options]


def _positions(question, answers):
    """Each answer's position from 0 (first) to 1 (last); None when not one."""
    ids = list(question.option_ids())
    last = max(len(ids) - 1, 1)
    return np.array(
        [ids.index(a) / last if a in ids else np.nan for a in answers], dtype=float
    )


def _ordered_row(question, mine, everyone):
    if np.isnan(everyone).all() or np.isnan(mine).all():
        return ProfileRow(question.id, None, None, None, None)
    overall, spread = float(np.nanmean(everyone)), float(np.nanstd(everyone))
    segment = float(np.nanmean(mine))
    d = (segment - overall) / spread if spread > 0 else 0.0
    leans = None if abs(d) < WORDS_D else ("last" if d > 0 else "first")
    return ProfileRow(question.id, segment, overall, d, leans)


def _unordered_row(question, mine, everyone):
    ids = list(question.option_ids())
    mine = [a for a in mine if a in ids]
    everyone = [a for a in everyone if a in ids]
    if not mine or not everyone:
        return ProfileRow(question.id, None, None, None, None)
    gaps = {
        a: mine.count(a) / len(mine) - everyone.count(a) / len(everyone) for a in ids
    }
    answer = max(gaps, key=gaps.get)
    return ProfileRow(question.id, mine.count(answer) / len(mine),
                      everyone.count(answer) / len(everyone), gaps[answer], None,
                      answer)  # fmt: skip


def profile_rows(study, evidence, members, everyone):
    """A ProfileRow per indicator: the people in MEMBERS against EVERYONE."""
    rows = []
    for question in study.indicators:
        answers = evidence.segments.get(question.id, {})
        mine = [answers.get(p) for p in members]
        all_answers = [answers.get(p) for p in everyone]
        if question.is_ordered:
            rows.append(_ordered_row(question, _positions(question, mine),
                                     _positions(question, all_answers)))  # fmt: skip
        else:
            rows.append(_unordered_row(question, mine, all_answers))
    return tuple(rows)


def _phrase(question, row, language):
    labels = answer_labels(question, language)
    if row.answer is not None:
        answer = labels[list(question.option_ids()).index(row.answer)]
        return MORE_OFTEN[language].format(answer=answer, question=question.id)
    end = 0 if row.leans == "first" else 1
    if question.profile:
        return question.profile[language][end]
    answer = labels[0] if end == 0 else labels[-1]
    return LEANS[language].format(answer=answer, question=question.id)


def _said(row):
    if row.difference is None:
        return False
    if row.answer is not None:
        return row.difference >= WORDS_SHARE
    return row.leans is not None


def profile_words(study, rows, language):
    """The segment in a few words (see the module docstring), in LANGUAGE."""
    strongest = sorted(
        (row for row in rows if _said(row)),
        key=lambda row: -abs(row.difference) / (WORDS_SHARE if row.answer else WORDS_D),
    )
    phrases = list(dict.fromkeys(
        _phrase(study.question(row.question), row, language) for row in strongest
    ))[:MAX_WORDS]  # fmt: skip
    return ", ".join(phrases) if phrases else NONE_SAID[language]
