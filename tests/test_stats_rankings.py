"""Rank questions: mean ranks, first choices and Plackett-Luce, against hand sums."""

import numpy as np
import pytest
from scipy import optimize, special

from sprintlab.stats.rankings import (
    plackett_luce_information,
    plackett_luce_log_worths,
    positions,
    summarise_rankings,
)

# Three people order three options (0, 1, 2), first choice first.
SMALL = np.array([[0, 1, 2], [1, 0, 2], [0, 2, 1]])


def test_mean_ranks_and_first_choices_by_hand():
    summary = summarise_rankings(SMALL, 3, model=False)
    # option 0 is placed 1, 2, 1; option 1: 2, 1, 3; option 2: 3, 3, 2
    assert summary.mean_rank == pytest.approx((4 / 3, 2, 8 / 3))
    assert summary.first_share == pytest.approx((2 / 3, 1 / 3, 0))
    assert positions(SMALL).tolist() == [[1, 2, 3], [2, 1, 3], [1, 3, 2]]
    for (low, high), value in zip(summary.mean_rank_ci, summary.mean_rank, strict=True):
        assert low <= value <= high
    assert summary.first_share_ci[2] == (0.0, 0.0)  # nobody put it first
    assert np.isnan(summary.worth).all()


def test_the_bootstrap_is_seeded_and_shrinks_with_people():
    once = summarise_rankings(SMALL, 3, seed=4, model=False)
    again = summarise_rankings(SMALL, 3, seed=4, model=False)
    assert (once.mean_rank_ci, once.first_share_ci) == (
        again.mean_rank_ci,
        again.first_share_ci,
    )
    many = summarise_rankings(np.tile(SMALL, (100, 1)), 3, seed=4, model=False)
    width = [high - low for low, high in many.mean_rank_ci]
    assert max(width) < 0.35
    assert many.mean_rank == pytest.approx(once.mean_rank)


def plackett_luce_by_scipy(rankings, k):
    """An independent maximum likelihood: minimise the negative log-likelihood."""

    def negative(theta):
        total = 0.0
        for stage in range(k - 1):
            left = theta[rankings[:, stage:]]
            total -= (left[:, 0] - special.logsumexp(left, axis=1)).sum()
        return total + 0.5 * 1e-6 * theta @ theta

    found = optimize.minimize(negative, np.zeros(k), method="BFGS", tol=1e-10)
    return special.softmax(found.x)


def test_plackett_luce_worths_match_an_independent_fit():
    rng = np.random.default_rng(3)
    truth = np.array([0.5, 0.25, 0.15, 0.1])
    rankings = np.array([rng.choice(4, 4, replace=False, p=truth) for _ in range(300)])
    summary = summarise_rankings(rankings, 4)
    assert summary.worth == pytest.approx(plackett_luce_by_scipy(rankings, 4), abs=2e-3)
    assert sum(summary.worth) == pytest.approx(1)
    for (low, high), true in zip(summary.worth_ci, truth, strict=True):
        assert low < true < high


def test_with_two_options_the_worth_interval_is_the_wald_interval_of_a_share():
    rankings = np.array([[0, 1]] * 30 + [[1, 0]] * 70)
    summary = summarise_rankings(rankings, 2)
    assert summary.worth[0] == pytest.approx(0.3, abs=1e-3)
    se = np.sqrt(0.7 / (0.3 * 100))  # of the log of a share of 0.3 in 100
    expected = 0.3 * np.exp(np.array([-1, 1]) * special.ndtri(0.975) * se)
    assert summary.worth_ci[0] == pytest.approx(tuple(expected), rel=5e-3)


def test_the_information_is_that_of_each_choice_in_turn():
    theta = np.zeros(3)
    information = plackett_luce_information(np.array([[0, 1, 2]]), theta)
    # first choice among 3 equal: diag(1/3) - 1/9; then among 2: diag(1/2) - 1/4
    first = np.diag([1 / 3] * 3) - 1 / 9
    second = np.zeros((3, 3))
    second[1:, 1:] = np.diag([0.5, 0.5]) - 0.25
    assert information == pytest.approx(first + second)
    assert plackett_luce_log_worths(SMALL, 3).sum() == pytest.approx(0)


@pytest.mark.parametrize(
    "bad",
    [np.array([[0, 0, 1]]), np.array([[0, 1]]), np.array([[0, 1, 3]])],
)
def test_a_ranking_that_is_not_an_order_is_refused(bad):
    with pytest.raises(ValueError):
        summarise_rankings(bad, 3)
