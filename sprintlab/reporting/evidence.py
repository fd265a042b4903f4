"""A study's evidence arranged for analysis: arrays per question and variant."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

import numpy as np
from scipy import special

from sprintlab import db as store
from sprintlab.content.data_sources import data_explained
from sprintlab.content.messages import split_front_matter

SCALE = (1, 7)
NO_ANSWER = -1  # segment code of a participant who did not answer


@dataclass(frozen=True, eq=False)
class Column:
    """The numeric answers of one variant to one question, in stored order.

    Attributes:
        participants: Who gave each answer.
        numbers: The answer; nan for "don't know".
    """

    participants: np.ndarray
    numbers: np.ndarray


EMPTY = Column(np.zeros(0, dtype=np.int64), np.zeros(0))


@dataclass(eq=False)
class Evidence:
    """A study's answers, read once from the database."""

    columns: dict  # (question, variant) -> Column of numeric answers
    texts: dict  # (question, variant) -> [free text or chosen option]
    text_participants: dict  # (question, variant) -> [participant per text]
    segment_answers: dict  # segment question -> (participants array, [value])
    assignments: list  # (participant, variant, position, answered, completed, flags)
    # (participant, variant) -> did that message say which data it used?
    # Read only for studies that ask a data_use question.
    explained: dict = field(default_factory=dict)
    _segment_cache: dict = field(default_factory=dict, repr=False)

    def column(self, question_id, variant_id):
        """The numeric answers of one variant to one question (maybe empty)."""
        return self.columns.get((question_id, variant_id), EMPTY)

    def numeric(self, question_id, variant_id, people=None):
        """The numeric answers (nan for don't know) of one variant to one question."""
        column = self.column(question_id, variant_id)
        if people is None:
            return column.numbers.copy()
        keep = np.isin(column.participants, np.fromiter(people, np.int64))
        return column.numbers[keep]

    def paired_table(self, question_id, variant_ids):
        """Participants x variants, nan where an answer is missing (within designs)."""
        columns = [self.column(question_id, vid) for vid in variant_ids]
        people = np.unique(np.concatenate([c.participants for c in columns]))
        table = np.full((people.size, len(variant_ids)), np.nan)
        for index, column in enumerate(columns):
            rows = np.searchsorted(people, column.participants)
            table[rows, index] = column.numbers
        return table

    def choice_counts(self, question_id, variant_id, options):
        """How often each of OPTIONS was chosen by the people who saw one variant."""
        counts = Counter(self.texts.get((question_id, variant_id), ()))
        return [counts[option] for option in options]

    def segment_codes(self, segment_id, levels):
        """Per participant id the index of their answer in LEVELS, -1 if none.

        Answers that are no level (say, an option since removed) get indices
        after the levels; the second value lists every label in index order.
        """
        key = (segment_id, tuple(levels))
        if key not in self._segment_cache:
            self._segment_cache[key] = self._segment_codes(segment_id, levels)
        return self._segment_cache[key]

    def _segment_codes(self, segment_id, levels):
        participants, answers = self.segment_answers.get(
            segment_id, (np.zeros(0, dtype=np.int64), [])
        )
        labels = list(levels)
        index = {level: i for i, level in enumerate(labels)}
        for answer in answers:
            if answer not in index:
                index[answer] = len(labels)
                labels.append(answer)
        size = int(max(participants.max(initial=0), self.largest_participant)) + 1
        codes = np.full(size, NO_ANSWER, dtype=np.int64)
        codes[participants] = np.fromiter(map(index.__getitem__, answers), np.int64)
        return codes, labels

    @cached_property
    def largest_participant(self):
        """The highest participant id among the answers."""
        return max(
            (int(c.participants.max()) for c in self.columns.values()), default=0
        )

    @cached_property
    def values(self):
        """(question, variant) -> {participant: number, nan or text} (as stored)."""
        found = defaultdict(dict)
        for key, column in self.columns.items():
            found[key].update(
                zip(column.participants.tolist(), column.numbers.tolist(), strict=True)
            )
        for key, texts in self.texts.items():
            found[key].update(zip(self.text_participants[key], texts, strict=True))
        return dict(found)

    @cached_property
    def segments(self):
        """Segment question -> {participant: value}."""
        return {
            question: dict(zip(participants.tolist(), answers, strict=True))
            for question, (participants, answers) in self.segment_answers.items()
        }


def _codes(strings):
    """Small integer codes for a sequence of strings, and the strings by code."""
    names = list(dict.fromkeys(strings))
    index = {name: code for code, name in enumerate(names)}
    return np.fromiter(map(index.__getitem__, strings), np.int64, len(strings)), names


def _by_key(keys, chosen):
    """Yield (key, row indices in stored order) for the CHOSEN rows, by key."""
    if chosen.size == 0:
        return
    order = chosen[np.argsort(keys[chosen], kind="stable")]
    starts = np.flatnonzero(np.diff(keys[order], prepend=-1))
    for lo, hi in zip(starts, [*starts[1:], order.size], strict=True):
        yield int(keys[order[lo]]), order[lo:hi]


