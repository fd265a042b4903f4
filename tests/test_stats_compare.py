import dataclasses

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st


def test_ordinal_comparison_collects_everything_the_report_needs():
    rng = np.random.default_rng(1)
    control = rng.integers(1, 8, 30).astype(float)
    variant = rng.integers(2, 8, 28).astype(float)
    control[:2] = np.nan
    result = st.compare_ordinal(control, variant, scale=(1, 7))
    assert (result.n_control, result.n_variant, result.n_missing) == (28, 28, 2)
    assert "2 missing" in result.note
    assert result.effect_name == "Cliff's delta"
    assert result.estimate_name == "Hodges-Lehmann shift"
    assert [c.test for c in result.companions] == ["Brunner-Munzel"]
    assert [e.name for e in result.extra_effects] == [
        "probability of superiority",
        "Hedges' g",
    ]
    assert result.significance_reachable()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.p_value = 0.0


def test_lower_is_better_flips_only_the_probability_of_being_better():
    control, variant = [2, 3, 3, 4, 5], [4, 5, 5, 6, 7]
    up = st.compare_ordinal(control, variant)
    down = st.compare_ordinal(control, variant, higher_is_better=False)
    assert down.prob_better == pytest.approx(1 - up.prob_better)
    assert down.effect == up.effect


def test_answers_off_the_scale_raise():
    with pytest.raises(ValueError, match="1-7 scale"):
        st.compare_ordinal([1, 2, 8], [3, 4], scale=(1, 7))
    with pytest.raises(ValueError, match="1-7 scale"):
        st.compare_ordinal([1, 2, 3.5], [3, 4], scale=(1, 7))
    with pytest.raises(ValueError, match="at least 1"):
        st.compare_ordinal([], [3, 4])


def test_binary_comparison_between_and_within():
    control = np.r_[np.ones(48), np.zeros(32), np.nan]
    variant = np.r_[np.ones(56), np.zeros(14)]
    result = st.compare_binary(control, variant)
    assert result.estimate == pytest.approx(0.2)
    # The interval inverts the Miettinen-Nurminen score test now (Newcombe
    # 1998, method 10: 0.0528 to 0.3382), not Newcombe's hybrid of two
    # Wilson intervals, which inverts no test.
    assert (result.ci_low, result.ci_high) == pytest.approx((0.0528, 0.3382), abs=5e-5)
    assert result.interval_tests["ci"][0] == "Miettinen-Nurminen score"
    assert result.mean_difference == result.estimate
    assert result.n_missing == 1
    assert 0.5 < result.prob_better < 1
    counts = st.compare_binary_counts(48, 80, 56, 70)
    assert counts.p_value == result.p_value
    within = st.compare_binary([1, 0, 0, 0, 1, 0], [1, 1, 1, 1, 1, np.nan], paired=True)
    assert within.test == "McNemar exact"
    assert within.n_control == within.n_variant == 5
    assert within.effect == np.inf and "infinite" in within.note


def test_omnibus_between_subjects_with_holm_follow_ups():
    rng = np.random.default_rng(2)
    groups = [rng.integers(1, 8, 25), rng.integers(1, 8, 25), rng.integers(3, 8, 25)]
    result = st.omnibus_ordinal(groups, pairs="all")
    assert result.pair_indices == ((0, 1), (0, 2), (1, 2))
    raw = [c.p_value for c in result.pairwise]
    assert [c.p_adjusted for c in result.pairwise] == pytest.approx(st.holm(raw))
    n = 75
    assert result.effect == pytest.approx(result.statistic / (n - 1))


def test_omnibus_within_subjects_matches_scipy_friedman():
    rng = np.random.default_rng(3)
    ratings = rng.integers(1, 8, (20, 3)).astype(float)
    ratings[0, 1] = np.nan
    result = st.omnibus_ordinal(ratings, paired=True)
    complete = ratings[1:]
    expected = sps.friedmanchisquare(*complete.T)
    assert result.statistic == pytest.approx(expected.statistic)
    assert result.p_value == pytest.approx(expected.pvalue)
    assert result.effect == pytest.approx(expected.statistic / (19 * 2))
    assert result.n_per_group == (19, 19, 19)
    assert all(c.paired for c in result.pairwise)
    assert len(result.pairwise) == 2


def test_omnibus_needs_two_groups():
    with pytest.raises(ValueError, match="at least 2 groups"):
        st.omnibus_ordinal([[1, 2, 3]])
    with pytest.raises(ValueError, match="participants x variants"):
        st.omnibus_ordinal(np.array([1, 2, 3]), paired=True)
