"""What a live dashboard shows while a study runs: counts, and always-valid intervals.

Live counts: who started and answered per variant, quality flags, and the
sample-ratio check. Live intervals: a fixed-n test looked at again and again
finds differences that are not there (ten looks give about 20% false alarms
instead of 5%); a confidence sequence covers the true difference at every
moment at once.
"""

import json
from collections import Counter
from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.reporting.analysis import variant_order


def live_counts(study, assignments):
    """Started and answered per variant, quality flags, and the sample-ratio check.

    ASSIGNMENTS are the study's rows from store.analysis_assignments.
    """
    started, answered, flags = Counter(), Counter(), Counter()
    people = {}
    for pid, variant, _, was_answered, completed, raw_flags in assignments:
        started[variant] += 1
        answered[variant] += int(bool(was_answered))
        people[pid] = (completed, raw_flags)
    for completed, raw_flags in people.values():
        marks = json.loads(raw_flags or "{}")
        flags["speeder"] += int(bool(marks.get("speeder")))
        flags["straight_lining"] += int(bool(marks.get("straight_lining")))
        flags["rated_without_opening"] += int(bool(marks.get("rated_without_opening")))
        flags["completed"] += int(bool(completed))
    ids = variant_order(study)
    balance = None
    if study.design == "between" and sum(started.values()) >= 2 * len(ids):
        balance = stats.sample_ratio_mismatch([started[v] for v in ids])
    return {
        "participants": len(people),
        "started": {v: started[v] for v in ids},
        "answered": {v: answered[v] for v in ids},
        "flags": dict(flags),
        "balance": balance,
    }


@dataclass(frozen=True)
class LiveInterval:
    """Variant minus control on one question, valid whenever it is looked at."""

    variant: str
    n: int
    estimate: float
    lower: float
    upper: float
    note: str


def live_intervals(study, evidence, question_id=None, alpha=0.05):
    """Each variant against the control, in order of arrival (between designs)."""
    if study.design != "between":
        return []
    question_id = question_id or study.primary_outcome
    control = evidence.column(question_id, study.control)
    found = []
    for variant in study.variants:
        if variant.id == study.control:
            continue
        answers = evidence.column(question_id, variant.id)
        # Participant ids grow with time: sorting by id restores arrival order.
        order = np.argsort(
            np.concatenate([control.participants, answers.participants]), kind="stable"
        )
        outcomes = np.concatenate([control.numbers, answers.numbers])[order]
        arms = np.concatenate(
            [np.zeros(control.numbers.size), np.ones(answers.numbers.size)]
        )[order]
        if arms.sum() < 2 or (1 - arms).sum() < 2:
            continue
        sequence = stats.confidence_sequence(outcomes, arms, alpha=alpha)
        estimate, lower, upper = sequence.final
        found.append(
            LiveInterval(
                variant.id, int(sequence.n[-1]), estimate, lower, upper, sequence.note
            )  # fmt: skip
        )
    return found
