import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st
from sprintlab.stats import location


def brute_hodges_lehmann(control, variant):
    return np.median((np.asarray(variant)[:, None] - np.asarray(control)).ravel())


@pytest.mark.parametrize("seed", range(3))
def test_hodges_lehmann_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    for control, variant in [
        (rng.normal(size=23), rng.normal(1, size=17)),
        (rng.integers(1, 8, 40), rng.integers(1, 8, 31)),
    ]:
        shift = st.hodges_lehmann(control, variant)
        assert shift.estimate == pytest.approx(brute_hodges_lehmann(control, variant))
        assert shift.ci_low <= shift.estimate <= shift.ci_high


def test_order_statistics_by_bisection_match_sorting(monkeypatch):
    monkeypatch.setattr(location, "PAIR_TABLE_LIMIT", 0)
    rng = np.random.default_rng(5)
    control, variant = rng.normal(size=150), np.round(rng.normal(size=120), 1)
    diffs = np.sort((variant[:, None] - control).ravel())
    ks = [1, 2, 77, diffs.size // 2, diffs.size - 1, diffs.size]
    assert location.kth_difference(control, variant, ks) == pytest.approx(
        diffs[np.array(ks) - 1], abs=0
    )
    d = np.round(rng.normal(size=130), 1)
    walsh = np.sort(((d[:, None] + d) / 2)[np.triu_indices(d.size)])
    ks = [1, 5, walsh.size // 3, walsh.size]
    assert location.kth_walsh_average(d, ks) == pytest.approx(
        walsh[np.array(ks) - 1], abs=0
    )


def test_paired_hodges_lehmann_matches_r_for_the_depression_data():
    # R: wilcox.test(x, y, paired = TRUE, conf.int = TRUE)
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    shift = st.pseudo_median(y, x)
    assert shift.estimate == pytest.approx(0.46)
    assert shift.ci == pytest.approx((0.010, 0.786))


def test_welch_and_paired_differences_match_scipy():
    rng = np.random.default_rng(2)
    control, variant = rng.integers(1, 8, 30), rng.integers(2, 8, 25)
    welch = st.welch_mean_difference(control, variant)
    expected = sps.ttest_ind(variant, control, equal_var=False).confidence_interval()
    assert welch.ci == pytest.approx(tuple(expected))
    a, b = rng.integers(1, 8, 20), rng.integers(1, 8, 20)
    paired = st.paired_mean_difference(a, b)
    assert paired.ci == pytest.approx(tuple(sps.ttest_rel(b, a).confidence_interval()))


def test_hedges_g_small_sample_correction_and_interval():
    rng = np.random.default_rng(4)
    control, variant = rng.normal(size=12), rng.normal(0.8, size=10)
    g = st.hedges_g(control, variant)
    df = 20
    pooled = np.sqrt((11 * control.var(ddof=1) + 9 * variant.var(ddof=1)) / df)
    d = (variant.mean() - control.mean()) / pooled
    assert g.estimate == pytest.approx(d * (1 - 3 / (4 * df - 1)), rel=1e-3)
    assert g.ci_low < g.estimate < g.ci_high
    # Large samples: close to the usual normal-approximation interval.
    big = st.hedges_g(rng.normal(size=2000), rng.normal(0.3, size=2000))
    se = np.sqrt(2 / 2000 + big.estimate**2 / 8000)
    assert big.ci_low == pytest.approx(big.estimate - 1.96 * se, abs=0.005)


def test_undefined_standardised_differences_say_why():
    g = st.hedges_g([3, 3, 3], [5, 5])
    assert np.isnan(g.estimate) and "zero variance" in g.note
    welch = st.welch_mean_difference([3, 3, 3], [5, 5])
    assert welch.estimate == 2 and np.isnan(welch.ci_low)
    single = st.welch_mean_difference([3], [5, 6])
    assert "at least 2" in single.note
    paired = st.paired_mean_difference([1, 2, 3], [2, 3, 4])
    assert paired.estimate == 1 and "all differences are equal" in paired.note
