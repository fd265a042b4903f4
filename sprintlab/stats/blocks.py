"""Answers as counts per distinct value: everything a rank method needs.

Mid-ranks, U, the tie correction, Brunner-Munzel placements, Kruskal-Wallis
rank sums and the pairwise differences behind Hodges-Lehmann depend on the
data only through how many answers of each arm share each value. On a 1-7
scale that is two vectors of 7 counts, so after one counting pass a
comparison costs O(7^2) instead of O(n log n). The same code serves
continuous data, where most blocks hold a single answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True, eq=False)
class Blocks:
    """Two arms as answer counts per distinct value, values ascending.

    Attributes:
        values: The distinct values that occur in either arm, ascending.
        control: How many control answers have each value.
        variant: How many variant answers have each value.
    """

    values: np.ndarray
    control: np.ndarray
    variant: np.ndarray

    @classmethod
    def from_samples(cls, control: np.ndarray, variant: np.ndarray) -> Blocks:
        """Return the blocks of two clean (NaN-free) samples."""
        values, where = np.unique(
            np.concatenate([variant, control]), return_inverse=True
        )
        return cls(
            values,
            np.bincount(where[variant.size :], minlength=values.size),
            np.bincount(where[: variant.size], minlength=values.size),
        )

    @classmethod
    def from_counts(cls, values, control, variant) -> Blocks:
        """Return the blocks of counts per value, leaving out values nobody gave."""
        values = np.asarray(values, dtype=float)
        control = np.asarray(control, dtype=np.int64)
        variant = np.asarray(variant, dtype=np.int64)
        used = (control + variant) > 0
        return cls(values[used], control[used], variant[used])

    @cached_property
    def n_control(self) -> int:
        """Return the number of control answers."""
        return int(self.control.sum())

    @cached_property
    def n_variant(self) -> int:
        """Return the number of variant answers."""
        return int(self.variant.sum())

    @cached_property
    def sizes(self) -> np.ndarray:
        """Return the pooled number of answers per value (the tie blocks)."""
        return self.control + self.variant

    @cached_property
    def u_variant(self) -> float:
        """Return U of the variant: pairs where it is higher, ties counting 1/2."""
        below = np.cumsum(self.control) - self.control
        return float((self.variant * (below + 0.5 * self.control)).sum())

    @cached_property
    def tie_term(self) -> float:
        """Return the sum over tie blocks of t^3 - t."""
        t = self.sizes.astype(float)
        return float((t**3 - t).sum())

    @cached_property
    def placements(self) -> tuple[float, float, float]:
        """Return p-hat, its Brunner-Munzel standard error and the Welch df."""
        p_hat, se, df = placement_parts(self.variant, self.control)
        return float(p_hat), float(se), float(df)

    def doubled_ranks(self) -> np.ndarray:
        """Return twice the mid-rank of each block (whole numbers)."""
        t = self.sizes
        return 2 * (np.cumsum(t) - t) + t + 1


def placement_parts(cnt_v: np.ndarray, cnt_c: np.ndarray):
    """Return p-hat, its Brunner-Munzel standard error and the Welch df from counts.

    Works along the last axis, so a batch of splits is one call. A variant
    answer's placement is how many control answers lie below it (ties count
    one half), and likewise for control answers.
    """
    n_v, n_c = cnt_v.sum(axis=-1), cnt_c.sum(axis=-1)
    place_v = np.cumsum(cnt_c, axis=-1) - 0.5 * cnt_c
    place_c = np.cumsum(cnt_v, axis=-1) - 0.5 * cnt_v
    mean_v = (cnt_v * place_v).sum(axis=-1) / n_v
    mean_c = (cnt_c * place_c).sum(axis=-1) / n_c
    ss_v = (cnt_v * (place_v - mean_v[..., None]) ** 2).sum(axis=-1)
    ss_c = (cnt_c * (place_c - mean_c[..., None]) ** 2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_v = ss_v / (n_v - 1) / (n_v * n_c**2)
        part_c = ss_c / (n_c - 1) / (n_c * n_v**2)
        var = part_v + part_c
        df = var**2 / (part_v**2 / (n_v - 1) + part_c**2 / (n_c - 1))
    return mean_v / n_c, np.sqrt(var), df


def group_counts(groups: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct pooled values and a groups x values count table."""
    values, where = np.unique(np.concatenate(groups), return_inverse=True)
    edges = np.cumsum([0] + [g.size for g in groups])
    table = np.stack(
        [
            np.bincount(where[lo:hi], minlength=values.size)
            for lo, hi in zip(edges[:-1], edges[1:], strict=True)
        ]
    )
    return values, table


def scale_counts(values: np.ndarray, scale: tuple[int, int]) -> np.ndarray:
    """Return counts per point of ``scale`` for answers already checked to lie on it."""
    low, high = scale
    return np.bincount((values - low).astype(np.int64), minlength=high - low + 1)
