import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st

EVERY_SPLIT = sps.PermutationMethod(n_resamples=np.inf)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_exact_signed_rank_with_ties_matches_scipy_enumeration(seed, alternative):
    rng = np.random.default_rng(seed)
    control, variant = rng.integers(1, 8, 12), rng.integers(1, 8, 12)
    d = variant - control
    ours = st.wilcoxon_signed_rank(control, variant, alternative=alternative)
    theirs = sps.wilcoxon(
        d[d != 0], zero_method="wilcox", alternative=alternative, method=EVERY_SPLIT
    )
    assert ours.method == "exact"
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)


def test_reports_t_plus_also_for_two_sided_tests():
    control = np.array([1, 2, 3, 4, 5, 6])
    variant = control + np.array([2, 3, 4, -1, 5, 6])
    result = st.wilcoxon_signed_rank(control, variant)
    assert result.statistic_name == "T+"
    assert result.statistic == 20  # scipy's two-sided statistic would be 1


def test_large_samples_use_the_normal_approximation():
    rng = np.random.default_rng(3)
    control = rng.integers(1, 8, 200)
    variant = np.clip(control + rng.integers(-2, 3, 200), 1, 7)
    ours = st.wilcoxon_signed_rank(control, variant)
    d = variant - control
    theirs = sps.wilcoxon(d, zero_method="wilcox", method="asymptotic")
    assert ours.method == "asymptotic"
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-12)
    assert "tied pair" in ours.note


def test_no_differences_is_no_evidence():
    result = st.wilcoxon_signed_rank([3, 4, 5], [3, 4, 5])
    assert result.p_value == 1.0 and "no non-zero" in result.note
    assert st.sign_test([3, 4], [3, 4]).p_value == 1.0
    assert np.isnan(st.matched_rank_biserial([3, 4], [3, 4]).estimate)


def test_sign_test_is_a_binomial_test_on_the_signs():
    control, variant = [1, 2, 3, 4, 5, 6, 7], [2, 3, 4, 5, 4, 6, 1]
    result = st.sign_test(control, variant, alternative="greater")
    assert result.statistic == 4
    assert result.p_value == pytest.approx(
        sps.binomtest(4, 6, alternative="greater").pvalue
    )


def test_rank_biserial_interval_when_every_pair_agrees():
    # Five pairs cannot reach 95% (smallest p = 0.0625): no bounded interval.
    # (It used to borrow a sign-test interval the signed-rank test did not back.)
    effect = st.matched_rank_biserial([1, 2, 3, 4, 5], [2, 3, 4, 5, 6])
    assert effect.estimate == 1.0
    assert effect.ci == (-1.0, 1.0)
    assert effect.achieved_confidence == pytest.approx(0.9375)
    assert "5 non-zero pairs allow at most 93.75%" in effect.note
    six = st.matched_rank_biserial([1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 8])
    assert six.ci_low > 0  # p = 2/64 < 0.05: the interval excludes 0


def test_incomplete_pairs_are_dropped():
    result = st.wilcoxon_signed_rank([1, np.nan, 3, 4], [2, 5, np.nan, 6])
    assert "2 missing" in result.note


def test_pairs_must_line_up():
    with pytest.raises(ValueError, match="equal length"):
        st.wilcoxon_signed_rank([1, 2, 3], [1, 2])
