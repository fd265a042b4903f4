"""Always-valid intervals for a live dashboard: safe to look at after every person.

A fixed-n test looked at again and again finds differences that are not there
(ten looks give about 20% false alarms instead of 5%). A confidence sequence
covers the true difference at every moment at once.
"""

from dataclasses import dataclass

import numpy as np

from sprintlab import stats


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
