"""Location shifts and standardised differences: Hodges-Lehmann, Welch, Hedges' g.

Orientation: ``(control, variant)`` in, variant minus control out.
"""

from __future__ import annotations

from math import comb

import numpy as np
from scipy import special, stats

from ._checks import as_pairs, as_sample, check_confidence, join_notes, missing_note
from .blocks import Blocks
from .exact import EXACT_SIGNED_RANK_MAX_N, few_splits
from .inversion import reach_note, sizes_phrase
from .ordinal import mann_whitney_blocks
from .paired import signed_rank_p
from .rank_intervals import MAX_BREAKPOINTS, inverted_interval, lattice_unit
from .results import Estimate

#: Above this many distinct pairs the k-th difference is found by bisection.
PAIR_TABLE_LIMIT = 4_000_000


def _two_arms(control, variant):
    """Return both arms without missing values, and the note saying so."""
    c, c_missing = as_sample(control, "control")
    v, v_missing = as_sample(variant, "variant")
    return c, v, missing_note(c_missing + v_missing)


def _select(ks, count_le, smallest_above, lo: float, hi: float) -> np.ndarray:
    """Return the k-th smallest value of an implicit sorted multiset, for each k."""
    out = []
    for k in np.atleast_1d(ks):
        low, high = lo, hi  # invariant: count_le(low) < k <= count_le(high)
        while True:
            candidate = smallest_above(low)
            if count_le(candidate) >= k:
                out.append(candidate)
                break
            low = candidate
            middle = 0.5 * (low + high)
            if count_le(middle) >= k:
                high = middle
            else:
                low = middle
    return np.array(out)


def _first_true(predicate, start: np.ndarray, stop: int) -> np.ndarray:
    """Return per row the first index in [start, stop) where a monotone predicate holds.

    ``predicate(index)`` gets one index per row; rows where it never holds
    get ``stop``. A vectorised binary search, so the comparisons are made on
    exactly the floating-point values whose order statistics are wanted.
    """
    lo, hi = start.copy(), np.full_like(start, stop)
    while (active := lo < hi).any():
        mid = (lo + hi) // 2
        holds = predicate(np.minimum(mid, stop - 1)) & active
        hi = np.where(holds, mid, hi)
        lo = np.where(active & ~holds, mid + 1, lo)
    return lo


def _weighted_kth(values: np.ndarray, weights: np.ndarray, ks) -> np.ndarray:
    """Return the k-th smallest values of a multiset given as values and weights."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    index = np.searchsorted(cumulative, np.asarray(ks, dtype=float), side="left")
    return values[order][index]


def kth_difference(control: np.ndarray, variant: np.ndarray, ks) -> np.ndarray:
    """Return the k-th smallest (1-based) of all differences variant - control."""
    uv, cv = np.unique(variant, return_counts=True)
    uc, cc = np.unique(control, return_counts=True)
    return kth_difference_counts(uc, cc, uv, cv, ks)


def kth_difference_counts(uc, cc, uv, cv, ks) -> np.ndarray:
    """Return ``kth_difference`` for arms given as distinct values and their counts."""
    if uv.size * uc.size <= PAIR_TABLE_LIMIT:
        diffs = (uv[:, None] - uc[None, :]).ravel()
        return _weighted_kth(diffs, (cv[:, None] * cc[None, :]).ravel(), ks)
    v, c = np.repeat(uv, cv), np.repeat(uc, cc)
    start = np.zeros(v.size, dtype=np.int64)

    def first_at_most(x):  # per row: first j with v_i - c_j <= x (falls with j)
        """Return per variant answer the first control index within ``x``."""
        return _first_true(lambda j: v - c[j] <= x, start, c.size)

    def count_le(x):
        """Return how many values are at most ``x``."""
        return int((c.size - first_at_most(x)).sum())

    def smallest_above(x):
        """Return the smallest value above ``x``."""
        j = first_at_most(x) - 1
        return float((v - c[np.maximum(j, 0)])[j >= 0].min())

    return _select(ks, count_le, smallest_above, v[0] - c[-1] - 1.0, v[-1] - c[0])


def kth_walsh_average(d: np.ndarray, ks) -> np.ndarray:
    """Return the k-th smallest (1-based) Walsh average (d_i + d_j)/2, i <= j."""
    u, cnt = np.unique(d, return_counts=True)
    if u.size**2 <= PAIR_TABLE_LIMIT:
        i, j = np.triu_indices(u.size)
        weights = np.where(i == j, cnt[i] * (cnt[i] + 1) / 2, cnt[i] * cnt[j])
        return _weighted_kth((u[i] + u[j]) / 2, weights.astype(float), ks)
    d = np.sort(d)
    idx = np.arange(d.size)

    def first_above(x):  # per row i: first j >= i with (d_i + d_j)/2 > x
        """Return per row the first partner whose Walsh average exceeds ``x``."""
        return _first_true(lambda j: (d + d[j]) / 2 > x, idx, d.size)

    def count_le(x):
        """Return how many values are at most ``x``."""
        return int((first_above(x) - idx).sum())

    def smallest_above(x):
        """Return the smallest value above ``x``."""
        j = first_above(x)
        ok = j < d.size
        return float(((d + d[np.minimum(j, d.size - 1)]) / 2)[ok].min())

    return _select(ks, count_le, smallest_above, d[0] - 1.0, d[-1])


def _normal_order_index(n_stats: float, sd: float, confidence: float) -> int:
    """Return the order-statistic index of a normal-approximation interval."""
    z = special.ndtri(0.5 + confidence / 2)  # stats.norm.ppf
    return max(1, int(np.floor(n_stats / 2 - z * sd + 0.5)))


#: The note when ties put the median difference outside the test's interval.
OUTSIDE_NOTE = (
    "the median difference lies outside the interval: with these ties the "
    "answers do not differ by a plain shift"
)


def _outside_note(estimate: float, low: float, high: float) -> str:
    """Return OUTSIDE_NOTE when the estimate is not in [low, high]."""
    return OUTSIDE_NOTE if not low <= estimate <= high else ""


def _zero_width_note(low: float, high: float) -> str:
    """Return a caution when heavy ties collapse the shift interval to a point."""
    if low != high:
        return ""
    return "zero-width interval (heavily tied answers): see the effect size instead"


def hodges_lehmann(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return the median of all differences variant - control with its interval.

    The interval inverts the Mann-Whitney test: exact (as R's wilcox.test) when
    there are no ties and both arms have fewer than 50 answers, otherwise the
    normal approximation with the tie-corrected variance of U.
    """
    check_confidence(confidence)
    c, v, note = _two_arms(control, variant)
    return hodges_lehmann_blocks(Blocks.from_samples(c, v), confidence, note)


