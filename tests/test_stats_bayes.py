import numpy as np
import pytest
from scipy import integrate
from scipy import stats as sps

from sprintlab import stats as st


def test_closed_form_matches_numerical_integration():
    closed = st.beta_binomial_prob_better(3, 11, 7, 12).probability
    numeric, _ = integrate.quad(
        lambda x: sps.beta.pdf(x, 4, 9) * sps.beta.sf(x, 8, 6), 0, 1
    )
    assert closed == pytest.approx(numeric, rel=1e-9)
    jeffreys = st.beta_binomial_prob_better(3, 11, 7, 12, prior=(0.5, 0.5))
    assert jeffreys.method.startswith("numerical")


def test_dirichlet_probability_within_three_standard_errors_of_a_long_run():
    control, variant = [1, 3, 4, 4, 5, 6], [4, 5, 5, 6, 7, 7, 3]
    points = np.arange(1, 8)
    result = st.dirichlet_prob_better(control, variant, categories=points)
    rng = np.random.default_rng(0)
    counts_c = np.bincount(np.array(control) - 1, minlength=7) + 1
    counts_v = np.bincount(np.array(variant) - 1, minlength=7) + 1
    long_run = np.mean(
        rng.dirichlet(counts_v, 400_000) @ points
        > rng.dirichlet(counts_c, 400_000) @ points
    )
    assert abs(result.probability - long_run) <= 3 * result.monte_carlo_se
    assert "prior sensitivity" in result.note


def test_prior_sensitivity_lists_each_prior():
    table = st.dirichlet_prior_sensitivity([1, 2, 3], [5, 6, 7], categories=range(1, 8))
    assert [prior for prior, _ in table] == [0.5, 1.0, 2.0]
    assert all(p > 0.5 for _, p in table)


def test_paired_probabilities():
    # Three pairs that all favour the variant are evidence, not certainty
    # (the Bayesian bootstrap used to say exactly 1.0 here).
    three = st.paired_prob_better([1, 2, 3], [2, 3, 4])
    assert 0.8 < three.probability < 0.99
    mixed = st.paired_prob_better([1, 2, 3, 4, 5], [2, 1, 5, 6, 5])
    assert 0.5 < mixed.probability < 1
    assert st.paired_binary_prob_better([[3, 4], [4, 2]]).probability == pytest.approx(
        0.5
    )


def test_values_outside_the_categories_raise():
    with pytest.raises(ValueError, match="outside the categories"):
        st.dirichlet_prob_better([1, 8], [2, 3], categories=range(1, 8))
    with pytest.raises(ValueError, match="positive"):
        st.beta_binomial_prob_better(1, 2, 1, 2, prior=(0, 1))
