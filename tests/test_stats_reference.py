"""Reference cases R1-R10 of statistics.md, within the spec's tolerances.

Exact cases: 1e-6 relative, or half a unit in the last printed digit when
the spec prints fewer digits than that.
"""

import numpy as np
import pytest

from sprintlab import stats as st


def assert_matches(actual, printed: str):
    """Assert ``actual`` equals the printed reference value to its precision."""
    expected = float(printed)
    mantissa = printed.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exponent = int(printed.lower().split("e")[1]) if "e" in printed.lower() else 0
    half_unit = 0.5 * 10.0 ** (exponent - decimals)
    tolerance = max(1e-6 * abs(expected), half_unit)
    assert actual == pytest.approx(expected, abs=tolerance), (actual, printed)


# R1 Mann-Whitney, no ties (Hollander & Wolfe p.69): x is the variant.
R1_X = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
R1_Y = [1.15, 0.88, 0.90, 0.74, 1.21]


def test_r1_mann_whitney_exact():
    greater = st.mann_whitney(R1_Y, R1_X, alternative="greater")
    two_sided = st.mann_whitney(R1_Y, R1_X)
    assert greater.statistic == 35
    assert greater.method == "exact"
    assert_matches(greater.p_value, "0.1272061")
    assert_matches(two_sided.p_value, "0.2544123")


def test_r1_mann_whitney_asymptotic_without_continuity():
    result = st.mann_whitney(
        R1_Y, R1_X, alternative="greater", use_continuity=False, method="asymptotic"
    )
    assert_matches(result.p_value, "0.1103357")


def test_r1_effect_sizes():
    assert_matches(st.cliffs_delta(R1_Y, R1_X).estimate, "0.4")
    shift = st.hodges_lehmann(R1_Y, R1_X)
    assert_matches(shift.estimate, "0.305")
    assert_matches(shift.ci_low, "-0.15")
    assert_matches(shift.ci_high, "0.76")
    assert shift.method.startswith("exact")


def test_r1_through_the_entry_point():
    result = st.compare_ordinal(R1_Y, R1_X)
    assert result.statistic == 35
    assert_matches(result.p_value, "0.2544123")
    assert_matches(result.estimate, "0.305")
    assert_matches(result.effect, "0.4")
    assert (result.n_control, result.n_variant) == (5, 10)


# R2 Wilcoxon signed-rank (H&W p.29): x is the variant.
R2_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
R2_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]


def test_r2_wilcoxon_signed_rank():
    greater = st.wilcoxon_signed_rank(R2_Y, R2_X, alternative="greater")
    assert greater.statistic == 40
    assert_matches(greater.p_value, "0.01953125")
    assert_matches(st.wilcoxon_signed_rank(R2_Y, R2_X).p_value, "0.0390625")
    assert_matches(st.matched_rank_biserial(R2_Y, R2_X).estimate, "0.7778")


def test_r2_through_the_entry_point():
    result = st.compare_ordinal(R2_Y, R2_X, paired=True)
    assert result.statistic == 40
    assert_matches(result.p_value, "0.0390625")
    assert_matches(result.effect, "0.7778")
    assert result.paired


def test_r3_kruskal_wallis():
    groups = [
        [2.9, 3.0, 2.5, 2.6, 3.2],
        [3.8, 2.7, 4.0, 2.4],
        [2.8, 3.4, 3.7, 2.2, 2.0],
    ]
    result = st.kruskal_wallis(groups)
    assert_matches(result.statistic, "0.7714286")
    assert_matches(result.p_value, "0.6799648")
    omnibus = st.omnibus_ordinal(groups)
    assert_matches(omnibus.statistic, "0.7714286")
    assert omnibus.effect == pytest.approx(0.7714286 / 13, rel=1e-6)


def test_r4_fisher_and_conditional_odds_ratio():
    # [[3, 1], [1, 3]]: variant 3 of 4 yes, control 1 of 4 yes.
    counts = (1, 4, 3, 4)
    assert_matches(
        st.association_test(*counts, alternative="greater").p_value, "0.2428571"
    )
    assert_matches(st.association_test(*counts).p_value, "0.4857143")
    odds = st.conditional_odds_ratio(*counts)
    assert_matches(odds.estimate, "6.4083197")
    assert_matches(odds.ci_low, "0.2117356")
    assert_matches(odds.ci_high, "626.2435")


def test_r5_newcombe_risk_difference():
    risk = st.newcombe_risk_difference(48, 80, 56, 70)
    assert_matches(risk.estimate, "0.2")
    assert_matches(risk.ci_low, "0.052431")
    assert_matches(risk.ci_high, "0.333873")


def test_r6_chi_square_party_by_gender():
    result = st.categorical_association([[762, 327, 468], [484, 239, 477]])
    assert result.test == "Pearson chi2"
    assert_matches(result.statistic, "30.070149")
    assert_matches(result.p_value, "2.953589e-07")
    assert_matches(result.cramers_v, "0.104436")


def test_r7_multiplicity():
    p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.049]
    bh = ["0.03", "0.0588", "0.0588", "0.03", "0.2", "0.0588"]
    holm = ["0.05", "0.12", "0.12", "0.03", "0.2", "0.12"]
    for actual, printed in zip(st.benjamini_hochberg(p), bh, strict=True):
        assert_matches(actual, printed)
    for actual, printed in zip(st.holm(p), holm, strict=True):
        assert_matches(actual, printed)


def test_r8_sample_ratio_mismatch():
    equal = st.sample_ratio_mismatch([821, 743, 802])
    assert_matches(equal.statistic, "4.195266")
    assert_matches(equal.p_value, "0.1227466")
    assert not equal.mismatch
    weighted = st.sample_ratio_mismatch([640, 360], [0.6, 0.4])
    assert_matches(weighted.p_value, "0.009823")
    assert not weighted.mismatch  # flagged only below 0.001


def test_r9_beta_binomial():
    posterior = st.beta_binomial_prob_better(9, 30, 18, 30)
    assert_matches(posterior.probability, "0.98957182")
    assert posterior.method.startswith("closed form")


def test_r10_t_test_sample_size():
    assert_matches(st.t_test_sample_size(0.5), "63.76561")
    assert_matches(st.t_test_sample_size(0.5, test="welch"), "63.76561")
    assert st.t_test_power(0.5, 63.76561) == pytest.approx(0.8, abs=1e-6)


def test_r9_monte_carlo_agrees_within_three_standard_errors():
    # The binary case as a two-category Dirichlet: same posterior, by simulation.
    control = np.r_[np.ones(9), np.zeros(21)]
    variant = np.r_[np.ones(18), np.zeros(12)]
    posterior = st.dirichlet_prob_better(control, variant)
    assert abs(posterior.probability - 0.98957182) <= 3 * posterior.monte_carlo_se
