import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st

# UCBAdmissions per department: [[male admitted, male rejected],
# [female admitted, female rejected]].
UCB = [
    [[512, 313], [89, 19]],
    [[353, 207], [17, 8]],
    [[120, 205], [202, 391]],
    [[138, 279], [131, 244]],
    [[53, 138], [94, 299]],
    [[22, 351], [24, 317]],
]


def test_cmh_and_breslow_day_match_r_for_ucb_admissions():
    # R: mantelhaen.test(UCBAdmissions); DescTools::BreslowDayTest(UCBAdmissions)
    result = st.cochran_mantel_haenszel(UCB, correction=True)
    assert result.cmh.statistic == pytest.approx(1.4269, abs=1e-4)
    assert result.cmh.p_value == pytest.approx(0.2323, abs=1e-4)
    assert result.common_odds_ratio.estimate == pytest.approx(0.9046968, rel=1e-6)
    assert result.common_odds_ratio.ci == pytest.approx(
        (0.7719074, 1.0603298), rel=1e-6
    )
    assert result.breslow_day.statistic == pytest.approx(18.826, abs=1e-3)
    assert result.breslow_day.p_value == pytest.approx(0.002071, abs=1e-6)
    assert result.breslow_day.df == 5


def test_cmh_with_one_segment_is_the_scaled_pearson_chi_square():
    table = [[10, 20], [15, 15]]
    result = st.cochran_mantel_haenszel([table])
    pearson = sps.chi2_contingency(table, correction=False).statistic
    assert result.cmh.statistic == pytest.approx(pearson * 59 / 60)
    assert np.isnan(result.breslow_day.statistic)


def test_breslow_day_is_zero_for_identical_odds_ratios():
    result = st.cochran_mantel_haenszel([[[10, 20], [15, 15]], [[20, 40], [30, 30]]])
    assert result.breslow_day.statistic == pytest.approx(0.0, abs=1e-12)


def test_van_elteren_with_one_segment_is_mann_whitney():
    rng = np.random.default_rng(2)
    control, variant = rng.integers(1, 8, 40), rng.integers(2, 8, 35)
    result = st.van_elteren(control, variant, ["a"] * 40, ["a"] * 35)
    expected = sps.mannwhitneyu(
        variant, control, use_continuity=False, method="asymptotic"
    )
    assert result.p_value == pytest.approx(expected.pvalue, rel=1e-10)


def test_heterogeneity_q():
    result = st.heterogeneity_test([0.1, 0.5], [0.1, 0.1], name="Q")
    assert result.statistic == pytest.approx(8.0)
    assert result.df == 1
    assert np.isnan(st.heterogeneity_test([0.1], [0.1], name="Q").p_value)


def test_compare_segments_reports_estimates_interaction_and_small_segments():
    rng = np.random.default_rng(3)
    control, variant = (
        rng.integers(1, 8, 120),
        np.clip(rng.integers(1, 8, 120) + 1, 1, 7),
    )
    c_seg = np.where(np.arange(120) < 110, "trusts government", "distrusts")
    v_seg = np.where(np.arange(120) < 112, "trusts government", "distrusts")
    control = control.astype(float)
    control[0] = np.nan
    result = st.compare_segments(control, variant, c_seg, v_seg, scale=(1, 7))
    assert result.segments == ("distrusts", "trusts government")
    assert all(c.p_adjusted is not None for c in result.comparisons)
    assert "small segment" in result.comparisons[0].note
    assert "distrusts" in result.note
    # The interaction is the LR test of a proportional-odds model now (Cochran's
    # Q on per-segment deltas rejected far too often with small cells).
    assert result.interaction.test.startswith("likelihood ratio")
    # 10 control and 8 variant answers among the distrustful: too few to test.
    assert np.isnan(result.interaction.p_value)
    assert "left out (fewer than 10 answers per arm): distrusts" in (
        result.interaction.note
    )
    assert result.adjusted_overall.test == "van Elteren"
    binary = st.compare_segments(
        control > 4, variant > 4, c_seg, v_seg, outcome="binary"
    )
    assert binary.interaction.test.startswith("likelihood ratio")


def test_segments_without_both_arms_raise():
    with pytest.raises(ValueError, match="both arms"):
        st.compare_segments([1, 2], [3, 4], ["a", "a"], ["b", "b"])
