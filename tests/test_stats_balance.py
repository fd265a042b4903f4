import pytest

from sprintlab import stats as st


def test_clear_mismatch_is_flagged():
    check = st.sample_ratio_mismatch([600, 400])
    assert check.mismatch and check.p_value < 0.001
    assert "assignment" in check.note
    assert check.expected == (500.0, 500.0)


def test_differential_attrition_is_a_mismatch_too():
    assert st.attrition_mismatch([100, 100], [90, 60]).mismatch
    assert not st.attrition_mismatch([100, 100], [90, 88]).mismatch
    assert not st.attrition_mismatch([10, 12], [10, 12]).mismatch


def test_order_sequences_balance():
    assert not st.order_balance([25, 24, 26, 25]).mismatch
    assert st.order_balance([60, 10, 30, 20]).mismatch


@pytest.mark.parametrize(
    ("counts", "weights", "message"),
    [
        ([10, -1], None, "negative"),
        ([10], None, "at least 2"),
        ([0, 0], None, "no participants"),
        ([10, 12], [1, 2, 3], "one value per arm"),
        ([10, 12], [1, 0], "positive"),
    ],
)
def test_bad_counts_raise(counts, weights, message):
    with pytest.raises(ValueError, match=message):
        st.sample_ratio_mismatch(counts, weights)


def test_completers_cannot_exceed_starters():
    with pytest.raises(ValueError, match="more completers"):
        st.attrition_mismatch([10, 10], [11, 5])
