"""Yes/no items: risk difference, Fisher or chi-square, odds ratio, McNemar.

Counts in, orientation variant versus control: a positive risk difference and
an odds ratio above 1 mean more "yes" for the variant.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, special, stats
from scipy.stats import contingency

from ._checks import (
    as_pairs,
    as_successes,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .ordinal import normal_p_value
from .results import Estimate, TestResult

#: Fisher's exact test is used when any expected count is below this.
MIN_EXPECTED_FOR_CHI2 = 5.0


def wilson_interval(k, n, *, confidence: float = 0.95) -> tuple[float, float]:
    """Return the Wilson score interval for k successes out of n."""
    check_confidence(confidence)
    k, n = as_successes(k, n, "proportion")
    ci = stats.binomtest(k, n).proportion_ci(confidence, method="wilson")
    return float(ci.low), float(ci.high)


def two_by_two(k_control, n_control, k_variant, n_variant) -> np.ndarray:
    """Return [[variant yes, variant no], [control yes, control no]]."""
    kc, nc = as_successes(k_control, n_control, "control")
    kv, nv = as_successes(k_variant, n_variant, "variant")
    return np.array([[kv, nv - kv], [kc, nc - kc]])


def newcombe_risk_difference(
    k_control, n_control, k_variant, n_variant, *, confidence: float = 0.95
) -> Estimate:
    """Return p_variant - p_control with Newcombe's hybrid score interval."""
    table = two_by_two(k_control, n_control, k_variant, n_variant)
    (kv, fv), (kc, fc) = table
    p_v, p_c = kv / (kv + fv), kc / (kc + fc)
    low_v, high_v = wilson_interval(kv, kv + fv, confidence=confidence)
    low_c, high_c = wilson_interval(kc, kc + fc, confidence=confidence)
    diff = p_v - p_c
    low = diff - np.hypot(p_v - low_v, high_c - p_c)
    high = diff + np.hypot(high_v - p_v, p_c - low_c)
    return Estimate(
        "risk difference",
        float(diff),
        float(max(low, -1.0)),
        float(min(high, 1.0)),
        confidence,
        "Newcombe hybrid score (from Wilson intervals)",
    )


def association_test(
    k_control, n_control, k_variant, n_variant, *, alternative: str = "two-sided"
) -> TestResult:
    """Return Fisher's exact test for small expected counts, else Pearson chi2.

    The chi-square test has no continuity correction; for a one-sided
    alternative its signed square root (the two-proportion z) is used.
    """
    check_alternative(alternative)
    table = two_by_two(k_control, n_control, k_variant, n_variant)
    expected = contingency.expected_freq(table)
    if expected.min() < MIN_EXPECTED_FOR_CHI2:
        result = stats.fisher_exact(table, alternative=alternative)
        note = "an expected count is below 5"
        return TestResult(
            "Fisher exact",
            float(result.statistic),
            float(result.pvalue),
            alternative,
            "exact",
            "sample odds ratio",
            note=note,
        )
    result = stats.chi2_contingency(table, correction=False)
    chi2 = float(result.statistic)
    p_value = float(result.pvalue)
    if alternative != "two-sided":
        (kv, fv), (kc, fc) = table
        z = np.sign(kv / (kv + fv) - kc / (kc + fc)) * np.sqrt(chi2)
        p_value = normal_p_value(z, alternative)
    return TestResult(
        "Pearson chi2", chi2, p_value, alternative, "asymptotic", "chi2", df=1.0
    )


class _ConditionalTable:
    """The distribution of the top-left cell given all margins, by log odds ratio.

    This is what ``scipy.stats.contingency.odds_ratio(kind="conditional")``
    and R's ``fisher.test`` use; computed here on the log scale because
    scipy's interval takes seconds once the arms have thousands of answers
    (the tests check both agree).
    """

    def __init__(self, table: np.ndarray):
        """Tabulate the log weights of every feasible top-left count."""
        (a, b), (c, d) = table
        row, col, other = a + b, a + c, c + d
        self.support = np.arange(max(0, col - other), min(row, col) + 1)
        s = self.support
        self.log_weight = _log_comb(row, s) + _log_comb(other, col - s)
        self.observed = int(a)

    def _log_pmf(self, log_or: float) -> np.ndarray:
        """Return log P(A = a) over the support for a log odds ratio."""
        z = self.log_weight + self.support * log_or
        return z - special.logsumexp(z)

    def mean(self, log_or: float) -> float:
        """Return E[A] for a log odds ratio."""
        return float((self.support * np.exp(self._log_pmf(log_or))).sum())

    def upper_tail(self, log_or: float) -> float:
        """Return P(A >= observed)."""
        return float(np.exp(self._log_pmf(log_or))[self.support >= self.observed].sum())

    def lower_tail(self, log_or: float) -> float:
        """Return P(A <= observed)."""
        return float(np.exp(self._log_pmf(log_or))[self.support <= self.observed].sum())


def _log_comb(n, k):
    """Return log C(n, k) elementwise."""
    return special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)


