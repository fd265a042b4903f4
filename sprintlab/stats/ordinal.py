"""Rank tests and rank effect sizes for two independent arms (between subjects).

Orientation everywhere: ``(control, variant)`` in, effects as variant minus
control, ``alternative="greater"`` meaning the variant tends to score higher.
Each function also has a ``*_blocks`` form that takes the arms as counts per
distinct value (:class:`~.blocks.Blocks`), so a caller that has counted once
(a 1-7 item: 7 counts per arm) pays O(7^2) per test instead of O(n log n).
"""

from __future__ import annotations

from math import comb

import numpy as np
from scipy import special

from ._checks import as_sample, check_alternative, check_confidence, join_notes
from ._checks import missing_note as _missing_note
from .blocks import Blocks, placement_parts
from .exact import few_splits, log_splits, rank_sum_distribution, tail_p_value
from .inversion import reach_note, sizes_phrase
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


def normal_p_value(z: float, alternative: str) -> float:
    """Return the p-value of a standard normal statistic (large = variant greater)."""
    if alternative == "greater":
        return float(special.ndtr(-z))
    if alternative == "less":
        return float(special.ndtr(z))
    return float(min(1.0, 2 * special.ndtr(-abs(z))))


def t_p_value(t: float, df: float, alternative: str) -> float:
    """Return the p-value of a t statistic with ``df`` (large = variant greater)."""
    if alternative == "greater":
        return float(special.stdtr(df, -t))
    if alternative == "less":
        return float(special.stdtr(df, t))
    return float(2 * special.stdtr(df, -abs(t)))


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
    return mann_whitney_blocks(
        Blocks.from_samples(c, v),
        alternative=alternative,
        use_continuity=use_continuity,
        method=method,
        note=note,
    )


