"""Planned sample size from the declared margin, never from an observed effect.

The verdict family reads each comparison from a two-sided interval at
1 - alpha/m. A claim "better" at a true difference of one margin and a claim
"not worse" at a true difference of 0 then need the same thing: the
interval's near limit clears a point one margin away from the truth, that
is a one-sided test at alpha/(2m) (equivalently the two-sided superiority
test at alpha/m, whose far tail is negligible). So one formula serves both:

    n = (z(1 - alpha/(2m)) + z(power))^2 * variance / margin^2

solved with the t distribution for rating items (noncentral t, iterated at
small n) and with the normal for yes/no items. Variances, unless given:

- 7-point items: SD 1.5 scale points per arm (typical of 1-7 ratings that
  use most of the scale); paired: SD of the differences = SD, which is what
  a correlation of 0.5 between a person's two ratings gives;
- yes/no items: p = 0.5 (the largest variance, so the safe choice): between
  2 p (1 - p); paired 2 p (1 - p) (1 - rho) with rho = 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from .margins import check_family, check_margin

#: Default SD of a 7-point rating (scale points) and correlation within a person.
DEFAULT_SD = 1.5
DEFAULT_CORRELATION = 0.5
#: Default share of "yes" on a yes/no item: the worst case.
DEFAULT_P = 0.5


@dataclass(frozen=True)
class PlannedSize:
    """The participants per variant a margin needs, with everything assumed.

    Attributes:
        n_per_variant: Answers per arm (pairs if paired), rounded up.
        exact_n: The unrounded solution.
        margin: Smallest difference that matters (scale points or risk difference).
        kind: "ordinal" or "binary".
        paired: True for a within-subjects design.
        alpha: Family-wise error rate of the verdict family.
        family_size: m, comparisons in the family.
        alpha_per_side: alpha / (2m), the one-sided level each limit is held to.
        power: Target probability of the claim when the truth is one margin
            better (superiority) or equal (non-inferiority).
        sd: SD assumed per arm (paired: of the differences); None for yes/no.
        p: Share of "yes" assumed; None for rating items.
        method: Which formula.
        note: What was assumed.
    """

    n_per_variant: int
    exact_n: float
    margin: float
    kind: str
    paired: bool
    alpha: float
    family_size: int
    alpha_per_side: float
    power: float
    sd: float | None
    p: float | None
    method: str
    note: str = ""


def _t_power(n: float, effect: float, alpha_side: float, paired: bool) -> float:
    """Return P(the one-sided t test at ALPHA_SIDE rejects) at n per arm (pairs)."""
    if paired:
        df, ncp = n - 1, effect * np.sqrt(n)
    else:
        df, ncp = 2 * n - 2, effect * np.sqrt(n / 2)
    critical = special.stdtrit(df, 1 - alpha_side)
    return float(stats.nct.sf(critical, df, ncp))


def _t_sample_size(effect: float, alpha_side: float, power: float, paired: bool):
    """Return the unrounded n (per arm or pairs) where the t test reaches POWER."""
    z = special.ndtri(1 - alpha_side) + special.ndtri(power)
    normal = (1 if paired else 2) * (z / effect) ** 2
    low = 2.0 + 1e-9
    if _t_power(low, effect, alpha_side, paired) >= power:
        return low
    high = max(2 * normal, 4.0)
    while _t_power(high, effect, alpha_side, paired) < power:
        high *= 2
    return float(
        optimize.brentq(
            lambda n: _t_power(n, effect, alpha_side, paired) - power, low, high
        )
    )


def _check_positive(value, name: str, upper: float | None = None) -> float:
    """Return VALUE if it is a positive number (below UPPER when given)."""
    number = float(value)
    if (
        not np.isfinite(number)
        or number <= 0
        or (upper is not None and number >= upper)
    ):
        bound = f" and below {upper:g}" if upper is not None else ""
        raise ValueError(f"{name} must be a positive number{bound}, got {value!r}")
    return number


def planned_n(
    margin,
    *,
    kind: str = "ordinal",
    paired: bool = False,
    alpha: float = 0.05,
    family_size: int = 1,
    power: float = 0.8,
    sd: float | None = None,
    p: float | None = None,
) -> PlannedSize:
    """Return the n per variant the margin needs at the family's adjusted alpha.

    ``sd`` (rating items; paired: SD of the differences) and ``p`` (yes/no)
    default to the module's documented assumptions.
    """
    margin = check_margin(margin, kind)
    alpha, family_size = check_family(alpha, family_size)
    power = _check_positive(power, "power", 1.0)
    alpha_side = alpha / (2 * family_size)
    design = "paired" if paired else "two arms"
    if kind == "ordinal":
        sd = DEFAULT_SD if sd is None else _check_positive(sd, "sd")
        exact = _t_sample_size(margin / sd, alpha_side, power, paired)
        method = f"noncentral t ({design}), one-sided alpha/(2m)"
        note = f"SD {sd:g} scale points" + (" (of the differences)" if paired else "")
        p_used = None
    else:
        p_used = DEFAULT_P if p is None else _check_positive(p, "p", 1.0)
        variance = 2 * p_used * (1 - p_used)
        if paired:
            variance *= 1 - DEFAULT_CORRELATION
        z = special.ndtri(1 - alpha_side) + special.ndtri(power)
        exact = float(variance * (z / margin) ** 2)
        method = f"normal approximation ({design}), one-sided alpha/(2m)"
        note = f"share of yes {p_used:g}"
        if paired:
            note += f", correlation {DEFAULT_CORRELATION:g} within a person"
        sd = None
    return PlannedSize(
        n_per_variant=int(np.ceil(exact - 1e-9)),
        exact_n=exact,
        margin=margin,
        kind=kind,
        paired=bool(paired),
        alpha=alpha,
        family_size=family_size,
        alpha_per_side=alpha_side,
        power=power,
        sd=sd,
        p=p_used,
        method=method,
        note=note,
    )
