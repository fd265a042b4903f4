"""An honest paired P(better): a stated prior that a few pairs cannot overrule."""

import numpy as np
import pytest

from sprintlab import stats as st

POINTS = np.arange(1, 8)
REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])


def test_two_pairs_that_agree_are_far_from_certainty():
    comparison = st.compare_ordinal([4, 4], [5, 5], paired=True)
    assert 0.5 < comparison.prob_better <= 0.95
    on_scale = st.compare_ordinal([4, 4], [5, 5], paired=True, scale=(1, 7))
    assert 0.5 < on_scale.prob_better <= 0.95
    lower_better = st.compare_ordinal([4, 4], [5, 5], paired=True,
                                      higher_is_better=False)  # fmt: skip
    assert lower_better.prob_better == pytest.approx(1 - comparison.prob_better)


@pytest.mark.parametrize("scale", [(1, 7), None])
def test_five_null_pairs_never_give_near_certainty(scale):
    # 400 five-person sprints without an effect; the old Bayesian bootstrap
    # showed exactly 0 or 1 in 28% of them.
    rng = np.random.default_rng(55)
    probabilities, mixed = [], []
    for _ in range(400):
        control = rng.choice(POINTS, 5, p=REALISTIC)
        variant = rng.choice(POINTS, 5, p=REALISTIC)
        d = variant - control
        posterior = st.paired_prob_better(control, variant, scale=scale,
                                          sensitivity=False)  # fmt: skip
        probabilities.append(posterior.probability)
        mixed.append((d > 0).any() and (d < 0).any())
    probabilities, mixed = np.array(probabilities), np.array(mixed)
    assert mixed.sum() > 200
    assert ((probabilities > 0) & (probabilities < 1)).all()
    inside = (probabilities[mixed] > 0.02) & (probabilities[mixed] < 0.98)
    assert inside.all(), probabilities[mixed][~inside]


def test_the_prior_is_stated_with_its_sensitivity_line():
    posterior = st.paired_prob_better([3, 4, 2, 5, 4], [4, 6, 3, 5, 3], scale=(1, 7))
    assert posterior.prior == (3.0,)
    assert "13 possible paired differences" in posterior.method
    strengths = [strength for strength, _ in posterior.sensitivity]
    assert strengths == [1.5, 6.0]
    half, double = (p for _, p in posterior.sensitivity)
    # A stronger prior pulls towards 1/2.
    assert abs(double - 0.5) < abs(posterior.probability - 0.5) < abs(half - 0.5)


def test_paired_yes_no_uses_a_stated_beta_prior():
    table = [[2, 5], [0, 3]]
    posterior = st.paired_binary_prob_better(table)
    assert 0.95 < posterior.probability < 1
    assert posterior.probability == pytest.approx(1 - 0.5**6)
    assert [s for s, _ in posterior.sensitivity] == [0.5, 2.0]


def test_between_subjects_probabilities_carry_a_sensitivity_line():
    dirichlet = st.dirichlet_prob_better([1, 3, 4, 4], [4, 5, 6], categories=POINTS)
    assert [s for s, _ in dirichlet.sensitivity] == [0.5, 2.0]
    beta = st.beta_binomial_prob_better(3, 10, 6, 10)
    assert [s for s, _ in beta.sensitivity] == [1.0, 4.0]
    assert all(0 < p < 1 for _, p in beta.sensitivity)
