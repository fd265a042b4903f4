"""Direction on the right scale: yes/no by the risk difference, never by effect > 0."""

import numpy as np
import pytest

from sprintlab import stats as st

FEW_YES = np.r_[np.ones(15), np.zeros(85)]  # 15% yes
MANY_YES = np.r_[np.ones(59), np.zeros(41)]  # 59% yes


@pytest.mark.parametrize(
    ("control", "variant", "higher_is_better", "better"),
    [
        (MANY_YES, FEW_YES, True, False),  # the reproducer: fewer yes, helpfulness
        (MANY_YES, FEW_YES, False, True),  # fewer yes on an intrusiveness item
        (FEW_YES, MANY_YES, True, True),
        (FEW_YES, MANY_YES, False, False),
    ],
)
def test_yes_no_direction_in_all_four_combinations(
    control, variant, higher_is_better, better
):
    comparison = st.compare_binary(control, variant, higher_is_better=higher_is_better)
    assert comparison.effect > 0  # an odds ratio: useless for direction
    direction = st.signed_direction(comparison, higher_is_better=higher_is_better)
    assert (direction > 0) == better
    assert abs(direction) == pytest.approx(0.44)
    paired = st.compare_binary(control, variant, paired=True)
    assert (
        st.signed_direction(paired, higher_is_better=higher_is_better) > 0
    ) == better


@pytest.mark.parametrize("higher_is_better", [True, False])
def test_rating_direction_follows_the_rank_effect(higher_is_better):
    low, high = [2, 3, 3, 4, 4, 5], [4, 5, 5, 6, 6, 7]
    up = st.compare_ordinal(low, high)
    down = st.compare_ordinal(high, low)
    assert (st.signed_direction(up, higher_is_better=higher_is_better) > 0) == (
        higher_is_better
    )
    assert st.signed_direction(
        down, higher_is_better=higher_is_better
    ) == pytest.approx(-st.signed_direction(up, higher_is_better=higher_is_better))
    assert st.signed_difference(up) == up.effect
