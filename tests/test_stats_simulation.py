"""Simulation checks: error rates, planned power, small-sample honesty, peeking.

Fixed seeds throughout, so the numbers are reproducible and the run is quick.
"""

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st

POINTS = np.arange(1, 8)
# A realistic 7-point distribution: few extremes, mass in the middle-upper range.
REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])
SHIFTED = np.array([0.02, 0.04, 0.07, 0.20, 0.27, 0.22, 0.18])


def test_false_positive_rate_without_a_true_effect():
    rng = np.random.default_rng(2024)
    n_studies = 600
    rejected = rejected_companion = 0
    for _ in range(n_studies):
        control = rng.choice(POINTS, size=40, p=REALISTIC)
        variant = rng.choice(POINTS, size=40, p=REALISTIC)
        result = st.compare_ordinal(control, variant, scale=(1, 7))
        rejected += result.p_value < 0.05
        rejected_companion += result.companions[0].p_value < 0.05
    assert 0.03 <= rejected / n_studies <= 0.07
    assert 0.03 <= rejected_companion / n_studies <= 0.07


def test_exact_small_sample_test_is_not_anti_conservative():
    rng = np.random.default_rng(7)
    n_studies = 600
    rejected = sum(
        st.mann_whitney(
            rng.choice(POINTS, size=6, p=REALISTIC),
            rng.choice(POINTS, size=6, p=REALISTIC),
        ).p_value
        < 0.05
        for _ in range(n_studies)
    )
    # Exact with ties: at most alpha, up to Monte Carlo error (3 SE).
    assert rejected / n_studies <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / n_studies)


def test_noether_sample_size_reaches_its_power_in_simulation():
    p_star = st.superiority_from_distributions(REALISTIC, SHIFTED)
    plan = st.noether_sample_size(p_star, alpha=0.05, power=0.8)
    power = st.simulated_power_ordinal(
        REALISTIC, SHIFTED, plan.n_control, plan.n_variant, n_simulations=2000
    )
    assert 0.75 <= power <= 0.90
    # And clearly less with half the sample.
    half = st.simulated_power_ordinal(
        REALISTIC, SHIFTED, plan.n_control // 2, plan.n_variant // 2
    )
    assert half < 0.65


def test_plan_ordinal_reports_its_simulated_power():
    plan = st.plan_ordinal(REALISTIC, SHIFTED)
    assert (
        plan.n_total
        == st.noether_sample_size(
            st.superiority_from_distributions(REALISTIC, SHIFTED)
        ).n_total
    )
    assert 0.75 <= plan.simulated_power <= 0.90


def test_superiority_from_distributions_matches_simulation():
    rng = np.random.default_rng(11)
    control = rng.choice(POINTS, size=200_000, p=REALISTIC)
    variant = rng.choice(POINTS, size=200_000, p=SHIFTED)
    simulated = (variant > control).mean() + 0.5 * (variant == control).mean()
    assert st.superiority_from_distributions(REALISTIC, SHIFTED) == pytest.approx(
        simulated, abs=0.005
    )


def test_smallest_p_values_for_tiny_sprints():
    assert st.smallest_p_value(5, paired=True) == pytest.approx(0.0625)
    assert st.smallest_p_value(3, 3) == pytest.approx(0.10)
    five = st.significance_check(5, paired=True)
    assert not five.reachable
    assert "out of reach" in five.message
    assert st.significance_check(6, paired=True).reachable


def test_smallest_p_values_are_what_the_tests_actually_give():
    best_pairs = st.compare_ordinal([1, 2, 3, 4, 5], [3, 4, 5, 6, 7], paired=True)
    assert best_pairs.p_value == pytest.approx(0.0625)
    assert best_pairs.min_p_value == pytest.approx(0.0625)
    assert not best_pairs.significance_reachable()
    assert "out of reach" in best_pairs.note
    best_arms = st.compare_ordinal([1, 2, 3], [5, 6, 7])
    assert best_arms.p_value == pytest.approx(0.10)
    assert st.sign_test([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]).p_value == pytest.approx(
        0.0625
    )


def test_confidence_sequence_survives_peeking_under_the_null():
    rng = np.random.default_rng(99)
    n_runs, n_participants = 300, 1500
    ever_wrong = fixed_n_wrong = 0
    looks = np.arange(100, n_participants + 1, 100)
    for _ in range(n_runs):
        assigned = rng.integers(0, 2, n_participants)
        ratings = rng.choice(POINTS, size=n_participants, p=REALISTIC)
        sequence = st.confidence_sequence(ratings, assigned)
        lower, upper = sequence.lower[29:], sequence.upper[29:]
        ever_wrong += bool(((lower > 0) | (upper < 0)).any())
        # The naive alternative: a fixed-n test at every look.
        p_values = [
            sps.mannwhitneyu(
                ratings[:n][assigned[:n] == 1],
                ratings[:n][assigned[:n] == 0],
                method="asymptotic",
            ).pvalue
            for n in looks
        ]
        fixed_n_wrong += min(p_values) < 0.05
    assert ever_wrong / n_runs <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / n_runs)
    assert fixed_n_wrong / n_runs > 0.10  # peeking inflates the error rate


def test_variant_sequences_survive_peeking_after_every_participant():
    # A/A: a control and 8 variants, 60 per arm on average, looked at after
    # every participant. Unsplit and from the 2nd answer on this was 12%.
    rng = np.random.default_rng(123)
    n_runs, n_participants = 1000, 540
    ever_wrong = 0
    for _ in range(n_runs):
        arms = rng.integers(0, 9, n_participants)
        ratings = rng.choice(POINTS, size=n_participants, p=REALISTIC)
        sequences = st.variant_confidence_sequences(ratings, arms, 0)
        ever_wrong += any(
            bool(((s.lower > 0) | (s.upper < 0)).any()) for s in sequences.values()
        )
    # 1000 runs: SE 0.007 at 5%; the bound is 3 SE above 5% and 4 SE below 10%.
    assert ever_wrong / n_runs <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / n_runs)


def test_confidence_sequence_finds_a_real_difference():
    rng = np.random.default_rng(5)
    assigned = rng.integers(0, 2, 3000)
    ratings = np.where(
        assigned == 1,
        rng.choice(POINTS, size=3000, p=SHIFTED),
        rng.choice(POINTS, size=3000, p=REALISTIC),
    )
    estimate, lower, upper = st.confidence_sequence(ratings, assigned).final
    truth = POINTS @ SHIFTED - POINTS @ REALISTIC
    assert lower > 0
    assert lower <= truth <= upper
    assert lower <= estimate <= upper
