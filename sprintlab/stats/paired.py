"""Within-subjects tests for two variants: Wilcoxon signed-rank and the sign test.

Each participant rated both variants; pairs with a missing rating on either
are left out. Differences are variant minus control.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

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
from .inversion import reach_note
from .results import Estimate, TestResult


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


def _null_half_width(nonzero: np.ndarray, confidence: float) -> float:
    """Return r*, the largest |r| the signed-rank test keeps at 1 - confidence.

    Under the null every non-zero difference carries either sign with equal
    chance, so r = (T+ - T-) / (T+ + T-) has a known distribution, symmetric
    about 0: exact up to 50 non-zero differences, normal above. Returns
    inf when even the most extreme signs are not rejected.
    """
    alpha = 1.0 - confidence
    if nonzero.size > EXACT_SIGNED_RANK_MAX_N:
        ranks = stats.rankdata(np.abs(nonzero))
        _, ties = np.unique(np.abs(nonzero), return_counts=True)
        n = nonzero.size
        var = n * (n + 1) * (2 * n + 1) / 24 - (ties**3 - ties).sum() / 48
        return float(special.ndtri(1 - alpha / 2) * 2 * np.sqrt(var) / ranks.sum())
    scores = doubled_ranks(np.abs(nonzero))
    support, probs = signed_rank_distribution(scores)
    total = float(scores.sum())
    r = np.abs(2 * support - total) / total
    order = np.argsort(r)
    r, probs = r[order], probs[order]
    at_least = np.cumsum(probs[::-1])[::-1]  # P(|R| >= r_i)
    _, first, group = np.unique(np.round(r, 12), return_index=True, return_inverse=True)
    kept = np.flatnonzero(at_least[first][group] >= alpha - 1e-12)
    if kept.size and kept[-1] == r.size - 1:
        return np.inf  # even the most extreme signs are not rejected
    # A hair of slack: r is computed from rank sums in two ways.
    return float(r[kept[-1]]) + 1e-9 if kept.size else 0.0


def matched_rank_biserial(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return (T+ - T-)/(T+ + T-) with the interval that inverts the signed-rank test.

    The interval is r +- r*, where r* is the (1 - confidence) critical value
    of r under the signed-rank null (exact with ties up to 50 non-zero
    differences, normal above): it excludes 0 exactly when the Wilcoxon
    signed-rank test rejects. Taking the null spread everywhere makes it
    conservative away from 0; when the level is out of reach it is [-1, 1].
    """
    check_confidence(confidence)
    d, note = _differences(control, variant)
    t_plus, t_minus = signed_rank_sums(d)
    name = "matched rank-biserial"
    method = "inverted signed-rank (null critical value, exact with ties)"
    if t_plus + t_minus == 0:
        note = join_notes(note, "no non-zero differences: the effect is undefined")
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    estimate = (t_plus - t_minus) / (t_plus + t_minus)
    nonzero = d[d != 0]
    if nonzero.size > EXACT_SIGNED_RANK_MAX_N:
        method = "inverted signed-rank (null critical value, normal)"
    half = _null_half_width(nonzero, confidence)
    if np.isinf(half):
        reach = 1.0 - 2.0 ** (1 - nonzero.size)
        note = join_notes(
            note,
            reach_note(reach, confidence, f"{nonzero.size} non-zero pairs"),
        )
        return Estimate(name, estimate, -1.0, 1.0, confidence, method, note, reach)
    low, high = max(-1.0, estimate - half), min(1.0, estimate + half)
    return Estimate(name, estimate, low, high, confidence, method, note)
