"""Always-valid intervals for a live dashboard: safe to look at after every person.

A fixed-n test looked at again and again finds differences that are not there
(ten looks give about 20% false alarms instead of 5%). A confidence sequence
covers the true difference at every moment at once.
"""

from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.evidence import load_evidence


@dataclass(frozen=True)
class LiveInterval:
    """Variant minus control on one question, valid whenever it is looked at."""

    variant: str
    n: int
    estimate: float
    lower: float
    upper: float
    note: str


def live_intervals(db, study, question_id=None, alpha=0.05):
    """Each variant against the control, in order of arrival (between designs)."""
    if study.design != "between":
        return []
    question_id = question_id or study.primary_outcome
    evidence = load_evidence(db, study)
    control = evidence.values.get((question_id, study.control), {})
    found = []
    for variant in study.variants:
        if variant.id == study.control:
            continue
        answers = evidence.values.get((question_id, variant.id), {})
        # Participant ids grow with time: sorting by id restores arrival order.
        arrivals = sorted(
            [(pid, value, 0) for pid, value in control.items()]
            + [(pid, value, 1) for pid, value in answers.items()]
        )
        numeric = [(v, a) for _, v, a in arrivals if not isinstance(v, str)]
        if sum(a for _, a in numeric) < 2 or sum(1 - a for _, a in numeric) < 2:
            continue
        outcomes = np.array([value for value, _ in numeric], float)
        arms = np.array([arm for _, arm in numeric], float)
        sequence = stats.confidence_sequence(outcomes, arms, alpha=alpha)
        estimate, lower, upper = sequence.final
        found.append(
            LiveInterval(
                variant.id, int(sequence.n[-1]), estimate, lower, upper, sequence.note
            )  # fmt: skip
        )
    return found
