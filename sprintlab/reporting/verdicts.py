"""A verdict per variant in plain language, and how many more people it needs.

The verdict reads the primary outcome (helpfulness) and the first item where
lower is better (intrusiveness) side by side, never one without the other.
"""

from dataclasses import dataclass

import numpy as np

from sprintlab import stats

ALPHA = 0.05


@dataclass(frozen=True)
class Verdict:
    """What a policy team should take from one variant versus the control."""

    text: str
    helpfulness: str  # better | worse | unclear | unknown
    intrusiveness: str  # better | worse | unclear | unknown
    more_needed: int | None = None


def direction(comparison, higher_is_better):
    """'better', 'worse' or 'unclear' from a comparison's adjusted p and effect."""
    if comparison is None:
        return "unknown"
    p = (
        comparison.p_adjusted
        if comparison.p_adjusted is not None
        else comparison.p_value
    )
    if not np.isfinite(p) or p >= ALPHA:
        return "unclear"
    return "better" if (comparison.effect > 0) == higher_is_better else "worse"


def shifted(distribution, shift):
    """A 1-7 distribution moved by SHIFT scale points (fractions interpolate)."""
    probs = np.asarray(distribution, float)
    low = int(np.floor(shift))
    weight = shift - low

    def move(steps):
        moved = np.zeros_like(probs)
        for index, p in enumerate(probs):
            moved[min(max(index + steps, 0), probs.size - 1)] += p
        return moved

    return (1 - weight) * move(low) + weight * move(low + 1)


def per_arm_needed(control_counts, variant_counts):
    """Participants per arm Noether says detect the difference seen so far."""
    control = np.asarray(control_counts, float)
    variant = np.asarray(variant_counts, float)
    if control.sum() == 0 or variant.sum() == 0:
        return None
    p_star = stats.superiority_from_distributions(
        control / control.sum(), variant / variant.sum()
    )
    if abs(p_star - 0.5) < 0.01:
        return None
    return int(np.ceil(stats.noether_sample_size(p_star).n_total / 2))


def needed_for_shift(control_counts, shift):
    """Participants per arm to detect a shift of SHIFT points from the control."""
    control = np.asarray(control_counts, float)
    if control.sum() == 0:
        raise ValueError("the control has no answers yet to plan from")
    probs = control / control.sum()
    p_star = stats.superiority_from_distributions(probs, shifted(probs, shift))
    return int(np.ceil(stats.noether_sample_size(p_star).n_total / 2))


def smallest_reachable_pairs(alpha=ALPHA):
    """The fewest pairs with which a two-sided paired test can reach ALPHA."""
    n = 2
    while stats.smallest_p_value(n, paired=True) > alpha:
        n += 1
    return n


def _counts(summary):
    return [summary.distribution.get(point, 0) for point in range(1, 8)]


def _help_text(help_dir, intr_dir):
    if help_dir == "better":
        tail = {"worse": ", but also more intrusive"}.get(
            intr_dir, " and not more intrusive"
        )
        if intr_dir == "better":
            tail = " and less intrusive"
        return "more helpful than the control" + tail
    if help_dir == "worse":
        tail = {"worse": " and more intrusive", "better": ", though less intrusive"}
        return "less helpful than the control" + tail.get(intr_dir, "")
    if intr_dir == "better":
        return "less intrusive than the control; no clear difference in helpfulness"
    if intr_dir == "worse":
        return "more intrusive than the control; no clear difference in helpfulness"
    return None


def verdict_for(report, variant_id):
    """The plain-language verdict for VARIANT_ID against the study's control."""
    study = report.study
    key = (study.control, variant_id)
    primary = report.question(study.primary_outcome)
    lower = [q for q in report.questions if q.question.better == "lower"]
    help_dir = direction(primary.comparisons.get(key), True)
    intr_dir = direction(lower[0].comparisons.get(key), False) if lower else "unknown"
    text = _help_text(help_dir, intr_dir)
    if text:
        return Verdict(text, help_dir, intr_dir)
    comparison = primary.comparisons.get(key)
    if comparison is None:
        return Verdict("not enough participants to tell yet", help_dir, intr_dir)
    more = None
    if study.design == "within":
        more = max(0, smallest_reachable_pairs() - comparison.n_control) or None
    elif primary.question.type == "likert7":
        control, variant = primary.summary(study.control), primary.summary(variant_id)
        needed = per_arm_needed(_counts(control), _counts(variant))
        if needed is not None:
            more = max(0, needed - min(control.n, variant.n))
    if not comparison.significance_reachable(ALPHA) or more:
        about = f" (about {more} more per variant needed)" if more else ""
        return Verdict(
            f"not enough participants to tell{about}", help_dir, intr_dir, more
        )
    return Verdict("no clear difference from the control", help_dir, intr_dir, more)
