"""Within-subjects tests for two variants: Wilcoxon signed-rank and the sign test.

Each participant rated both variants; pairs with a missing rating on either
are left out. Differences are variant minus control.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from ._checks import (
    as_pairs,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .exact import (
    EXACT_SIGNED_RANK_MAX_N,
    doubled_ranks,
    signed_rank_distribution,
    tail_p_value,
)
from .results import Estimate, TestResult

#: Bootstrap resamples and seed for the matched rank-biserial interval.
BOOTSTRAP_RESAMPLES = 4_000
BOOTSTRAP_SEED = 20_240_602


def _differences(control, variant) -> tuple[np.ndarray, str]:
    """Return the paired differences variant - control and the missing note."""
    c, v, dropped = as_pairs(control, variant)
    return v - c, missing_note(dropped)


def signed_rank_sums(d: np.ndarray) -> tuple[float, float]:
    """Return (T+, T-): rank sums of positive and negative non-zero differences."""
    d = d[d != 0]
    if d.size == 0:
        return 0.0, 0.0
    ranks = stats.rankdata(np.abs(d))
    t_plus = float(ranks[d > 0].sum())
    return t_plus, float(ranks.sum() - t_plus)


def wilcoxon_signed_rank(
    control, variant, *, alternative: str = "two-sided", method: str | None = None
) -> TestResult:
    """Return the Wilcoxon signed-rank test reporting T+ (R's V), zeros dropped.

    ``method=None`` uses the exact conditional distribution (ties included)
    up to 50 non-zero differences and the tie-corrected normal approximation
    above; "exact" or "asymptotic" force one.
    """
    check_alternative(alternative)
    if method not in (None, "exact", "asymptotic"):
        raise ValueError(f"method must be None, 'exact' or 'asymptotic': {method!r}")
    d, note = _differences(control, variant)
    nonzero = d[d != 0]
    n_zero = d.size - nonzero.size
    if n_zero:
        note = join_notes(note, f"{n_zero} tied pair(s) (difference 0) left out")
    t_plus, _ = signed_rank_sums(nonzero)
    if method is None:
        method = "exact" if nonzero.size <= EXACT_SIGNED_RANK_MAX_N else "asymptotic"
    if nonzero.size == 0:
        note = join_notes(note, "no non-zero differences: no evidence either way")
    p_value = signed_rank_p(d, alternative, method)
    return TestResult(
        test="Wilcoxon signed-rank",
        statistic=t_plus,
        p_value=p_value,
        alternative=alternative,
        method=method,
        statistic_name="T+",
        note=note,
    )


def signed_rank_p(
    d: np.ndarray, alternative: str = "two-sided", method: str | None = None
) -> float:
    """Return the signed-rank p-value of paired differences D (zeros dropped).

    ``method=None``: exact with ties up to 50 non-zero differences, the
    tie-corrected normal approximation above (as ``wilcoxon_signed_rank``).
    """
    nonzero = d[d != 0]
    if nonzero.size == 0:
        return 1.0
    if method is None:
        method = "exact" if nonzero.size <= EXACT_SIGNED_RANK_MAX_N else "asymptotic"
    if method == "exact":
        scores = doubled_ranks(np.abs(nonzero))
        support, probs = signed_rank_distribution(scores)
        observed = float(scores[nonzero > 0].sum())
        return tail_p_value(support, probs, observed, alternative)
    result = stats.wilcoxon(
        nonzero,
        zero_method="wilcox",
        correction=False,
        alternative=alternative,
        method="asymptotic",
    )
    return float(result.pvalue)


def sign_test(control, variant, *, alternative: str = "two-sided") -> TestResult:
    """Return the exact sign test on the paired differences, zeros dropped."""
    check_alternative(alternative)
    d, note = _differences(control, variant)
    n_plus, n_minus = int((d > 0).sum()), int((d < 0).sum())
    if n_plus + n_minus == 0:
        note = join_notes(note, "no non-zero differences: no evidence either way")
        p_value = 1.0
    else:
        result = stats.binomtest(n_plus, n_plus + n_minus, 0.5, alternative=alternative)
        p_value = float(result.pvalue)
    return TestResult(
        test="sign test",
        statistic=float(n_plus),
        p_value=p_value,
        alternative=alternative,
        method="exact",
        statistic_name="pairs favouring the variant",
        note=note,
    )


def _bootstrap_rank_biserial(d: np.ndarray, confidence: float) -> tuple[float, float]:
    """Return a percentile bootstrap interval, resampling pairs as counts per value."""
    values, counts = np.unique(d[d != 0], return_counts=True)
    magnitudes, group = np.unique(np.abs(values), return_inverse=True)
    positive = values > 0
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    # Resampling participants = multinomial counts over the distinct differences
    # (zeros included, then left out as the test does).
    n_zero = int((d == 0).sum())
    probs = np.append(counts, n_zero) / d.size
    batch = max(1, 2_000_000 // max(values.size, 1))
    draws = []
    for start in range(0, BOOTSTRAP_RESAMPLES, batch):
        size = min(batch, BOOTSTRAP_RESAMPLES - start)
        sample = rng.multinomial(d.size, probs, size=size)[:, :-1]
        pos = np.zeros((size, magnitudes.size))
        neg = np.zeros((size, magnitudes.size))
        np.add.at(pos.T, group[positive], sample[:, positive].T)
        np.add.at(neg.T, group[~positive], sample[:, ~positive].T)
        total = pos + neg
        midrank = np.cumsum(total, axis=1) - (total - 1) / 2
        t_plus, t_minus = (pos * midrank).sum(1), (neg * midrank).sum(1)
        with np.errstate(invalid="ignore"):
            draws.append((t_plus - t_minus) / (t_plus + t_minus))
    draws = np.concatenate(draws)
    tail = (1 - confidence) / 2
    low, high = np.nanquantile(draws, [tail, 1 - tail])
    return float(low), float(high)


def matched_rank_biserial(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return (T+ - T-)/(T+ + T-) with a percentile bootstrap interval (fixed seed)."""
    check_confidence(confidence)
    d, note = _differences(control, variant)
    t_plus, t_minus = signed_rank_sums(d)
    name = "matched rank-biserial"
    method = f"percentile bootstrap ({BOOTSTRAP_RESAMPLES} resamples, fixed seed)"
    if t_plus + t_minus == 0:
        note = join_notes(note, "no non-zero differences: the effect is undefined")
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    estimate = (t_plus - t_minus) / (t_plus + t_minus)
    low, high = _bootstrap_rank_biserial(d, confidence)
    if low == high:
        # Every pair favours the same variant, so every resample does too. Fall
        # back to the exact (Clopper-Pearson) interval for the share of pairs
        # favouring the variant, put on the same -1..1 scale.
        n_plus, n_nonzero = int((d > 0).sum()), int((d != 0).sum())
        share = stats.binomtest(n_plus, n_nonzero).proportion_ci(
            confidence, method="exact"
        )
        low, high = 2 * share.low - 1, 2 * share.high - 1
        method = "exact sign-test (Clopper-Pearson) interval, rank-biserial scale"
        note = join_notes(note, "all pairs favour one variant: bootstrap degenerate")
    low, high = min(low, estimate), max(high, estimate)
    return Estimate(name, estimate, low, high, confidence, method, note)
