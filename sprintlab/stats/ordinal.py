"""Rank tests and rank effect sizes for two independent arms (between subjects).

Orientation everywhere: ``(control, variant)`` in, effects as variant minus
control, ``alternative="greater"`` meaning the variant tends to score higher.
"""

from __future__ import annotations

from math import comb

import numpy as np
from scipy import special, stats

from ._checks import as_sample, check_alternative, check_confidence, join_notes
from ._checks import missing_note as _missing_note
from .exact import (
    doubled_ranks,
    few_splits,
    log_splits,
    rank_sum_distribution,
    tail_p_value,
)
from .results import Estimate, TestResult

#: Below this many answers in either arm Brunner-Munzel uses permutations.
BRUNNER_MUNZEL_MIN_PER_ARM = 10
#: Random splits for a Monte Carlo permutation test (fixed seed below).
PERMUTATION_RESAMPLES = 9_999
PERMUTATION_SEED = 20_240_601


def _two_arms(control, variant, min_size: int = 1):
    """Return both arms without missing values, and the note saying so."""
    c, c_missing = as_sample(control, "control", min_size=min_size)
    v, v_missing = as_sample(variant, "variant", min_size=min_size)
    return c, v, _missing_note(c_missing + v_missing)


def u_statistic(control: np.ndarray, variant: np.ndarray) -> float:
    """Return U of the variant: pairs where it is higher, ties counting one half."""
    ranks = stats.rankdata(np.concatenate([variant, control]))
    n_v = variant.size
    return float(ranks[:n_v].sum() - n_v * (n_v + 1) / 2)


def mann_whitney(
    control,
    variant,
    *,
    alternative: str = "two-sided",
    use_continuity: bool = True,
    method: str | None = None,
) -> TestResult:
    """Return the Mann-Whitney U test, exact with ties for small samples.

    ``method=None`` follows the spec: the exact conditional (permutation)
    distribution, ties included, when C(n_c + n_v, n_v) <= 100,000 splits,
    otherwise the tie-corrected normal approximation. Pass "exact" or
    "asymptotic" to force one.
    """
    check_alternative(alternative)
    if method not in (None, "exact", "asymptotic"):
        raise ValueError(f"method must be None, 'exact' or 'asymptotic': {method!r}")
    c, v, note = _two_arms(control, variant)
    u = u_statistic(c, v)
    if method is None:
        method = "exact" if few_splits(c.size + v.size, v.size) else "asymptotic"
    if np.ptp(np.concatenate([c, v])) == 0:
        note = join_notes(note, "all answers are identical: no evidence either way")
        p_value = 1.0
    elif method == "exact":
        scores = doubled_ranks(np.concatenate([v, c]))
        support, probs = rank_sum_distribution(scores, v.size)
        observed = float(scores[: v.size].sum())
        p_value = tail_p_value(support, probs, observed, alternative)
    else:
        result = stats.mannwhitneyu(
            v,
            c,
            use_continuity=use_continuity,
            alternative=alternative,
            method="asymptotic",
        )
        p_value = float(result.pvalue)
    return TestResult(
        test="Mann-Whitney U",
        statistic=u,
        p_value=p_value,
        alternative=alternative,
        method=method,
        statistic_name="U (variant)",
        note=note,
    )


def _block_counts(variant: np.ndarray, control: np.ndarray):
    """Return per distinct pooled value (ascending) the counts in each arm."""
    values, where = np.unique(np.concatenate([variant, control]), return_inverse=True)
    cnt_v = np.bincount(where[: variant.size], minlength=values.size)
    cnt_c = np.bincount(where[variant.size :], minlength=values.size)
    return cnt_v, cnt_c


