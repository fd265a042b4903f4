"""Margins and the five verdict claims read from one simultaneous interval.

A study declares, per question, the smallest difference that matters (the
*margin*): scale points for a 7-point item, a risk difference for a yes/no
item. A verdict family has ``m`` comparisons (variants x outcomes); each
gets ONE two-sided interval at level 1 - alpha/m, oriented so that positive
means "better". The claims, first match wins:

- ``better``: lower > 0;
- ``worse``: upper < 0;
- ``equivalent``: -margin < lower and upper < margin;
- ``not_worse``: lower > -margin;
- ``unclear``: anything else.

Why the family-wise error is at most alpha, in every configuration of true
differences: each claim is wrong only when its interval misses the truth
(``better`` is wrong only if the truth is <= 0 < lower; ``worse`` only if
upper < 0 <= truth; ``not_worse`` only if truth <= -margin < lower;
``equivalent`` only if the truth lies outside (-margin, margin) while the
interval lies inside). Each interval misses with probability at most alpha/m,
so by Bonferroni the chance that any of the m intervals misses, and so that
any claim in the family is wrong, is at most alpha. ``unclear`` is never
wrong. In test terms: ``better``/``worse`` <=> two-sided p < alpha/m;
``not_worse`` <=> one-sided non-inferiority p < alpha/(2m); ``equivalent``
<=> TOST p < alpha/(2m).
"""

from __future__ import annotations

from numbers import Real

import numpy as np

#: The claims a verdict can make about one outcome, from strongest evidence.
DECISIONS = ("better", "worse", "equivalent", "not_worse", "unclear")
KINDS = ("ordinal", "binary")


def check_margin(margin, kind: str) -> float:
    """Return MARGIN as a float after checking it is a usable smallest difference.

    Scale points (ordinal) must be positive and finite; a risk difference
    (binary) must lie in (0, 1).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if isinstance(margin, bool) or not isinstance(margin, Real):
        raise ValueError(
            f"margin must be a number, got {type(margin).__name__} {margin!r}"
        )
    value = float(margin)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"margin must be a positive finite number, got {margin!r}")
    if kind == "binary" and value >= 1:
        raise ValueError(
            f"margin for a yes/no item is a risk difference below 1, got {margin!r}"
        )
    return value


def check_family(alpha, family_size) -> tuple[float, int]:
    """Return (alpha, m) after checking 0 < alpha < 1 and m a whole number >= 1."""
    if isinstance(alpha, bool) or not isinstance(alpha, Real) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if (
        isinstance(family_size, bool)
        or not isinstance(family_size, (int, np.integer))
        or family_size < 1
    ):
        raise ValueError(
            f"family_size must be a whole number >= 1, got {family_size!r}"
        )
    return float(alpha), int(family_size)


def oriented(low, high, higher_is_better: bool):
    """Return the interval (low, high) turned so that positive means better."""
    if higher_is_better:
        return low, high
    return -np.asarray(high) + 0.0, -np.asarray(low) + 0.0


def decide(lower, upper, margin: float):
    """Return the claim(s) for oriented interval bounds (arrays work elementwise)."""
    lower, upper = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    claims = np.select(
        [
            lower > 0,
            upper < 0,
            (lower > -margin) & (upper < margin),
            lower > -margin,
        ],
        list(DECISIONS[:4]),
        default=DECISIONS[4],
    )
    return str(claims) if claims.ndim == 0 else claims
