import numpy as np
import pytest

from sprintlab import stats as st
from sprintlab.stats import sequential


def test_one_entry_per_participant_and_undefined_at_the_start():
    outcomes = np.array([5, 3, 6, np.nan, 4, 7, 2, 5])
    assigned = np.array([1, 1, 0, 1, 0, 1, 0, 0])
    result = st.confidence_sequence(outcomes, assigned, min_per_arm=1)
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


def test_no_bounds_before_the_minimum_per_arm():
    rng = np.random.default_rng(3)
    assigned = rng.integers(0, 2, 60)
    result = st.confidence_sequence(rng.integers(1, 8, 60), assigned)
    enough = (np.cumsum(assigned) >= 10) & (np.cumsum(1 - assigned) >= 10)
    assert np.isnan(result.lower[~enough]).all()
    assert np.isfinite(result.lower[enough]).all()
    early = st.confidence_sequence(rng.integers(1, 8, 12), assigned[:12])
    assert np.isnan(early.lower).all() and "10 answers per arm" in early.note
    with pytest.raises(ValueError, match="min_per_arm"):
        st.confidence_sequence([1, 2, 3], [0, 1, 0], min_per_arm=0)


def test_alpha_is_split_over_the_variants():
    rng = np.random.default_rng(4)
    arms = rng.choice(["control", "a", "b", "c", "d"], 400)
    sequences = st.variant_confidence_sequences(
        rng.integers(1, 8, 400), arms, "control"
    )
    assert sorted(sequences) == ["a", "b", "c", "d"]
    assert all(s.alpha == pytest.approx(0.0125) for s in sequences.values())
    assert "split over 4 variants" in sequences["a"].note
    with pytest.raises(ValueError, match="control"):
        st.variant_confidence_sequences([1, 2], ["a", "b"], "control")
