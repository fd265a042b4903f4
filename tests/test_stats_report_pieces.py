"""Small pieces the report needs: don't-know rates, period effects, pairwise pairs."""

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st


def test_dont_know_rates_with_wilson_intervals_and_a_test():
    result = st.dont_know_rates(["control", "a", "b"], [2, 3, 14], [40, 40, 40])
    assert result.rates == pytest.approx((0.05, 0.075, 0.35))
    low, high = sps.binomtest(14, 40).proportion_ci(method="wilson")
    assert result.intervals[2] == pytest.approx((low, high))
    table = [[2, 38], [3, 37], [14, 26]]
    assert result.test.statistic == pytest.approx(
        sps.chi2_contingency(table, correction=False).statistic
    )
    assert result.differ and "differ" in result.note


def test_sparse_dont_know_counts_use_fishers_test():
    result = st.dont_know_rates(["control", "a"], [0, 4], [20, 20])
    assert result.test.method == "exact"
    assert result.test.p_value == pytest.approx(
        sps.fisher_exact([[0, 20], [4, 16]]).pvalue
    )
    none = st.dont_know_rates(["control", "a"], [0, 0], [20, 20])
    assert np.isnan(none.test.p_value) and not none.differ
    with pytest.raises(ValueError, match="more don't-know"):
        st.dont_know_rates(["control", "a"], [5, 1], [4, 4])


def test_period_effect_is_friedman_over_positions():
    rng = np.random.default_rng(8)
    ratings = rng.integers(1, 8, (30, 3)).astype(float)
    ratings[:, 0] += 1  # the first variant seen is rated higher
    ratings[0, 2] = np.nan
    result = st.period_effect(ratings)
    expected = sps.friedmanchisquare(*ratings[1:].T)
    assert result.test.statistic == pytest.approx(expected.statistic)
    assert result.n_complete == 29 and result.n_by_position == (30, 30, 29)
    assert result.mean_by_position[2] == pytest.approx(np.nanmean(ratings[:, 2]))
    assert "1 participant" in result.note


def test_paired_omnibus_comparisons_use_every_complete_pair():
    rng = np.random.default_rng(9)
    ratings = rng.integers(1, 8, (20, 3)).astype(float)
    ratings[0, 1] = np.nan  # this person still counts for control vs variant 2
    result = st.omnibus_ordinal(ratings, paired=True)
    assert result.n_per_group == (19, 19, 19)  # Friedman: complete rows only
    first, second = result.pairwise
    assert (first.n_control, second.n_control) == (19, 20)
    alone = st.compare_ordinal(ratings[:, 0], ratings[:, 2], paired=True)
    assert second.p_value == alone.p_value
    assert "every participant who rated both" in result.note
