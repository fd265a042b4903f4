"""Checks of a within-subjects design: order balance, period and carry-over.

Every participant rates every variant, in a counterbalanced (Williams)
order. Three checks say whether the order mattered:

- order balance: were the Williams orders used about equally often?
- period effect: does a rating depend on the position a message was seen
  in (fatigue, learning, anchoring)? Friedman's test over positions;
- first exposure (carry-over): each variant against the control using only
  the message each participant saw first, a between-subjects comparison
  that no earlier message can have coloured. Compare it with the paired
  result; a sensitivity check, not part of the verdict family.
"""

from collections import Counter, defaultdict

import numpy as np

from sprintlab import stats
from sprintlab.fieldwork.assignment import williams_orders
from sprintlab.reporting.evidence import SCALE

RATED = ("likert7", "yes_no")


def order_balance(study, evidence):
    """Were the Williams orders used equally often? None for too few people."""
    ids = [v.id for v in study.variants]
    expected = [tuple(ids[i] for i in order) for order in williams_orders(len(ids))]
    shown = defaultdict(list)
    for pid, variant, position, _, _, _ in evidence.assignments:
        shown[pid].append((position, variant))
    used = Counter(tuple(v for _, v in sorted(seen)) for seen in shown.values())
    if sum(used[order] for order in expected) < len(expected):
        return None
    return stats.order_balance([used[order] for order in expected])


def _positions(evidence):
    """(participant, variant) -> the position it was shown in."""
    return {(pid, variant): position
            for pid, variant, position, _, _, _ in evidence.assignments}  # fmt: skip


def _compare(question, control, variant):
    higher = question.better != "lower"
    if question.type == "yes_no":
        return stats.compare_binary(control, variant, higher_is_better=higher)
    return stats.compare_ordinal(control, variant, scale=SCALE, higher_is_better=higher)


def first_exposures(study, evidence, control_first=None):
    """Per rated question: each variant vs the control from first exposures only.

    {question id: {(control, variant): Comparison}}; empty for between designs.
    """
    if study.design != "within":
        return {}
    first = defaultdict(set)
    for pid, variant, position, _, _, _ in evidence.assignments:
        if position == 0:
            first[variant].add(pid)
    ids = [study.control] + [v.id for v in study.variants if v.id != study.control]
    found = {}
    for question in study.questions:
        if question.type not in RATED:
            continue
        arms = [evidence.numeric(question.id, vid, first[vid]) for vid in ids]
        arms = [arm[~np.isnan(arm)] for arm in arms]
        found[question.id] = {
            (ids[0], vid): _compare(question, arms[0], arm)
            for vid, arm in zip(ids[1:], arms[1:], strict=True)
            if arms[0].size and arm.size and arms[0].size + arm.size > 2
        }
    return found


def period_effects(study, evidence):
    """Per rated question: the period (position) effect; empty for between designs."""
    if study.design != "within":
        return {}
    where = _positions(evidence)
    people = sorted({row[0] for row in evidence.assignments})
    row_of = {pid: index for index, pid in enumerate(people)}
    found = {}
    for question in study.questions:
        if question.type not in RATED:
            continue
        table = np.full((len(people), len(study.variants)), np.nan)
        for variant in study.variants:
            column = evidence.column(question.id, variant.id)
            for pid, value in zip(
                column.participants.tolist(), column.numbers.tolist(), strict=True
            ):
                table[row_of[pid], where[(pid, variant.id)]] = value
        if np.isfinite(table).all(axis=1).sum() < 2:
            continue  # fewer than two people rated at every position
        found[question.id] = stats.period_effect(table)
    return found
