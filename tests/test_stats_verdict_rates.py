"""Error rates of the verdict claims, by simulation (fixed seeds, count-based).

Each rate check has enough simulated studies to tell 5% from 10%: the
bound is stated next to it with its Monte Carlo standard error.
"""

import numpy as np
import pytest

from sprintlab import stats as st

POINTS = np.arange(1, 8)
# Realistic 7-point answers: few extremes, mass in the middle-upper range.
REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])
DONT_KNOW = 0.03
# A control without answers at 1, so that moving a share w of its answers
# one point down lowers the mean by exactly w.
NO_ONES = np.array([0.0, 0.08, 0.12, 0.25, 0.25, 0.18, 0.12])


def one_point_down(probs, share):
    down = np.append(probs[1:], 0.0)
    return (1 - share) * probs + share * down


def test_family_wise_error_of_the_verdicts_under_the_global_null():
    # 9 arms (control + 8 variants) x 2 outcomes, 20 per arm, ~3% don't know:
    # a wrong claim under the global null is "better" or "worse".
    rng = np.random.default_rng(20_261_130)
    n_studies, n_arms, family = 800, 9, 16
    rating = np.append(REALISTIC * (1 - DONT_KNOW), DONT_KNOW)
    yes_no = np.array([0.45, 0.55]) * (1 - DONT_KNOW)
    yes_no = np.append(yes_no, DONT_KNOW)
    wrong = 0
    for _ in range(n_studies):
        ratings = rng.multinomial(20, rating, size=n_arms)[:, :7]
        answers = rng.multinomial(20, yes_no, size=n_arms)
        claims = []
        for arm in range(1, n_arms):
            claims.append(
                st.difference_test_counts(
                    POINTS, ratings[0], ratings[arm], margin=0.5, family_size=family
                ).decision
            )
            claims.append(
                st.risk_difference_test(
                    answers[0, 0], answers[0, :2].sum(),
                    answers[arm, 0], answers[arm, :2].sum(),
                    margin=0.1, family_size=family, higher_is_better=False,
                ).decision
            )  # fmt: skip
        wrong += any(claim in ("better", "worse") for claim in claims)
    rate = wrong / n_studies
    # SE at 5% with 800 studies: 0.0077; the bound is 2.6 SE above 5%.
    assert 0.02 <= rate <= 0.07, rate


def not_worse_rate(decide_once, n_sims, rng):
    claims = [decide_once(rng) for _ in range(n_sims)]
    return np.mean([c in ("not_worse", "equivalent", "better") for c in claims])


# With m = 1 the bound is one-sided 2.5%; 1000 simulations: SE 0.005 at 2.5%,
# so the 5% bound is 5 SE away from the design level and 10 SE below 10%.
N_SIMS = 1000


def test_no_non_inferiority_claim_when_the_truth_is_the_margin_between_ordinal():
    variant = one_point_down(NO_ONES, 0.5)
    assert POINTS @ variant - POINTS @ NO_ONES == pytest.approx(-0.5)

    def once(rng):
        return st.difference_test_counts(
            POINTS,
            rng.multinomial(25, NO_ONES),
            rng.multinomial(25, variant),
            margin=0.5,
        ).decision

    assert not_worse_rate(once, N_SIMS, np.random.default_rng(1)) <= 0.05


@pytest.mark.parametrize("pairs", [12, 40])
def test_no_non_inferiority_claim_when_the_truth_is_the_margin_paired_ordinal(pairs):
    # Differences -2..2 with mean exactly -0.5 (= -margin).
    steps, probs = np.arange(-2, 3), np.array([0.2, 0.35, 0.25, 0.15, 0.05])
    assert steps @ probs == pytest.approx(-0.5)

    def once(rng):
        control = rng.integers(3, 6, pairs)
        variant = control + rng.choice(steps, size=pairs, p=probs)
        return st.difference_test(control, variant, paired=True, margin=0.5).decision

    assert not_worse_rate(once, N_SIMS, np.random.default_rng(pairs)) <= 0.05


def test_no_non_inferiority_claim_when_the_truth_is_the_margin_between_yes_no():
    # "Lower is better" item: the variant has 10 points more yes (worse by 0.1).
    def once(rng):
        return st.risk_difference_test(
            rng.binomial(40, 0.5), 40, rng.binomial(40, 0.6), 40,
            margin=0.1, higher_is_better=False,
        ).decision  # fmt: skip

    assert not_worse_rate(once, N_SIMS, np.random.default_rng(3)) <= 0.05


def test_no_non_inferiority_claim_when_the_truth_is_the_margin_paired_yes_no():
    # Cells: both yes, variant only, control only, both no: 0.4 - 0.5 = -0.1.
    cells = np.array([0.3, 0.1, 0.2, 0.4])

    def once(rng):
        both, v_only, c_only, neither = rng.multinomial(40, cells)
        table = [[both, v_only], [c_only, neither]]
        return st.paired_risk_difference_test(table, margin=0.1).decision

    assert not_worse_rate(once, N_SIMS, np.random.default_rng(4)) <= 0.05
