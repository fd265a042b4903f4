"""What a live dashboard shows while a study runs: counts, and always-valid intervals.

Live counts: who started and answered per variant, quality flags, and the
sample-ratio check.

Live intervals: a fixed-n test looked at again and again finds differences
that are not there (ten looks give about 20% false alarms instead of 5%). A
confidence sequence covers the true difference at every moment at once. Here
one sequence per variant against the control, with alpha split over the
variants, so the chance that ANY of them ever excludes its true difference is
at most alpha; no bounds are shown before ``MIN_PER_ARM`` answers per arm.
"""

import json
from collections import Counter
from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.reporting.analysis import variant_order
from sprintlab.stats.sequential import MIN_PER_ARM


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
    if study.between_subjects and sum(started.values()) >= 2 * len(ids):
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
    lower: float  # nan before MIN_PER_ARM answers per arm
    upper: float
    note: str
    alpha: float = 0.05  # this variant's share of the family's alpha
    min_per_arm: int = MIN_PER_ARM


def live_sequences(study, evidence, question_id=None, alpha=0.05):
    """{variant: stats.ConfidenceSequence} against the control, in order of arrival.

    Between designs only, factorial ones included ({} otherwise, and before
    any variant has answers).
    """
    if not study.between_subjects:
        return {}
    question_id = question_id or study.primary_outcome
    ids = [v.id for v in study.variants]
    columns = {vid: evidence.column(question_id, vid) for vid in ids}
    if not columns[study.control].numbers.size:
        return {}
    participants = np.concatenate([columns[v].participants for v in ids])
    outcomes = np.concatenate([columns[v].numbers for v in ids])
    arms = np.concatenate([np.full(columns[v].numbers.size, v) for v in ids])
    # Participant ids grow with time: sorting by id restores arrival order.
    order = np.argsort(participants, kind="stable")
    try:
        return stats.variant_confidence_sequences(
            outcomes[order], arms[order], study.control, alpha=alpha,
            min_per_arm=MIN_PER_ARM,
        )  # fmt: skip
    except ValueError:
        return {}  # no variant has answers yet, or nobody answered but "don't know"


def live_intervals(study, evidence, question_id=None, alpha=0.05):
    """Each variant against the control, as it stands now (between designs)."""
    sequences = live_sequences(study, evidence, question_id, alpha)
    found = []
    for variant in study.variants:
        sequence = sequences.get(variant.id)
        if sequence is None:
            continue
        estimate, lower, upper = sequence.final
        found.append(
            LiveInterval(
                variant.id,
                int(sequence.n[-1]),
                estimate,
                lower,
                upper,
                sequence.note,
                sequence.alpha,
                MIN_PER_ARM,
            )  # fmt: skip
        )
    return found
