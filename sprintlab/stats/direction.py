"""Which way a comparison points, on a scale where 0 means "no difference".

A yes/no comparison's ``effect`` is an odds ratio: always positive, with 1
as "no difference", so ``effect > 0`` says nothing about direction. Read the
direction from a signed difference instead: the risk difference for yes/no
items, Cliff's delta (or the matched rank-biserial) for rating items, and
the mean difference where those are undefined.
"""

from __future__ import annotations

import math

from .results import Comparison


def signed_difference(comparison: Comparison) -> float:
    """Return a signed variant-minus-control difference (> 0: the variant is higher).

    Yes/no: the risk difference. Ratings: the rank effect (Cliff's delta or
    the matched rank-biserial), or the mean difference when it is undefined.
    """
    if comparison.estimate_name.startswith("risk difference"):
        return float(comparison.estimate)
    if not math.isnan(comparison.effect):
        return float(comparison.effect)
    return float(comparison.mean_difference)


def signed_direction(comparison: Comparison, *, higher_is_better: bool = True) -> float:
    """Return the difference oriented so that positive means the variant is better."""
    value = signed_difference(comparison)
    return value if higher_is_better else -value
