import numpy as np
import pytest

from sprintlab import stats as st
from sprintlab.stats import sequential


def test_one_entry_per_participant_and_undefined_at_the_start():
    outcomes = np.array([5, 3, 6, np.nan, 4, 7, 2, 5])
    assigned = np.array([1, 1, 0, 1, 0, 1, 0, 0])
    result = st.confidence_sequence(outcomes, assigned)
    assert result.n.tolist() == list(range(1, 8))
    assert np.isnan(result.lower[:2]).all()  # control arm still empty
    assert np.isfinite(result.lower[2:]).all()
    assert "1 missing" in result.note and "fixed-n" in result.note
    assert not result.lower.flags.writeable


def test_tuning_minimises_the_width_at_t_opt():
    rho = sequential.optimal_rho(500, 0.05)
    width = sequential._boundary_factor(np.array(500.0), rho, 0.05)
    for other in (rho / 2, rho * 2):
        assert width < sequential._boundary_factor(np.array(500.0), other, 0.05)


def test_known_sigma_gives_the_nonasymptotic_version():
    rng = np.random.default_rng(1)
    assigned, outcomes = rng.integers(0, 2, 400), rng.integers(0, 2, 400)
    result = st.confidence_sequence(outcomes, assigned, sigma=2.0)
    assert "sub-Gaussian" in result.method
    estimate, lower, upper = result.final
    assert lower < estimate < upper


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p_variant": 1.0}, "p_variant"),
        ({"sigma": -1.0}, "sigma"),
    ],
)
def test_bad_settings_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        st.confidence_sequence([1, 2, 3], [0, 1, 0], **kwargs)


def test_bad_data_raise():
    with pytest.raises(ValueError, match="same length"):
        st.confidence_sequence([1, 2, 3], [0, 1])
    with pytest.raises(ValueError, match="0 \\(no\\), 1 \\(yes\\)"):
        st.confidence_sequence([1, 2, 3], [0, 1, 2])
    with pytest.raises(ValueError, match="no outcomes"):
        st.confidence_sequence([np.nan, np.nan], [0, 1])
