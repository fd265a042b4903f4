"""Planned n from the margin: the formula, and its power checked by simulation."""

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st

POINTS = np.arange(1, 8)
# No answers at 7, so that moving every answer one point up adds exactly 1.
NO_SEVENS = np.array([0.06, 0.12, 0.2, 0.26, 0.22, 0.14, 0.0])
N_SIMS = 1000  # power SE at 0.8: 0.013, so 0.74-0.88 is about +-5 SE


def claimed_share(decisions, claims):
    return np.mean([d in claims for d in decisions])


def test_large_samples_follow_the_normal_formula():
    plan = st.planned_n(0.25, sd=1.5, alpha=0.05, family_size=4)
    z = sps.norm.ppf(1 - 0.05 / 8) + sps.norm.ppf(0.8)
    assert plan.exact_n == pytest.approx(2 * (z * 1.5 / 0.25) ** 2, rel=0.01)
    assert plan.alpha_per_side == pytest.approx(0.05 / 8)
    # Same as the two-sided t test at alpha/m (its far tail is negligible).
    two_sided = st.t_test_sample_size(0.25 / 1.5, alpha=0.05 / 4)
    assert plan.exact_n == pytest.approx(two_sided, rel=1e-3)


def test_defaults_are_stated_and_the_family_costs_participants():
    one = st.planned_n(0.5)
    assert one.sd == 1.5 and "SD 1.5" in one.note
    many = st.planned_n(0.5, family_size=16)
    assert many.n_per_variant > one.n_per_variant
    paired = st.planned_n(0.5, paired=True)
    assert paired.n_per_variant < one.n_per_variant
    binary = st.planned_n(0.1, kind="binary")
    assert binary.p == 0.5
    z = sps.norm.ppf(0.975) + sps.norm.ppf(0.8)
    assert binary.exact_n == pytest.approx(0.5 * (z / 0.1) ** 2)


def test_planned_n_reaches_its_power_between_rating():
    sd = float(np.sqrt(NO_SEVENS @ (POINTS - POINTS @ NO_SEVENS) ** 2))
    plan = st.planned_n(1.0, sd=sd, family_size=2)
    n = plan.n_per_variant
    shifted = np.append(0.0, NO_SEVENS[:-1])
    rng = np.random.default_rng(11)
    decisions = [
        st.difference_test_counts(
            POINTS, rng.multinomial(n, NO_SEVENS), rng.multinomial(n, shifted),
            margin=1.0, family_size=2,
        ).decision
        for _ in range(N_SIMS)
    ]  # fmt: skip
    assert 0.74 <= claimed_share(decisions, {"better"}) <= 0.88


def test_planned_n_reaches_its_power_paired_rating_non_inferiority():
    steps, probs = np.arange(-2, 3), np.array([0.1, 0.2, 0.4, 0.2, 0.1])
    plan = st.planned_n(0.5, paired=True, sd=np.sqrt(1.2), family_size=2)
    n = plan.n_per_variant
    rng = np.random.default_rng(12)
    decisions = []
    for _ in range(N_SIMS):
        control = rng.integers(2, 6, n)
        variant = control + rng.choice(steps, size=n, p=probs)
        decisions.append(
            st.difference_test(
                control, variant, paired=True, margin=0.5, family_size=2
            ).decision
        )
    claims = {"not_worse", "equivalent", "better"}
    assert 0.74 <= claimed_share(decisions, claims) <= 0.88


def test_planned_n_reaches_its_power_between_yes_no():
    plan = st.planned_n(0.2, kind="binary", family_size=2)
    n = plan.n_per_variant
    rng = np.random.default_rng(13)
    decisions = [
        st.risk_difference_test(
            rng.binomial(n, 0.4), n, rng.binomial(n, 0.6), n, margin=0.2,
            family_size=2,
        ).decision
        for _ in range(N_SIMS)
    ]  # fmt: skip
    assert 0.74 <= claimed_share(decisions, {"better"}) <= 0.88


def test_planned_n_reaches_its_power_paired_yes_no_non_inferiority():
    plan = st.planned_n(0.1, kind="binary", paired=True, family_size=2)
    n = plan.n_per_variant
    cells = [0.375, 0.125, 0.125, 0.375]  # p = 0.5 each, correlation 0.5
    rng = np.random.default_rng(14)
    decisions = []
    for _ in range(N_SIMS):
        both, v_only, c_only, neither = rng.multinomial(n, cells)
        table = [[both, v_only], [c_only, neither]]
        decisions.append(
            st.paired_risk_difference_test(table, margin=0.1, family_size=2).decision
        )
    claims = {"not_worse", "equivalent", "better"}
    assert 0.74 <= claimed_share(decisions, claims) <= 0.88


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"margin": -1}, "positive"),
        ({"margin": "1"}, "number"),
        ({"margin": 0.5, "power": 1.0}, "power"),
        ({"margin": 0.5, "sd": 0}, "sd"),
        ({"margin": 0.1, "kind": "binary", "p": 1.2}, "p must"),
    ],
)
def test_bad_plans_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        st.planned_n(**kwargs)
