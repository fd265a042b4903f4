from itertools import combinations
from math import comb

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st
from sprintlab.stats import ordinal

EVERY_SPLIT = sps.PermutationMethod(n_resamples=np.inf)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_exact_mann_whitney_with_ties_matches_scipy_enumeration(seed, alternative):
    rng = np.random.default_rng(seed)
    control, variant = rng.integers(1, 8, 6), rng.integers(2, 8, 7)
    ours = st.mann_whitney(control, variant, alternative=alternative)
    theirs = sps.mannwhitneyu(
        variant, control, alternative=alternative, method=EVERY_SPLIT
    )
    assert ours.method == "exact"
    assert ours.statistic == theirs.statistic
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)


def test_large_samples_use_the_tie_corrected_normal_approximation():
    rng = np.random.default_rng(1)
    control, variant = rng.integers(1, 8, 300), rng.integers(1, 8, 250)
    ours = st.mann_whitney(control, variant)
    theirs = sps.mannwhitneyu(variant, control, method="asymptotic")
    assert ours.method == "asymptotic"
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-12)


def test_method_choice_follows_the_number_of_splits():
    assert comb(18, 9) <= 100_000 < comb(20, 10)
    assert st.mann_whitney(np.arange(9), np.arange(9) + 0.5).method == "exact"
    assert st.mann_whitney(np.arange(10), np.arange(10) + 0.5).method == "asymptotic"


def test_brunner_munzel_matches_scipy_from_ten_per_arm():
    rng = np.random.default_rng(3)
    control, variant = rng.integers(1, 8, 15), rng.integers(2, 8, 12)
    for alternative in ("two-sided", "less", "greater"):
        ours = st.brunner_munzel(control, variant, alternative=alternative)
        theirs = sps.brunnermunzel(
            variant, control, alternative=alternative, distribution="t"
        )
        assert ours.method == "t"
        assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-10)
        # scipy orients the statistic towards its second sample.
        assert ours.statistic == pytest.approx(-theirs.statistic, rel=1e-10)


def _scipy_statistic(variant, control):
    with np.errstate(all="ignore"):
        w = -sps.brunnermunzel(variant, control).statistic
    if np.isnan(w):  # zero variance: separation or all equal
        p_hat = np.mean(variant[:, None] > control) + 0.5 * np.mean(
            variant[:, None] == control
        )
        return 0.0 if p_hat == 0.5 else np.copysign(np.inf, p_hat - 0.5)
    return w


@pytest.mark.filterwarnings("ignore:p-value cannot be estimated")
def test_brunner_munzel_permutation_matches_brute_force_enumeration():
    control = np.array([2.0, 3, 3, 5, 1])
    variant = np.array([4.0, 3, 6, 5, 7, 6])
    pooled = np.concatenate([variant, control])
    observed = _scipy_statistic(variant, control)
    null = []
    for picked in combinations(range(pooled.size), variant.size):
        mask = np.zeros(pooled.size, dtype=bool)
        mask[list(picked)] = True
        null.append(_scipy_statistic(pooled[mask], pooled[~mask]))
    expected = np.mean(np.abs(null) >= abs(observed) - 1e-9)
    result = st.brunner_munzel(control, variant)
    assert result.method == "permutation (all splits)"
    assert result.statistic == pytest.approx(observed)
    assert result.p_value == pytest.approx(expected, rel=1e-12)


def test_brunner_munzel_uses_random_splits_when_enumeration_is_too_big():
    rng = np.random.default_rng(4)
    result = st.brunner_munzel(rng.integers(1, 8, 5), rng.integers(1, 8, 400))
    assert result.method == "permutation (random)"
    assert 0 < result.p_value <= 1
    again = st.brunner_munzel(rng.integers(1, 8, 5), rng.integers(1, 8, 400))
    assert again.method == result.method  # fixed seed: reproducible, no state


