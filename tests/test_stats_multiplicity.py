import numpy as np
import pytest

from sprintlab import stats as st


def test_adjusted_p_values_are_at_least_raw_and_at_most_one():
    p = np.array([0.001, 0.3, 0.02, 0.04, 0.9])
    for adjust in (st.holm, st.benjamini_hochberg):
        adjusted = adjust(p)
        assert (adjusted >= p).all() and (adjusted <= 1).all()
    assert (st.holm(p) >= st.benjamini_hochberg(p)).all()


def test_undefined_p_values_stay_undefined_and_do_not_count():
    adjusted = st.holm([0.01, np.nan, 0.04])
    assert np.isnan(adjusted[1])
    assert adjusted[[0, 2]] == pytest.approx([0.02, 0.04])
    assert np.isnan(st.benjamini_hochberg([np.nan])).all()


def test_bad_p_values_raise():
    with pytest.raises(ValueError, match="between 0 and 1"):
        st.holm([0.5, 1.2])
    with pytest.raises(ValueError, match="1-D"):
        st.benjamini_hochberg([[0.1, 0.2]])
