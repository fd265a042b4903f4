"""The test-day grid: variants by participants, each cell their notes and ratings.

As on a Google Ventures sprint board: rows are the variants, columns the
slots P1 ... P5. The last column counts positive and negative notes and
marks a pattern where enough of the participants (3 of 5) share a kind of
note or a tag. A pattern counts people, not notes: five negative notes
about one person are one person.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from sprintlab import db as store
from sprintlab.testday.notes import JUDGED, study_notes
from sprintlab.testday.slots import load_schedule, slot_label

PATTERN_SHARE = 3 / 5  # the sprint method's "3 of 5"
GENERAL_LABEL = "General (not about one variant)"
NO_SLOT_LABEL = "No slot"


def pattern_threshold(slots):
    """How many participants must share something for a pattern: 3 of 5."""
    return max(2, math.ceil(slots * PATTERN_SHARE - 1e-9))


def key_questions(study):
    """The ratings a cell shows: helpfulness beside intrusiveness, as verdicts do."""
    primary = study.question(study.primary_outcome)
    lower = [q for q in study.questions if q.better == "lower" and q.type != "text"]
    return (primary, *lower[:1]) if lower and lower[0] is not primary else (primary,)


@dataclass(frozen=True)
class Pattern:
    """Something at least `threshold` participants share about one variant."""

    variant_id: str | None
    what: str  # "kind" | "tag"
    value: str
    participants: int
    of: int

    @property
    def text(self):
        """The pattern in words: negative notes: 3 of 5 participants."""
        name = f"{self.value} notes" if self.what == "kind" else f"tag #{self.value}"
        return f"{name}: {self.participants} of {self.of} participants"


@dataclass(frozen=True)
class Cell:
    """One participant's notes about one variant, and their key ratings."""

    notes: tuple = ()
    ratings: tuple = ()  # (question id, "5" | "don't know") per key question
    shown: bool | None = None  # None: no participant (yet) to have seen it


@dataclass(frozen=True)
class Row:
    """One variant (or the general notes) across every column."""

    variant_id: str | None
    label: str
    cells: dict  # column (slot number, or None for no slot) -> Cell
    positives: int
    negatives: int
    patterns: tuple
    quotes: tuple


@dataclass(frozen=True)
class Grid:
    """The whole grid of a study's test day."""

    study: object
    schedule: object
    columns: tuple  # slot numbers, then None when some notes have no slot
    rows: tuple
    questions: tuple
    threshold: int
    notes: tuple = field(default_factory=tuple)

    def column_label(self, column):
        """A column's heading: the slot's label, or No slot."""
        return slot_label(column) if column is not None else NO_SLOT_LABEL

    @property
    def patterns(self):
        """Every pattern, row by row."""
        return tuple(p for row in self.rows for p in row.patterns)


def _person(note):
    """Who a note is about, for counting patterns: a slot, else a participant."""
    if note.slot is not None:
        return ("slot", note.slot)
    return ("participant", note.participant_id) if note.participant_id else None


def row_patterns(variant_id, notes, threshold, of):
    """The kinds and tags at least THRESHOLD people share in NOTES about one variant."""
    people = defaultdict(set)
    for note in notes:
        person = _person(note)
        if person is None:
            continue
        if note.kind in JUDGED:
            people[("kind", note.kind)].add(person)
        for tag in note.tags:
            people[("tag", tag)].add(person)
    found = [
        Pattern(variant_id, what, value, len(who), of)
        for (what, value), who in people.items()
        if len(who) >= threshold
    ]
    return tuple(sorted(found, key=lambda p: (-p.participants, p.what, p.value)))


def _ratings_display(questions, answers, slot, variant_id):
    shown = []
    for question in questions:
        value = answers.get((slot, variant_id, question.id))
        if value is not None:
            shown.append((question.id, value))
    return tuple(shown)


def _variant_rows(study, notes):
    """(variant id, label) per row: the study's variants, then any others noted."""
    rows = [(v.id, v.label["en"]) for v in study.variants]
    known = {v.id for v in study.variants}
    for variant_id in dict.fromkeys(n.variant_id for n in notes):
        if variant_id is not None and variant_id not in known:
            rows.append((variant_id, f"{variant_id} (no longer in the study)"))
    if any(n.variant_id is None for n in notes):
        rows.append((None, GENERAL_LABEL))
    return rows


def _columns(schedule, notes):
    numbers = {s.number for s in schedule.slots}
    numbers |= {n.slot for n in notes if n.slot is not None}
    extra = (None,) if any(n.slot is None for n in notes) else ()
    return tuple(sorted(numbers)) + extra


def build_grid(study, schedule, notes, assigned, answers):
    """The grid from NOTES, the (slot, variant) pairs ASSIGNED and key ANSWERS.

    ANSWERS maps (slot, variant, question) to the rating as shown.
    """
    questions = key_questions(study)
    columns = _columns(schedule, notes)
    slot_count = len(schedule.slots)
    threshold = pattern_threshold(slot_count)
    with_participant = {s.number for s in schedule.slots if s.participant_id}
    rows = []
    for variant_id, label in _variant_rows(study, notes):
        about = [n for n in notes if n.variant_id == variant_id]
        cells = {}
        for column in columns:
            in_cell = tuple(n for n in about if n.slot == column)
            shown = None
            if column in with_participant and variant_id is not None:
                shown = (column, variant_id) in assigned
            ratings = _ratings_display(questions, answers, column, variant_id)
            cells[column] = Cell(in_cell, ratings, shown)
        rows.append(
            Row(
                variant_id,
                label,
                cells,
                positives=sum(1 for n in about if n.kind == "positive"),
                negatives=sum(1 for n in about if n.kind == "negative"),
                patterns=row_patterns(variant_id, about, threshold, slot_count),
                quotes=tuple(n for n in about if n.kind == "quote"),
            )
        )
    return Grid(
        study, schedule, columns, tuple(rows), questions, threshold, tuple(notes)
    )


def _answers(db, study, questions):
    """(slot, variant, question) -> the rating as a cell shows it."""
    shown = {}
    for slot, variant_id, question_id, value, dont_know in store.slot_ratings(
        db, study.id, [q.id for q in questions]
    ):
        if dont_know:
            shown[(slot, variant_id, question_id)] = "don't know"
        elif value is not None:
            shown[(slot, variant_id, question_id)] = f"{value:g}"
    return shown


def load_grid(db, study, with_ratings=True):
    """The grid of STUDY's test day, from the database.

    Without WITH_RATINGS (for observers) no answer is even read: the cells
    hold the notes only.
    """
    schedule = load_schedule(db, study.id)
    notes = study_notes(db, study.id)
    assigned = set(store.slot_assignments(db, study.id))
    answers = _answers(db, study, key_questions(study)) if with_ratings else {}
    return build_grid(study, schedule, notes, assigned, answers)