def test_complete_separation_gives_a_defined_brunner_munzel_result():
    control, variant = np.arange(12.0), np.arange(12.0) + 20
    result = st.brunner_munzel(control, variant)
    assert result.statistic == np.inf
    assert result.p_value == pytest.approx(2 / comb(24, 12))
    assert "separation" in result.note
    greater = st.brunner_munzel(control, variant, alternative="greater")
    assert greater.p_value == pytest.approx(1 / comb(24, 12))
    assert st.brunner_munzel(control, variant, alternative="less").p_value == 1.0
    small = st.brunner_munzel([1, 2, 3], [4, 5, 6])
    assert small.p_value == pytest.approx(0.10)


def test_complete_separation_gives_an_honest_effect_interval():
    # 3 + 3 answers: the permutation test cannot reach 5% (p >= 0.10), so the
    # interval may not exclude 0 either (it used to: the R5 case).
    delta = st.cliffs_delta([1, 2, 3], [4, 5, 6])
    assert delta.estimate == 1.0
    assert delta.ci == (-1.0, 1.0)
    assert delta.achieved_confidence == pytest.approx(0.9)
    assert "3 + 3 answers allow at most 90%" in delta.note
    five = st.cliffs_delta([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    assert five.ci_high == 1.0 and 0 < five.ci_low < 0.9
    assert "separation" in five.note
    mirrored = st.cliffs_delta([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])
    assert mirrored.ci == pytest.approx((-five.ci_high, -five.ci_low))


def test_identical_answers_are_no_evidence_and_have_no_interval():
    assert st.mann_whitney([4, 4, 4], [4, 4]).p_value == 1.0
    assert st.brunner_munzel([4] * 12, [4] * 11).p_value == 1.0
    delta = st.cliffs_delta([4, 4, 4], [4, 4])
    assert delta.estimate == 0.0
    assert np.isnan(delta.ci_low) and "identical" in delta.note


def test_cliffs_delta_is_twice_superiority_minus_one():
    rng = np.random.default_rng(8)
    control, variant = rng.integers(1, 8, 30), rng.integers(1, 8, 25)
    superiority = st.probability_of_superiority(control, variant)
    brute = np.mean(variant[:, None] > control) + 0.5 * np.mean(
        variant[:, None] == control
    )
    assert superiority.estimate == pytest.approx(brute)
    delta = st.cliffs_delta(control, variant)
    assert delta.estimate == pytest.approx(2 * brute - 1)
    assert delta.ci_low == pytest.approx(2 * superiority.ci_low - 1)


def test_brunner_munzel_interval_matches_the_published_formula():
    rng = np.random.default_rng(9)
    control, variant = rng.normal(size=20), rng.normal(0.5, size=18)
    p_hat, se, df, _ = ordinal.superiority_parts(control, variant)
    result = sps.brunnermunzel(variant, control)
    # scipy's statistic is (p - 1/2)/se for P(control < variant) ... oriented back.
    assert (p_hat - 0.5) / se == pytest.approx(-result.statistic, rel=1e-10)
    half = sps.t.ppf(0.975, df) * se
    interval = st.probability_of_superiority(control, variant)
    assert interval.ci_low == pytest.approx(max(0, p_hat - half))


def test_missing_answers_are_dropped_and_reported():
    result = st.mann_whitney([1, 2, np.nan, 3], [4, np.nan, 5])
    assert result.statistic == 6
    assert "2 missing" in result.note


@pytest.mark.parametrize(
    ("control", "variant", "message"),
    [
        ([], [1, 2], "at least 1"),
        ([np.nan, np.nan], [1, 2], "at least 1"),
        ([[1, 2]], [1, 2], "one-dimensional"),
        ([1, np.inf], [1, 2], "infinite"),
        (["a", "b"], [1, 2], "numbers"),
    ],
)
def test_bad_input_raises_a_clear_value_error(control, variant, message):
    with pytest.raises(ValueError, match=message):
        st.mann_whitney(control, variant)


def test_bad_alternative_raises():
    with pytest.raises(ValueError, match="alternative"):
        st.brunner_munzel([1, 2], [3, 4], alternative="bigger")