def _bm_parts(cnt_v: np.ndarray, cnt_c: np.ndarray):
    """Return p-hat, its standard error and the Welch df from block counts.

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


def _bm_statistic(cnt_v: np.ndarray, cnt_c: np.ndarray) -> np.ndarray:
    """Return the Brunner-Munzel statistic; +-inf under complete separation."""
    p_hat, se, _ = _bm_parts(cnt_v, cnt_c)
    degenerate = se < 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        w = (p_hat - 0.5) / se
    # Zero variance: all answers equal (no evidence) or complete separation.
    tied = np.abs(p_hat - 0.5) < 1e-12
    limit = np.where(tied, 0.0, np.copysign(np.inf, p_hat - 0.5))
    return np.where(degenerate, limit, w)


def _exceeds(null: np.ndarray, observed: float, alternative: str) -> np.ndarray:
    """Return which null statistics are at least as extreme as the observed one."""
    tol = 1e-9 * max(1.0, abs(observed)) if np.isfinite(observed) else 0.0
    if alternative == "greater":
        return null >= observed - tol
    if alternative == "less":
        return null <= observed + tol
    return np.abs(null) >= abs(observed) - tol


def split_count_vectors(block_sizes: np.ndarray, n_pick: int):
    """Return every way to pick ``n_pick`` from tie blocks, and its multiplicity.

    A row says how many of each block go to the variant; its weight is the
    number of splits of individual answers that give that row.
    """
    rows = np.zeros((1, 0), dtype=np.int64)
    weights = np.ones(1)
    room_after = np.cumsum(block_sizes[::-1])[::-1] - block_sizes
    for size, room in zip(block_sizes, room_after, strict=True):
        taken = rows.sum(axis=1)[:, None] + np.arange(size + 1)[None, :]
        keep, m = np.nonzero((taken <= n_pick) & (taken + room >= n_pick))
        rows = np.column_stack([rows[keep], m])
        weights = weights[keep] * special.comb(size, m)
    return rows, weights


def _bm_permutation_p(v: np.ndarray, c: np.ndarray, alternative: str):
    """Return the studentized permutation p-value of Brunner-Munzel."""
    cnt_v, cnt_c = _block_counts(v, c)
    observed = float(_bm_statistic(cnt_v, cnt_c))
    sizes = cnt_v + cnt_c
    if few_splits(v.size + c.size, v.size):
        n_splits = comb(v.size + c.size, v.size)
        rows, weights = split_count_vectors(sizes, v.size)
        null = _bm_statistic(rows, sizes - rows)
        hits = weights[_exceeds(null, observed, alternative)].sum()
        return observed, float(hits / n_splits), "permutation (all splits)"
    rng = np.random.default_rng(PERMUTATION_SEED)
    rows = rng.multivariate_hypergeometric(sizes, v.size, size=PERMUTATION_RESAMPLES)
    null = _bm_statistic(rows, sizes - rows)
    hits = int(_exceeds(null, observed, alternative).sum())
    return observed, (hits + 1) / (PERMUTATION_RESAMPLES + 1), "permutation (random)"


def _separation_count(pooled_sorted: np.ndarray, n_v: int, alternative: str) -> int:
    """Count splits that separate the arms completely in the tested direction."""
    top = pooled_sorted[-n_v - 1] < pooled_sorted[-n_v]
    bottom = pooled_sorted[n_v - 1] < pooled_sorted[n_v]
    if alternative == "greater":
        return int(top)
    if alternative == "less":
        return int(bottom)
    return int(top) + int(bottom)


def brunner_munzel(control, variant, *, alternative: str = "two-sided") -> TestResult:
    """Return the Brunner-Munzel test, by permutation below 10 answers per arm."""
    check_alternative(alternative)
    c, v, note = _two_arms(control, variant)
    name = "Brunner-Munzel"
    if min(c.size, v.size) < 2:
        note = join_notes(note, "Brunner-Munzel needs at least 2 answers per arm")
        return TestResult(name, np.nan, np.nan, alternative, "", "W", note=note)
    if min(c.size, v.size) < BRUNNER_MUNZEL_MIN_PER_ARM:
        w, p_value, method = _bm_permutation_p(v, c, alternative)
        note = join_notes(note, f"fewer than {BRUNNER_MUNZEL_MIN_PER_ARM} per arm")
        return TestResult(name, w, p_value, alternative, method, "W", note=note)
    w = float(_bm_statistic(*_block_counts(v, c)))
    if np.isinf(w):
        pooled = np.sort(np.concatenate([c, v]))
        count = _separation_count(pooled, v.size, alternative)
        p_value = count * float(np.exp(-log_splits(pooled.size, v.size)))
        if alternative == "less" and w > 0 or alternative == "greater" and w < 0:
            p_value = 1.0
        note = join_notes(
            note,
            "complete separation: variance is 0, so the p-value is the exact "
            "permutation probability of a split this extreme",
        )
        return TestResult(name, w, p_value, alternative, "permutation", "W", note=note)
    if w == 0.0 and np.ptp(np.concatenate([c, v])) == 0:
        note = join_notes(note, "all answers are identical: no evidence either way")
        return TestResult(name, 0.0, 1.0, alternative, "t", "W", note=note)
    result = stats.brunnermunzel(v, c, alternative=alternative, distribution="t")
    # scipy's statistic is oriented the other way round (second sample higher).
    _, _, df = _bm_parts(*_block_counts(v, c))
    return TestResult(
        name, w, float(result.pvalue), alternative, "t", "W", float(df), note
    )


def _nearest_tie(v: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return both arms with the higher arm's lowest answer moved onto the other's top.

    Defined by which arm is higher, not by role, so swapping the arms gives
    the mirror image (and the same variance).
    """
    v, c = v.copy(), c.copy()
    high, low = (v, c) if v.min() > c.max() else (c, v)
    high[np.argmin(high)] = low.max()
    return v, c