def hodges_lehmann_blocks(blocks: Blocks, confidence: float, note: str = ""):
    """Return the Hodges-Lehmann shift of two arms given as counts per value.

    The interval is the set of shifts the reported Mann-Whitney test does not
    reject (see :mod:`.rank_intervals`); with many distinct continuous
    answers, the order-statistic form of the same inversion.
    """
    m, n = blocks.n_variant, blocks.n_control
    mn = m * n
    in_v, in_c = blocks.variant > 0, blocks.control > 0
    arms = (
        blocks.values[in_c],
        blocks.control[in_c],
        blocks.values[in_v],
        blocks.variant[in_v],
    )
    middle_low, middle_high = kth_difference_counts(*arms, [(mn + 1) // 2, mn // 2 + 1])
    estimate = float((middle_low + middle_high) / 2)
    name = "Hodges-Lehmann shift"
    breakpoints = np.unique(arms[2][:, None] - arms[0][None, :])
    if breakpoints.size <= MAX_BREAKPOINTS:
        exact = few_splits(n + m, m)
        reach = 1.0 - 2.0 / comb(n + m, m) if exact else 1.0
        low, high, why = inverted_interval(
            lambda d: mann_whitney_blocks(shifted_blocks(blocks, d)).p_value,
            breakpoints,
            confidence,
            lattice_unit(blocks.values, 1.0),
        )
        kind = "exact, ties included" if exact else "normal approximation"
        method = f"{kind} (inverted Mann-Whitney)"
        achieved = None if reach >= confidence - 1e-12 else reach
        note = join_notes(
            note,
            reach_note(reach, confidence, sizes_phrase(n, m, False)),
            why,
            _zero_width_note(low, high),
        )
        note = join_notes(note, _outside_note(estimate, low, high))
        return Estimate(name, estimate, low, high, confidence, method, note, achieved)
    big_n = m + n
    tie_term = blocks.tie_term / (big_n * (big_n - 1)) if big_n > 1 else 0
    sd = np.sqrt(mn / 12 * (big_n + 1 - tie_term))
    k = _normal_order_index(mn, sd, confidence)
    method = "normal approximation (inverted Mann-Whitney, order statistics)"
    low, high = kth_difference_counts(*arms, [k, mn - k + 1])
    note = join_notes(note, _zero_width_note(low, high))
    return Estimate(name, estimate, low, high, confidence, method, note)


def shifted_blocks(blocks: Blocks, shift: float) -> Blocks:
    """Return the blocks with every variant answer lowered by SHIFT."""
    in_c, in_v = blocks.control > 0, blocks.variant > 0
    # Rounded so that a shift equal to a pairwise difference makes an exact tie.
    values = np.round(
        np.concatenate([blocks.values[in_c], blocks.values[in_v] - shift]), 12
    )
    unique, where = np.unique(values, return_inverse=True)
    split = int(in_c.sum())
    counts_c = np.bincount(where[:split], blocks.control[in_c], unique.size)
    counts_v = np.bincount(where[split:], blocks.variant[in_v], unique.size)
    return Blocks(unique, counts_c.astype(np.int64), counts_v.astype(np.int64))


def pseudo_median(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return the paired Hodges-Lehmann shift (median Walsh average) and interval.

    As R's ``wilcox.test(paired = TRUE, conf.int = TRUE)``, zero differences
    are left out of the estimate, as they are left out of the test; the
    interval is the set of shifts the reported signed-rank test does not
    reject (see :mod:`.rank_intervals`); with many distinct continuous
    differences, the order-statistic form of the same inversion.
    """
    check_confidence(confidence)
    c, v, dropped = as_pairs(control, variant)
    all_d = v - c
    d = all_d[all_d != 0] if (all_d != 0).any() else all_d
    n = d.size
    total = n * (n + 1) // 2
    estimate = float(kth_walsh_average(d, [(total + 1) // 2, total // 2 + 1]).mean())
    name = "Hodges-Lehmann shift (paired)"
    unique = np.unique(all_d)  # zeros too: they leave the test as d moves
    i, j = np.triu_indices(unique.size)
    breakpoints = np.unique((unique[i] + unique[j]) / 2)
    if breakpoints.size <= MAX_BREAKPOINTS:
        exact = all_d.size <= EXACT_SIGNED_RANK_MAX_N
        reach = 1.0 - 2.0 ** (1 - all_d.size) if exact else 1.0
        low, high, why = inverted_interval(
            lambda shift: signed_rank_p(np.round(all_d - shift, 12)),
            breakpoints,
            confidence,
            lattice_unit(d, 0.5),
        )
        kind = "exact, ties included" if exact else "normal approximation"
        method = f"{kind} (inverted signed-rank)"
        achieved = None if reach >= confidence - 1e-12 else reach
        note = join_notes(
            missing_note(dropped),
            reach_note(reach, confidence, sizes_phrase(all_d.size, n, True)),
            why,
            _zero_width_note(low, high),
            _outside_note(estimate, low, high),
        )
        return Estimate(name, estimate, low, high, confidence, method, note, achieved)
    _, ties = np.unique(np.abs(d), return_counts=True)
    var = n * (n + 1) * (2 * n + 1) / 24 - (ties**3 - ties).sum() / 48
    k = _normal_order_index(total, np.sqrt(var), confidence)
    method = "normal approximation (inverted signed-rank, order statistics)"
    low, high = kth_walsh_average(d, [k, total - k + 1])
    note = join_notes(missing_note(dropped), _zero_width_note(low, high))
    return Estimate(name, estimate, low, high, confidence, method, note)


def welch_mean_difference(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return mean(variant) - mean(control) with the Welch t interval."""
    check_confidence(confidence)
    c, v, note = _two_arms(control, variant)
    return welch_blocks(Blocks.from_samples(c, v), confidence, note)


def arm_moments(values: np.ndarray, counts: np.ndarray) -> tuple[int, float, float]:
    """Return n, mean and the sum of squared deviations of one arm's counts."""
    n = int(counts.sum())
    mean = float((counts * values).sum() / n)
    return n, mean, float((counts * (values - mean) ** 2).sum())


def welch_blocks(blocks: Blocks, confidence: float, note: str = "") -> Estimate:
    """Return the Welch mean difference of two arms given as counts per value.

    The interval is the one ``scipy.stats.ttest_ind(equal_var=False)`` gives.
    """
    n_c, mean_c, ss_c = arm_moments(blocks.values, blocks.control)
    n_v, mean_v, ss_v = arm_moments(blocks.values, blocks.variant)
    diff = mean_v - mean_c
    name, method = "mean difference", "Welch t interval"
    if min(n_c, n_v) < 2:
        note = join_notes(note, "an interval needs at least 2 answers per arm")
        return Estimate(name, diff, np.nan, np.nan, confidence, method, note)
    if _constant(blocks):
        note = join_notes(note, "both arms have zero variance: no interval")
        return Estimate(name, diff, np.nan, np.nan, confidence, method, note)
    part_v, part_c = ss_v / (n_v - 1) / n_v, ss_c / (n_c - 1) / n_c
    df = (part_v + part_c) ** 2 / (part_v**2 / (n_v - 1) + part_c**2 / (n_c - 1))
    se = np.sqrt(part_v + part_c)
    tail = (1 - confidence) / 2
    low, high = special.stdtrit(df, np.array([tail, 1 - tail])) * se + diff
    return Estimate(name, diff, float(low), float(high), confidence, method, note)


def _constant(blocks: Blocks) -> bool:
    """Return whether each arm gives a single value."""
    return (blocks.control > 0).sum() == 1 and (blocks.variant > 0).sum() == 1


def paired_mean_difference(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return the mean paired difference variant - control with the paired t CI."""
    check_confidence(confidence)
    c, v, dropped = as_pairs(control, variant)
    d = v - c
    diff, note = float(d.mean()), missing_note(dropped)
    name, method = "mean difference (paired)", "paired t interval"
    if d.size < 2 or np.ptp(d) == 0:
        why = "fewer than 2 pairs" if d.size < 2 else "all differences are equal"
        note = join_notes(note, f"{why}: no interval")
        return Estimate(name, diff, np.nan, np.nan, confidence, method, note)
    low, high = stats.ttest_rel(v, c).confidence_interval(confidence)
    return Estimate(name, diff, float(low), float(high), confidence, method, note)
