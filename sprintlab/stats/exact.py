"""Exact permutation distributions of rank statistics, ties included.

The distributions are the ones scipy's ``PermutationMethod(n_resamples=np.inf)``
enumerates split by split, but obtained by counting: every group of tied
values contributes "m of its t members picked" in C(t, m) ways. That takes
milliseconds where enumeration takes seconds; the tests check both agree.
Ranks are doubled so that mid-ranks of ties are whole numbers.
"""

from __future__ import annotations

from itertools import combinations
from math import comb, lgamma, log

import numpy as np
from scipy import special, stats

#: Largest number of splits C(n_a + n_b, n_a) for which Mann-Whitney is exact.
EXACT_SPLITS_LIMIT = 100_000
#: Largest number of non-zero pairs for which the signed-rank test is exact.
EXACT_SIGNED_RANK_MAX_N = 50
#: Rough costs in nanoseconds that decide between listing every split and
#: counting by dynamic programming: a listed split per picked score, a
#: programming step (numpy call) and a cell of its table.
LISTED_SCORE_NS, DP_STEP_NS, DP_CELL_NS = 35, 5_000, 1.5


def log_splits(n_total: int, n_pick: int) -> float:
    """Return log C(n_total, n_pick) without building a huge integer."""
    return lgamma(n_total + 1) - lgamma(n_pick + 1) - lgamma(n_total - n_pick + 1)


def few_splits(n_total: int, n_pick: int, limit: int = EXACT_SPLITS_LIMIT) -> bool:
    """Return whether C(n_total, n_pick) <= limit (exact near the boundary)."""
    approx = log_splits(n_total, n_pick)
    if approx > log(limit) + 1:
        return False
    return comb(n_total, n_pick) <= limit


def doubled_ranks(values: np.ndarray) -> np.ndarray:
    """Return 2 x mid-ranks of ``values`` as integers."""
    return np.rint(2 * stats.rankdata(values, method="average")).astype(np.int64)


def _groups(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct scores and how often each occurs."""
    values, counts = np.unique(scores, return_counts=True)
    return values.astype(np.int64), counts.astype(np.int64)


def rank_sum_distribution(scores: np.ndarray, n_pick: int):
    """Return (support, probabilities) of the sum of ``n_pick`` of ``scores``."""
    scores = np.asarray(scores, dtype=np.int64)
    n_total = scores.size
    if not 0 <= n_pick <= n_total:
        raise ValueError(f"cannot pick {n_pick} of {n_total} scores")
    n_splits = comb(n_total, n_pick)
    values, counts = _groups(scores)
    top = int(np.sort(scores)[n_total - n_pick :].sum())
    dp_steps = int(np.minimum(counts, n_pick).sum()) + values.size
    dp_cost = dp_steps * (DP_STEP_NS + DP_CELL_NS * (n_pick + 1) * (top + 1))
    if n_splits * max(n_pick, 1) * LISTED_SCORE_NS < dp_cost:
        return _enumerated_sums(scores, n_pick)
    # ways[j, s]: number of ways to pick j scores summing to s (as floats).
    ways = np.zeros((n_pick + 1, top + 1))
    ways[0, 0] = 1.0
    for value, count in zip(values, counts, strict=True):
        new = ways.copy()
        for m in range(1, min(count, n_pick) + 1):
            shift = m * value
            if shift > top:
                break
            new[m:, shift:] += (
                comb(count, m) * ways[: n_pick + 1 - m, : top + 1 - shift]
            )
        ways = new
    row = ways[n_pick]
    support = np.flatnonzero(row)
    return support, row[support] / float(n_splits)


def _enumerated_sums(scores: np.ndarray, n_pick: int):
    """Return the sum distribution by listing every pick (few picks)."""
    picks = np.array(list(combinations(range(scores.size), n_pick)), dtype=np.int64)
    sums = scores[picks].sum(axis=1) if n_pick else np.zeros(1, dtype=np.int64)
    support, counts = np.unique(sums, return_counts=True)
    return support, counts / counts.sum()


def signed_rank_distribution(scores: np.ndarray):
    """Return (support, probabilities) of the sum of a random half of ``scores``."""
    values, counts = _groups(np.asarray(scores, dtype=np.int64))
    total = int((values * counts).sum())
    prob = np.zeros(total + 1)
    prob[0] = 1.0
    for value, count in zip(values, counts, strict=True):
        weights = special.comb(count, np.arange(count + 1)) / 2.0**count
        new = np.zeros_like(prob)
        for m, weight in enumerate(weights):
            shift = m * value
            new[shift:] += weight * prob[: total + 1 - shift]
        prob = new
    support = np.flatnonzero(prob)
    return support, prob[support]


def tail_p_value(support, probs, observed: float, alternative: str) -> float:
    """Return the exact p-value of ``observed`` (large = variant greater)."""
    p_less = float(probs[support <= observed + 1e-9].sum())
    p_greater = float(probs[support >= observed - 1e-9].sum())
    if alternative == "less":
        return min(p_less, 1.0)
    if alternative == "greater":
        return min(p_greater, 1.0)
    return min(1.0, 2.0 * min(p_less, p_greater))


def quantile(support, probs, q: float) -> float:
    """Return the smallest support value whose cumulative probability is >= q."""
    cumulative = np.cumsum(probs)
    index = int(np.searchsorted(cumulative, q - 1e-12, side="left"))
    return float(support[min(index, support.size - 1)])