def _columns(rows):
    """Numeric columns and texts per (question, variant) from answer rows."""
    if not rows:
        return {}, {}, {}
    # Column by column: zip(*rows) is several times slower on 10^5 rows.
    participant, variant, _, question, value, text, dont_know = (
        list(map(itemgetter(i), rows)) for i in range(7)
    )
    participants = np.fromiter(participant, np.int64, len(rows))
    numbers = np.array(value, dtype=float)  # None (text, don't know) -> nan
    dont_know = np.fromiter(dont_know, bool, len(rows))
    question_codes, questions = _codes(question)
    variant_codes, variants = _codes(variant)
    keys = question_codes * len(variants) + variant_codes

    def name(code):
        return questions[code // len(variants)], variants[code % len(variants)]

    is_text = np.isnan(numbers) & ~dont_know
    columns = {
        name(code): Column(participants[found], numbers[found])
        for code, found in _by_key(keys, np.flatnonzero(~is_text))
    }
    texts, text_participants = {}, {}
    for code, found in _by_key(keys, np.flatnonzero(is_text)):
        texts[name(code)] = [text[i] for i in found]
        text_participants[name(code)] = participants[found].tolist()
    return columns, texts, text_participants


def _segment_answers(rows):
    """Segment question -> (participants array, [answer]) from segment rows."""
    if not rows:
        return {}
    participants = np.fromiter(map(itemgetter(0), rows), np.int64, len(rows))
    codes, questions = _codes(list(map(itemgetter(1), rows)))
    values = list(map(itemgetter(2), rows))
    return {
        questions[code]: (participants[found], [values[i] for i in found])
        for code, found in _by_key(codes, np.arange(len(rows)))
    }


def load_evidence(db, study, exclude_speeders=False, segments=True):
    """Read a study's answers, segment answers and assignments once.

    SEGMENTS=False skips the segment answers (for a report without them).
    """
    rows = store.analysis_answers(db, study.id, exclude_speeders)
    columns, texts, text_participants = _columns(rows)
    segment_answers = (
        _segment_answers(store.analysis_segments(db, study.id)) if segments else {}
    )
    assignments = store.analysis_assignments(db, study.id)
    explained = _explained(db, study) if study.data_use_questions else {}
    if exclude_speeders:
        kept = [c.participants for c in columns.values()]
        kept += [np.array(people) for people in text_participants.values()]
        kept = set(np.unique(np.concatenate(kept or [[]])).astype(int).tolist())
        assignments = [row for row in assignments if row[0] in kept]
    return Evidence(
        columns, texts, text_participants, segment_answers, assignments, explained
    )


def _explained(db, study):
    """(participant, variant) -> whether the message shown says which data it used.

    Read from the template version each participant was assigned (its front
    matter's data_explained), never from the current file.
    """
    rows = store.assigned_templates(db, study.id)
    told = {}
    for digest in {row[2] for row in rows}:
        stored = store.template_version(db, digest)
        front, _, _ = split_front_matter(stored["text"], digest)
        told[digest] = data_explained(front)
    return {(pid, variant): told[digest] for pid, variant, digest in rows}


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


def scale_points(question_type):
    """The answer values of a rating question: 1-7, or 0/1 for yes/no."""
    return (
        tuple(range(SCALE[0], SCALE[1] + 1)) if question_type == "likert7" else (0, 1)
    )


def summarise(question_type, variant_id, values):
    """n, don't-knows, distribution, mean (with t interval), median and SD."""
    known = values[~np.isnan(values)]
    points = np.array(scale_points(question_type), dtype=float)
    index = np.searchsorted(points, known)
    on_scale = (index < points.size) & (
        points[np.minimum(index, points.size - 1)] == known
    )
    counts = np.bincount(index[on_scale], minlength=points.size)
    if not on_scale.all():  # answers off the scale still count towards the centre
        return _summary_of_values(variant_id, known, points, counts, values.size)
    return summarise_counts(question_type, variant_id, counts, values.size - known.size)


def _summary_of_values(variant_id, known, points, counts, size):
    distribution = {int(p): int(c) for p, c in zip(points, counts, strict=True)}
    missing = int(size - known.size)
    if known.size == 0:
        return VariantSummary(variant_id, 0, missing, distribution, None, None, None)
    mean = float(known.mean())
    sd = float(np.std(known, ddof=1)) if known.size > 1 else None
    ci = _mean_ci(mean, sd, known.size, np.concatenate([points, known]))
    return VariantSummary(variant_id, int(known.size), missing, distribution, mean,
                          float(np.median(known)), sd, ci)  # fmt: skip


def _mean_ci(mean, sd, n, points):
    """The t interval of a mean, kept within the scale: no mean can lie outside."""
    if sd is None:
        return None
    half = float(special.stdtrit(n - 1, 0.975) * sd / np.sqrt(n))
    low, high = float(points.min()), float(points.max())
    return (max(mean - half, low), min(mean + half, high))


def summarise_counts(question_type, variant_id, counts, dont_know=0):
    """``summarise`` from the number of answers per scale point."""
    points = np.array(scale_points(question_type), dtype=float)
    counts = np.asarray(counts, dtype=np.int64)
    distribution = {int(p): int(c) for p, c in zip(points, counts, strict=True)}
    n = int(counts.sum())
    if n == 0:
        return VariantSummary(variant_id, 0, int(dont_know), distribution, None,
                              None, None)  # fmt: skip
    mean = float((counts * points).sum() / n)
    sd = None
    if n > 1:
        sd = float(np.sqrt((counts * (points - mean) ** 2).sum() / (n - 1)))
    cumulative = np.cumsum(counts)
    middle = np.searchsorted(cumulative, [(n + 1) // 2, n // 2 + 1])
    median = float(points[middle].mean())
    return VariantSummary(variant_id, n, int(dont_know), distribution, mean, median,
                          sd, _mean_ci(mean, sd, n, points))  # fmt: skip
