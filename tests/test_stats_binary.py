import numpy as np
import pytest
from scipy import stats as sps
from scipy.stats import contingency

from sprintlab import stats as st


def test_wilson_interval_matches_the_formula():
    k, n, z = 7, 20, sps.norm.ppf(0.975)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert st.wilson_interval(k, n) == pytest.approx((centre - half, centre + half))


def test_newcombe_at_the_edges_stays_within_minus_one_and_one():
    all_yes = st.newcombe_risk_difference(0, 5, 5, 5)
    assert all_yes.estimate == 1.0
    assert -1 <= all_yes.ci_low < 1 and all_yes.ci_high == 1.0


def test_chi_square_for_large_counts_and_fisher_for_small():
    large = st.association_test(48, 80, 56, 70)
    table = [[56, 14], [48, 32]]
    assert large.test == "Pearson chi2"
    assert large.p_value == pytest.approx(
        sps.chi2_contingency(table, correction=False).pvalue
    )
    one_sided = st.association_test(48, 80, 56, 70, alternative="greater")
    assert one_sided.p_value == pytest.approx(large.p_value / 2)
    assert st.association_test(48, 80, 56, 70, alternative="less").p_value > 0.5
    small = st.association_test(1, 6, 5, 6)
    assert small.test == "Fisher exact"
    assert small.p_value == pytest.approx(sps.fisher_exact([[5, 1], [1, 5]]).pvalue)


def test_everyone_answering_the_same_is_no_evidence():
    result = st.association_test(10, 10, 12, 12)
    assert result.p_value == 1.0
    odds = st.conditional_odds_ratio(10, 10, 12, 12)
    assert np.isnan(odds.estimate) and "same answer" in odds.note


@pytest.mark.parametrize("seed", range(3))
def test_conditional_odds_ratio_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    for _ in range(15):
        n_c, n_v = rng.integers(2, 40, 2)
        k_c, k_v = rng.integers(1, n_c), rng.integers(1, n_v)
        ours = st.conditional_odds_ratio(k_c, n_c, k_v, n_v)
        theirs = contingency.odds_ratio([[k_v, n_v - k_v], [k_c, n_c - k_c]])
        interval = theirs.confidence_interval(0.95)
        assert ours.estimate == pytest.approx(theirs.statistic, rel=1e-7)
        assert ours.ci == pytest.approx((interval.low, interval.high), rel=1e-7)


def test_conditional_odds_ratio_with_a_zero_cell():
    odds = st.conditional_odds_ratio(0, 4, 4, 4)
    assert odds.estimate == np.inf and odds.ci_high == np.inf
    assert odds.ci_low == pytest.approx(
        contingency.odds_ratio([[4, 0], [0, 4]]).confidence_interval().low
    )


def test_mcnemar_is_exact_on_discordant_pairs():
    control = np.array([1, 1, 0, 0, 0, 0, 1, 0, 0, 1])
    variant = np.array([1, 0, 1, 1, 1, 1, 1, 1, 0, 1])
    table, dropped = st.paired_table(control, variant)
    assert table.tolist() == [[3, 5], [1, 1]] and dropped == 0
    result = st.mcnemar(control, variant)
    assert result.p_value == pytest.approx(sps.binomtest(5, 6).pvalue)


def test_paired_risk_difference_is_symmetric_and_bounded():
    control = np.array([1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0])
    variant = np.array([1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1])
    forward = st.paired_risk_difference(control, variant)
    backward = st.paired_risk_difference(variant, control)
    assert forward.estimate == pytest.approx(5 / 12)
    assert forward.ci == pytest.approx((-backward.ci_high, -backward.ci_low))
    assert -1 <= forward.ci_low < forward.estimate < forward.ci_high <= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((5, 4, 1, 4), "more successes"),
        ((1, 0, 1, 4), "no trials"),
        ((-1, 4, 1, 4), "non-negative"),
        ((1.5, 4, 1, 4), "whole number"),
    ],
)
def test_bad_counts_raise(args, message):
    with pytest.raises(ValueError, match=message):
        st.newcombe_risk_difference(*args)


def test_binary_answers_must_be_zero_or_one():
    with pytest.raises(ValueError, match="0 \\(no\\), 1 \\(yes\\)"):
        st.compare_binary([0, 1, 2], [1, 1])
    with pytest.raises(ValueError, match="0 \\(no\\), 1 \\(yes\\)"):
        st.mcnemar([0, 1, 2], [1, 1, 0])