def _asymptotic_mw_p(blocks: Blocks, u: float, alternative: str, continuity: bool):
    """Return scipy's tie-corrected normal p-value, computed from the counts."""
    n_v, n_c = blocks.n_variant, blocks.n_control
    n = n_v + n_c
    if alternative == "greater":
        statistic, factor = u, 1.0
    elif alternative == "less":
        statistic, factor = n_v * n_c - u, 1.0
    else:
        statistic, factor = max(u, n_v * n_c - u), 2.0
    s = np.sqrt(n_v * n_c / 12 * ((n + 1) - blocks.tie_term / (n * (n - 1))))
    numerator = statistic - n_v * n_c / 2 - (0.5 if continuity else 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = numerator / s
    return float(np.clip(special.ndtr(-z) * factor, 0.0, 1.0))


def mann_whitney_blocks(
    blocks: Blocks,
    *,
    alternative: str = "two-sided",
    use_continuity: bool = True,
    method: str | None = None,
    note: str = "",
) -> TestResult:
    """Return the Mann-Whitney U test of two arms given as counts per value."""
    n_v, n_c = blocks.n_variant, blocks.n_control
    u = blocks.u_variant
    if method is None:
        method = "exact" if few_splits(n_c + n_v, n_v) else "asymptotic"
    if blocks.values.size == 1:
        note = join_notes(note, "all answers are identical: no evidence either way")
        p_value = 1.0
    elif method == "exact":
        doubled = blocks.doubled_ranks()
        support, probs = rank_sum_distribution(np.repeat(doubled, blocks.sizes), n_v)
        observed = float((doubled * blocks.variant).sum())
        p_value = tail_p_value(support, probs, observed, alternative)
    else:
        p_value = _asymptotic_mw_p(blocks, u, alternative, use_continuity)
    return TestResult(
        test="Mann-Whitney U",
        statistic=u,
        p_value=p_value,
        alternative=alternative,
        method=method,
        statistic_name="U (variant)",
        note=note,
    )


def _bm_statistic(cnt_v: np.ndarray, cnt_c: np.ndarray) -> np.ndarray:
    """Return the Brunner-Munzel statistic; +-inf under complete separation."""
    p_hat, se, _ = placement_parts(cnt_v, cnt_c)
    return _statistic_of(p_hat, se)


def _statistic_of(p_hat, se):
    """Return (p-hat - 1/2) / se, or its limit when the variance is 0."""
    p_hat, se = np.asarray(p_hat, dtype=float), np.asarray(se, dtype=float)
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


def _bm_null(blocks: Blocks):
    """Return the permutation distribution of the Brunner-Munzel statistic.

    (null values, their probabilities, method, extra): every split when there
    are few (extra = 0), else PERMUTATION_RESAMPLES random splits with the
    observed split counted once more (extra = its probability), as the
    p-value (hits + 1) / (resamples + 1) does.
    """
    n_v, n_c = blocks.n_variant, blocks.n_control
    sizes = blocks.sizes
    if few_splits(n_v + n_c, n_v):
        rows, weights = split_count_vectors(sizes, n_v)
        null = _bm_statistic(rows, sizes - rows)
        return null, weights / comb(n_v + n_c, n_v), "permutation (all splits)", 0.0
    rng = np.random.default_rng(PERMUTATION_SEED)
    rows = rng.multivariate_hypergeometric(sizes, n_v, size=PERMUTATION_RESAMPLES)
    null = _bm_statistic(rows, sizes - rows)
    share = 1.0 / (PERMUTATION_RESAMPLES + 1)
    return null, np.full(null.size, share), "permutation (random)", share


def _bm_permutation_p(blocks: Blocks, alternative: str):
    """Return the studentized permutation p-value of Brunner-Munzel."""
    observed = float(_bm_statistic(blocks.variant, blocks.control))
    null, probs, method, extra = _bm_null(blocks)
    p_value = float(probs[_exceeds(null, observed, alternative)].sum() + extra)
    return observed, min(p_value, 1.0), method


def permutation_critical_value(blocks: Blocks, confidence: float) -> float:
    """Return t*: the largest |W| the two-sided permutation test does not reject.

    The studentized permutation distribution stands in for the sampling
    distribution of (p-hat - p) / se (Pauly, Asendorpf & Konietschke 2016),
    so p-hat +- t* se is the interval this test implies: it excludes 1/2
    exactly when the permutation test rejects. inf when no split is extreme
    enough to reject.
    """
    null, probs, _, extra = _bm_null(blocks)
    size = np.abs(null)
    order = np.argsort(size, kind="stable")
    size, probs = size[order], probs[order]
    at_least = np.cumsum(probs[::-1])[::-1] + extra  # P(|W| >= size_i)
    # Values within the test's tolerance count as one (see _exceeds).
    rounded = np.where(np.isfinite(size), np.round(size, 9), np.inf)
    _, first, group = np.unique(rounded, return_index=True, return_inverse=True)
    kept = np.flatnonzero(at_least[first][group] >= (1.0 - confidence) - 1e-12)
    if not kept.size:
        return 0.0
    critical = float(size[kept[-1]])
    return critical + 1e-9 * max(1.0, critical) if np.isfinite(critical) else np.inf


def _separation_count(sizes: np.ndarray, n_v: int, alternative: str) -> int:
    """Count splits that separate the arms completely in the tested direction."""
    top = bool(np.isin(n_v, np.cumsum(sizes[::-1])))
    bottom = bool(np.isin(n_v, np.cumsum(sizes)))
    if alternative == "greater":
        return int(top)
    if alternative == "less":
        return int(bottom)
    return int(top) + int(bottom)


def brunner_munzel(control, variant, *, alternative: str = "two-sided") -> TestResult:
    """Return the Brunner-Munzel test, by permutation below 10 answers per arm."""
    check_alternative(alternative)
    c, v, note = _two_arms(control, variant)
    return brunner_munzel_blocks(
        Blocks.from_samples(c, v), alternative=alternative, note=note
    )


def brunner_munzel_blocks(
    blocks: Blocks, *, alternative: str = "two-sided", note: str = ""
) -> TestResult:
    """Return the Brunner-Munzel test of two arms given as counts per value."""
    name = "Brunner-Munzel"
    n_v, n_c = blocks.n_variant, blocks.n_control
    if min(n_c, n_v) < 2:
        note = join_notes(note, "Brunner-Munzel needs at least 2 answers per arm")
        return TestResult(name, np.nan, np.nan, alternative, "", "W", note=note)
    if min(n_c, n_v) < BRUNNER_MUNZEL_MIN_PER_ARM:
        w, p_value, method = _bm_permutation_p(blocks, alternative)
        note = join_notes(note, f"fewer than {BRUNNER_MUNZEL_MIN_PER_ARM} per arm")
        return TestResult(name, w, p_value, alternative, method, "W", note=note)
    p_hat, se, df = blocks.placements
    w = float(_statistic_of(p_hat, se))
    if np.isinf(w):
        count = _separation_count(blocks.sizes, n_v, alternative)
        p_value = count * float(np.exp(-log_splits(n_v + n_c, n_v)))
        if alternative == "less" and w > 0 or alternative == "greater" and w < 0:
            p_value = 1.0
        note = join_notes(
            note,
            "complete separation: variance is 0, so the p-value is the exact "
            "permutation probability of a split this extreme",
        )
        return TestResult(name, w, p_value, alternative, "permutation", "W", note=note)
    if w == 0.0 and blocks.values.size == 1:
        note = join_notes(note, "all answers are identical: no evidence either way")
        return TestResult(name, 0.0, 1.0, alternative, "t", "W", note=note)
    # scipy's brunnermunzel(variant, control) gives -w with this p-value.
    p_value = t_p_value(w, float(df), alternative)
    return TestResult(name, w, p_value, alternative, "t", "W", float(df), note)


def _nearest_tie(blocks: Blocks) -> Blocks:
    """Return the blocks with the higher arm's lowest answer moved onto the other's top.

    Defined by which arm is higher, not by role, so swapping the arms gives
    the mirror image (and the same variance).
    """
    c, v = blocks.control.copy(), blocks.variant.copy()
    variant_higher = np.flatnonzero(v)[0] > np.flatnonzero(c)[-1]
    high, low = (v, c) if variant_higher else (c, v)
    high[np.flatnonzero(high)[0]] -= 1
    high[np.flatnonzero(low)[-1]] += 1
    return Blocks(blocks.values, c, v)


def superiority_parts(c: np.ndarray, v: np.ndarray) -> tuple[float, float, float, str]:
    """Return p*, its Brunner-Munzel standard error, df and a note (clean arrays).

    The standard error is nan when undefined (an arm with one answer, or all
    answers identical). Under complete separation the estimate is 0 or 1 and
    the plug-in variance is 0, which would claim certainty; the variance of
    the nearest data that are not separated (the closest pair tied) is used
    instead, and the note says so.
    """
    return superiority_blocks(Blocks.from_samples(np.asarray(c), np.asarray(v)))


def superiority_blocks(blocks: Blocks) -> tuple[float, float, float, str]:
    """Return ``superiority_parts`` for two arms given as counts per value."""
    n_v, n_c = blocks.n_variant, blocks.n_control
    p_hat = blocks.u_variant / (n_c * n_v)
    if min(n_c, n_v) < 2:
        return p_hat, np.nan, np.nan, "an interval needs at least 2 answers per arm"
    _, se, df = blocks.placements
    if se >= 1e-12:
        return p_hat, float(se), float(df), ""
    if p_hat == 0.5:
        return p_hat, np.nan, np.nan, "all answers are identical: no interval"
    near = _nearest_tie(blocks)
    _, se, df = near.placements
    note = "complete separation: interval uses the variance with the closest pair tied"
    return p_hat, float(se), float(df), note


def probability_of_superiority(
    control, variant, *, confidence: float = 0.95
) -> Estimate:
    """Return p* = P(variant > control) + P(tie)/2 with the Brunner-Munzel interval."""
    check_confidence(confidence)
    c, v, note = _two_arms(control, variant)
    return superiority_estimate(Blocks.from_samples(c, v), confidence, note)


def superiority_estimate(blocks: Blocks, confidence: float, note: str = "") -> Estimate:
    """Return the probability of superiority of two arms given as counts per value.

    The interval inverts the Brunner-Munzel test reported next to it: the t
    interval from 10 answers per arm, below that the studentized
    permutation interval (see :func:`permutation_critical_value`). It
    excludes 1/2 exactly when that test rejects; when no data could make it
    reject, it is [0, 1].
    """
    p_hat, se, df, why = superiority_blocks(blocks)
    note = join_notes(note, why)
    name, method = "probability of superiority", "Brunner-Munzel t interval"
    if np.isnan(se):
        return Estimate(name, p_hat, np.nan, np.nan, confidence, method, note)
    n_v, n_c = blocks.n_variant, blocks.n_control
    if min(n_c, n_v) < BRUNNER_MUNZEL_MIN_PER_ARM:
        method = "Brunner-Munzel studentized permutation interval"
        note = join_notes(note, f"fewer than {BRUNNER_MUNZEL_MIN_PER_ARM} per arm")
        critical = permutation_critical_value(blocks, confidence)
        if np.isinf(critical):
            null, probs, _, extra = _bm_null(blocks)
            reach = 1.0 - float(probs[np.isinf(null)].sum() + extra)
            note = join_notes(
                note, reach_note(reach, confidence, sizes_phrase(n_c, n_v, False))
            )
            return Estimate(name, p_hat, 0.0, 1.0, confidence, method, note, reach)
    else:
        critical = float(special.stdtrit(df, 0.5 + confidence / 2))
    low, high = max(0.0, p_hat - critical * se), min(1.0, p_hat + critical * se)
    if p_hat in (0.0, 1.0):
        # Complete separation: the test's p is the chance of a split this
        # extreme; when it rejects, the interval must leave 1/2 out as well.
        test = brunner_munzel_blocks(blocks)
        if test.p_value < 1.0 - confidence:
            if p_hat == 1.0:
                low = max(low, float(np.nextafter(0.5, 1.0)))
            else:
                high = min(high, float(np.nextafter(0.5, 0.0)))
    return Estimate(name, p_hat, low, high, confidence, method, note)


def cliffs_delta(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return Cliff's delta (= rank-biserial = 2 p* - 1) with its interval."""
    return delta_from_superiority(
        probability_of_superiority(control, variant, confidence=confidence)
    )


def delta_from_superiority(sup: Estimate) -> Estimate:
    """Return Cliff's delta from the probability of superiority and its interval."""
    return Estimate(
        "Cliff's delta",
        2 * sup.estimate - 1,
        2 * sup.ci_low - 1,
        2 * sup.ci_high - 1,
        sup.confidence,
        sup.method,
        sup.note,
        sup.achieved_confidence,
    )
