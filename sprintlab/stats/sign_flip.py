"""The mean paired difference: an exact sign-flip test for few pairs, paired t after.

For "mean difference = d" the differences minus d are, under the null of a
distribution symmetric about d, equally likely to carry either sign. The
sum of the shifted differences is the statistic (the paired t is a
monotone function of it over the sign flips, since the sum of squares does
not change). Up to EXACT_MAX_PAIRS pairs all 2^n flips are enumerated; with
n pairs the smallest two-sided p-value is 2 / 2^n (5 pairs: 0.0625), so the
highest reachable level is 1 - 2^(1 - n) and a 95% interval needs 6 pairs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import special

from .inversion import InvertibleTest
from .ordinal import t_p_value

#: Up to this many pairs every sign flip is enumerated (2^15 = 32,768).
EXACT_MAX_PAIRS = 15


@lru_cache(maxsize=EXACT_MAX_PAIRS + 1)
def _all_signs(n: int) -> np.ndarray:
    """Return every vector of n signs (+1/-1) as rows, read-only."""
    bits = (np.arange(2**n)[:, None] >> np.arange(n)[None, :]) & 1
    signs = (2 * bits - 1).astype(float)
    signs.flags.writeable = False
    return signs


class SignFlipShift(InvertibleTest):
    """Exact sign-flip test of "mean paired difference = d"."""

    test = "sign-flip permutation (mean paired difference, all flips)"
    method = "exact"

    def __init__(self, differences: np.ndarray):
        """Take the paired differences variant - control."""
        self.d = np.asarray(differences, dtype=float)
        self.signs = _all_signs(self.d.size)
        self.estimate = float(self.d.mean())
        spread = float(self.d.std(ddof=1)) if self.d.size > 1 else 0.0
        self.step = spread / np.sqrt(self.d.size) if spread > 0 else 0.5
        self.max_confidence = 1.0 - 2.0 ** (1 - self.d.size)

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        shifted = self.d - difference
        observed = float(shifted.sum())
        null = self.signs @ np.abs(shifted)
        tol = 1e-9 * max(1.0, float(np.abs(shifted).sum()))
        greater = float(np.mean(null >= observed - tol))
        less = float(np.mean(null <= observed + tol))
        return less, greater


class PairedTShift(InvertibleTest):
    """Paired t test of "mean paired difference = d", many pairs."""

    test = "paired t (mean paired difference)"
    method = "asymptotic"

    def __init__(self, differences: np.ndarray):
        """Take the paired differences variant - control."""
        d = np.asarray(differences, dtype=float)
        self.n = d.size
        self.estimate = float(d.mean())
        self.se = float(d.std(ddof=1) / np.sqrt(self.n))
        self.df = self.n - 1
        self.step = self.se if self.se > 0 else 1.0
        if self.se == 0:
            self.note = (
                "every pair has the same difference: the interval is a single "
                "point and p is the chance of signs this extreme"
            )

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        if self.se == 0:
            if abs(difference - self.estimate) < 1e-12:
                return 1.0, 1.0
            tiny = 0.5**self.n  # only the observed signs are this extreme
            return (1.0, tiny) if self.estimate > difference else (tiny, 1.0)
        t = (self.estimate - difference) / self.se
        return t_p_value(t, self.df, "less"), t_p_value(t, self.df, "greater")

    def limits(self, tail: float, checkpoints=()) -> tuple[float, float]:
        """Return the paired t interval (closed form)."""
        if self.se == 0:
            return self.estimate, self.estimate
        half = float(special.stdtrit(self.df, 1 - tail)) * self.se
        return self.estimate - half, self.estimate + half


def paired_shift_test(differences: np.ndarray) -> InvertibleTest:
    """Return the exact sign-flip test up to 15 pairs, the paired t test above."""
    if differences.size <= EXACT_MAX_PAIRS:
        return SignFlipShift(differences)
    return PairedTShift(differences)
