"""The mean difference of two independent arms: a studentized permutation test.

The statistic is Welch's t of (variant - d) versus control, for a
hypothesised difference d. Its permutation distribution is exact under
"same distribution" and, because the statistic is studentized, also valid
for "same mean" as the arms grow (Janssen 1997), so the test of d and the
interval that inverts it are honest from 2 + 2 answers to thousands:

- few splits (C(n_c + n_v, n_v) <= EXACT_SPLITS_LIMIT): every split is
  enumerated, as counts per tie block with their multiplicities (the blocks
  are the control values and the shifted variant values, so the splits are
  listed once and only the values move with d);
- otherwise Welch's t with its Satterthwaite degrees of freedom, whose
  inversion is the usual Welch interval.

Zero variance in both arms is no reason for p = 0: the permutation argument
still applies (a split as extreme as the observed one has probability
2 / C(n_c + n_v, n_v)).
"""

from __future__ import annotations

from math import comb

import numpy as np
from scipy import special

from .blocks import Blocks
from .exact import few_splits, log_splits
from .inversion import InvertibleTest
from .ordinal import split_count_vectors, t_p_value


def welch_parts(values, counts_c, counts_v):
    """Return difference of means, Welch standard error and df (last axis = values)."""
    n_c, n_v = counts_c.sum(axis=-1), counts_v.sum(axis=-1)
    mean_c = (counts_c * values).sum(axis=-1) / n_c
    mean_v = (counts_v * values).sum(axis=-1) / n_v
    ss_c = (counts_c * (values - mean_c[..., None]) ** 2).sum(axis=-1)
    ss_v = (counts_v * (values - mean_v[..., None]) ** 2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_c, part_v = ss_c / (n_c - 1) / n_c, ss_v / (n_v - 1) / n_v
        df = (part_c + part_v) ** 2 / (part_c**2 / (n_c - 1) + part_v**2 / (n_v - 1))
    return mean_v - mean_c, np.sqrt(part_c + part_v), df


class WelchShift(InvertibleTest):
    """Welch's t test of "mean difference = d", many answers per arm."""

    test = "Welch t (mean difference)"
    method = "asymptotic"

    def __init__(self, blocks: Blocks):
        """Take the two arms as counts per value."""
        diff, se, df = welch_parts(blocks.values, blocks.control, blocks.variant)
        self.estimate, self.se, self.df = float(diff), float(se), float(df)
        self.n_total = blocks.n_control + blocks.n_variant
        self.n_variant = blocks.n_variant
        self.step = self.se if self.se > 0 else 1.0
        if self.se == 0:
            self.note = (
                "every answer within each arm is the same: the interval is a "
                "single point and p is the chance of a split this extreme"
            )

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        if self.se == 0:
            # All answers of each arm equal: only the observed split and its
            # mirror are this extreme (or every split, when d is the estimate).
            if abs(difference - self.estimate) < 1e-12:
                return 1.0, 1.0
            tiny = float(np.exp(-log_splits(self.n_total, self.n_variant)))
            return (1.0, tiny) if self.estimate > difference else (tiny, 1.0)
        t = (self.estimate - difference) / self.se
        return t_p_value(t, self.df, "less"), t_p_value(t, self.df, "greater")

    def limits(self, tail: float, checkpoints=()) -> tuple[float, float]:
        """Return the Welch interval (closed form)."""
        if self.se == 0:
            return self.estimate, self.estimate
        half = float(special.stdtrit(self.df, 1 - tail)) * self.se
        return self.estimate - half, self.estimate + half


class PermutationShift(InvertibleTest):
    """Exact studentized permutation test of "mean difference = d", few answers."""

    test = "studentized permutation (Welch t, all splits)"
    method = "exact"

    def __init__(self, blocks: Blocks):
        """List every split of the tie blocks once; only the values move with d."""
        in_c, in_v = blocks.control > 0, blocks.variant > 0
        self.values_c = blocks.values[in_c]
        self.values_v = blocks.values[in_v]
        self.sizes = np.concatenate([blocks.control[in_c], blocks.variant[in_v]])
        self.n_c, self.n_v = blocks.n_control, blocks.n_variant
        rows, weights = split_count_vectors(self.sizes, self.n_v)
        self.rows = rows.astype(float)
        self.weights = weights / comb(self.n_c + self.n_v, self.n_v)
        self.observed = np.concatenate(
            [np.zeros(self.values_c.size), self.sizes[self.values_c.size :]]
        )
        diff, se, _ = welch_parts(
            blocks.values, blocks.control.astype(float), blocks.variant.astype(float)
        )
        self.estimate = float(diff)
        self.step = float(se) if se > 0 else 0.5
        # As d runs off to infinity only the observed split stays as extreme.
        self.max_confidence = 1.0 - 2.0 / comb(self.n_c + self.n_v, self.n_v)
        self.studentized = min(self.n_c, self.n_v) >= 2
        if not self.studentized:
            self.test = "permutation (mean difference, all splits)"
            self.note = "one answer in an arm: the difference is not studentized"

    def _statistics(self, difference: float, rows: np.ndarray) -> np.ndarray:
        """Return Welch's t (variant side = ROWS) for the values shifted by d."""
        values = np.concatenate([self.values_c, self.values_v - difference])
        squares = values**2
        total, total_sq = self.sizes @ values, self.sizes @ squares
        sum_v, sq_v = rows @ values, rows @ squares
        sum_c, sq_c = total - sum_v, total_sq - sq_v
        mean_v, mean_c = sum_v / self.n_v, sum_c / self.n_c
        diff = mean_v - mean_c
        if not self.studentized:
            return diff
        scale = max(1.0, float(np.abs(values).max()))
        var_v = np.maximum(sq_v - self.n_v * mean_v**2, 0) / (self.n_v - 1)
        var_c = np.maximum(sq_c - self.n_c * mean_c**2, 0) / (self.n_c - 1)
        se = np.sqrt(var_v / self.n_v + var_c / self.n_c)
        flat = se < 1e-9 * scale
        zero = np.abs(diff) < 1e-12 * scale
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(flat, np.where(zero, 0.0, np.sign(diff) * np.inf), diff / se)
        return t

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        null = self._statistics(difference, self.rows)
        observed = float(self._statistics(difference, self.observed[None, :])[0])
        tol = 1e-9 * max(1.0, abs(observed)) if np.isfinite(observed) else 0.0
        greater = float(self.weights[null >= observed - tol].sum())
        less = float(self.weights[null <= observed + tol].sum())
        return min(less, 1.0), min(greater, 1.0)


def mean_shift_test(blocks: Blocks) -> InvertibleTest:
    """Return the exact test for few splits, Welch's t otherwise."""
    if few_splits(blocks.n_control + blocks.n_variant, blocks.n_variant):
        return PermutationShift(blocks)
    return WelchShift(blocks)