def _solve_log_or(func, target: float) -> float:
    """Return the log odds ratio where the increasing ``func`` reaches ``target``."""
    low, high = -1.0, 1.0
    while func(low) > target and low > -700:
        low *= 2
    while func(high) < target and high < 700:
        high *= 2
    return optimize.brentq(lambda x: func(x) - target, low, high, xtol=1e-13)


def conditional_odds_ratio(
    k_control, n_control, k_variant, n_variant, *, confidence: float = 0.95
) -> Estimate:
    """Return the conditional maximum-likelihood odds ratio with its exact interval."""
    check_confidence(confidence)
    table = two_by_two(k_control, n_control, k_variant, n_variant)
    name, method = "odds ratio (conditional MLE)", "exact conditional interval"
    if (table.sum(axis=0) == 0).any():
        note = "everyone gave the same answer: the odds ratio is undefined"
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    dist = _ConditionalTable(table)
    lowest, highest = dist.support[0], dist.support[-1]
    tail = (1 - confidence) / 2
    # At the edge of the support the estimate and one limit are 0 or infinite.
    if dist.observed in (lowest, highest):
        estimate = 0.0 if dist.observed == lowest else np.inf
    else:
        estimate = np.exp(_solve_log_or(dist.mean, dist.observed))
    low = 0.0
    if dist.observed != lowest:
        low = np.exp(_solve_log_or(dist.upper_tail, tail))
    high = np.inf
    if dist.observed != highest:
        high = np.exp(_solve_log_or(lambda x: -dist.lower_tail(x), -tail))
    note = "a cell is 0: the estimate or a limit is 0 or infinite" if 0 in table else ""
    return Estimate(
        name, float(estimate), float(low), float(high), confidence, method, note
    )


def conditional_test_p(k_control, n_control, k_variant, n_variant) -> float:
    """Return the two-sided exact conditional p of odds ratio 1, doubled one-sided.

    The test whose inversion is :func:`conditional_odds_ratio`'s central
    interval (Fisher's own two-sided p orders tables by probability instead,
    and can reject while that interval still holds 1).
    """
    table = two_by_two(k_control, n_control, k_variant, n_variant)
    if (table.sum(axis=0) == 0).any():
        return 1.0
    dist = _ConditionalTable(table)
    return min(1.0, 2.0 * min(dist.upper_tail(0.0), dist.lower_tail(0.0)))


def paired_table(control, variant) -> tuple[np.ndarray, int]:
    """Return [[both yes, variant only], [control only, both no]] and pairs dropped."""
    c, v, dropped = as_pairs(control, variant)
    if not (np.isin(c, (0, 1)).all() and np.isin(v, (0, 1)).all()):
        raise ValueError("paired yes/no answers must be 0 (no), 1 (yes) or NaN")
    both = int((c * v).sum())
    variant_only = int(((1 - c) * v).sum())
    control_only = int((c * (1 - v)).sum())
    return np.array(
        [
            [both, variant_only],
            [control_only, c.size - both - variant_only - control_only],
        ]
    ), dropped


def mcnemar(control, variant, *, alternative: str = "two-sided") -> TestResult:
    """Return McNemar's exact test: binomtest on the discordant pairs."""
    check_alternative(alternative)
    table, dropped = paired_table(control, variant)
    b, c = int(table[0, 1]), int(table[1, 0])
    note = missing_note(dropped)
    if b + c == 0:
        note = join_notes(note, "no discordant pairs: no evidence either way")
        p_value = 1.0
    else:
        p_value = float(stats.binomtest(b, b + c, 0.5, alternative=alternative).pvalue)
    return TestResult(
        "McNemar exact",
        float(b),
        p_value,
        alternative,
        "exact",
        "pairs yes only for the variant",
        note=note,
    )


def paired_risk_difference(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return the paired risk difference with Newcombe's score interval (method 10)."""
    check_confidence(confidence)
    table, dropped = paired_table(control, variant)
    (a, b), (c, d) = table.astype(float)
    n = a + b + c + d
    p_v, p_c = (a + b) / n, (a + c) / n
    low_v, high_v = wilson_interval(int(a + b), int(n), confidence=confidence)
    low_c, high_c = wilson_interval(int(a + c), int(n), confidence=confidence)
    # Correlation between the two answers, with Newcombe's continuity adjustment.
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    cross = a * d - b * c
    adjusted = cross - n / 2 if cross > n / 2 else (cross if cross < 0 else 0.0)
    phi = adjusted / np.sqrt(margins) if margins > 0 else 0.0
    dv_low, dc_high = p_v - low_v, high_c - p_c
    dv_high, dc_low = high_v - p_v, p_c - low_c
    diff = p_v - p_c
    low = diff - np.sqrt(max(dv_low**2 - 2 * phi * dv_low * dc_high + dc_high**2, 0))
    high = diff + np.sqrt(max(dc_low**2 - 2 * phi * dc_low * dv_high + dv_high**2, 0))
    return Estimate(
        "risk difference (paired)",
        float(diff),
        float(max(low, -1.0)),
        float(min(high, 1.0)),
        confidence,
        "Newcombe score interval for paired proportions",
        missing_note(dropped),
    )
