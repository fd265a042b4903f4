"""The one-page debrief after the last participant: patterns, quotes, ratings.

The ratings summary is the study's own analysis (reporting.analysis), with
what it says honestly about so few people: with five pairs no test can
reach p < 0.05, so the debrief leads with effects, intervals and P(better)
and quotes that sentence rather than a verdict it cannot support.
"""

from dataclasses import dataclass

from sprintlab.reporting.analysis import analyse
from sprintlab.testday.decisions import decision_history, latest_decisions
from sprintlab.testday.grid import load_grid

OUT_OF_REACH = "Significance is out of reach"


@dataclass(frozen=True)
class RatingLine:
    """One variant on one key question: its summary and its comparison."""

    variant_id: str
    summary: object  # reporting.evidence.VariantSummary
    comparison: object | None  # against the control; None for the control


@dataclass(frozen=True)
class Debrief:
    """Everything the debrief page and the notes export show."""

    grid: object
    report: object
    ratings: tuple  # (question, (RatingLine, ...)) per key question
    small_sample: tuple  # the analysis's own sentences about what n allows
    history: tuple
    decisions: dict  # variant id -> the latest Decision

    @property
    def participants(self):
        """How many people the ratings summary covers."""
        return self.report.participants


def small_sample_statements(report, questions):
    """The analysis's sentences saying significance is out of reach, once each."""
    found = []
    for question in questions:
        part = report.question(question.id)
        notes = [part.note] + [c.note for c in part.comparisons.values()]
        for note in notes:
            for sentence in (note or "").split("; "):
                if sentence.startswith(OUT_OF_REACH) and sentence not in found:
                    found.append(sentence)
            if note == "too few answers to compare" and note not in found:
                found.append(f"{question.id}: too few answers to compare yet.")
    return tuple(found)


def _rating_lines(report, question):
    part = report.question(question.id)
    control = report.study.control
    return tuple(
        RatingLine(
            summary.variant,
            summary,
            part.comparisons.get((control, summary.variant)),
        )
        for summary in part.summaries
    )


def load_debrief(db, study):
    """The debrief of STUDY's test day, from the database."""
    grid = load_grid(db, study)
    report = analyse(db, study, segments=False)
    history = tuple(decision_history(db, study.id))
    return Debrief(
        grid=grid,
        report=report,
        ratings=tuple((q, _rating_lines(report, q)) for q in grid.questions),
        small_sample=small_sample_statements(report, grid.questions),
        history=history,
        decisions=latest_decisions(history),
    )