def superiority_parts(c: np.ndarray, v: np.ndarray) -> tuple[float, float, float, str]:
    """Return p*, its Brunner-Munzel standard error, df and a note (clean arrays).

    The standard error is nan when undefined (an arm with one answer, or all
    answers identical). Under complete separation the estimate is 0 or 1 and
    the plug-in variance is 0, which would claim certainty; the variance of
    the nearest data that are not separated (the closest pair tied) is used
    instead, and the note says so.
    """
    p_hat = u_statistic(c, v) / (c.size * v.size)
    if min(c.size, v.size) < 2:
        return p_hat, np.nan, np.nan, "an interval needs at least 2 answers per arm"
    _, se, df = _bm_parts(*_block_counts(v, c))
    if se >= 1e-12:
        return p_hat, float(se), float(df), ""
    if p_hat == 0.5:
        return p_hat, np.nan, np.nan, "all answers are identical: no interval"
    _, se, df = _bm_parts(*_block_counts(*_nearest_tie(v, c)))
    note = "complete separation: interval uses the variance with the closest pair tied"
    return p_hat, float(se), float(df), note


def probability_of_superiority(
    control, variant, *, confidence: float = 0.95
) -> Estimate:
    """Return p* = P(variant > control) + P(tie)/2 with the Brunner-Munzel interval."""
    check_confidence(confidence)
    c, v, note = _two_arms(control, variant)
    p_hat, se, df, why = superiority_parts(c, v)
    note = join_notes(note, why)
    name, method = "probability of superiority", "Brunner-Munzel t interval"
    if np.isnan(se):
        return Estimate(name, p_hat, np.nan, np.nan, confidence, method, note)
    half = float(stats.t.ppf(0.5 + confidence / 2, df)) * se
    low, high = max(0.0, p_hat - half), min(1.0, p_hat + half)
    return Estimate(name, p_hat, low, high, confidence, method, note)


def cliffs_delta(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return Cliff's delta (= rank-biserial = 2 p* - 1) with its interval."""
    sup = probability_of_superiority(control, variant, confidence=confidence)
    return Estimate(
        "Cliff's delta",
        2 * sup.estimate - 1,
        2 * sup.ci_low - 1,
        2 * sup.ci_high - 1,
        confidence,
        sup.method,
        sup.note,
    )
