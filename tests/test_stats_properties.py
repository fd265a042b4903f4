"""Property tests: p-values are probabilities, intervals hold their estimate,
and swapping the arms flips the sign of every difference-type effect."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hs

from sprintlab import stats as st

likert = hs.lists(hs.integers(1, 7), min_size=2, max_size=25).map(np.array)
continuous = hs.lists(
    hs.floats(-100, 100, allow_nan=False).map(lambda x: round(x, 2)),
    min_size=2,
    max_size=25,
).map(np.array)
samples = hs.one_of(likert, continuous)


@hs.composite
def pairs(draw):
    n = draw(hs.integers(1, 25))
    values = hs.lists(hs.integers(1, 7), min_size=n, max_size=n).map(np.array)
    return draw(values), draw(values)


@hs.composite
def binary_pairs(draw):
    n = draw(hs.integers(1, 30))
    values = hs.lists(hs.integers(0, 1), min_size=n, max_size=n).map(np.array)
    return draw(values), draw(values)


@hs.composite
def counts(draw):
    n_control, n_variant = draw(hs.integers(1, 60)), draw(hs.integers(1, 60))
    return (
        draw(hs.integers(0, n_control)),
        n_control,
        draw(hs.integers(0, n_variant)),
        n_variant,
    )


SETTINGS = settings(max_examples=60, deadline=None)


def is_probability(p):
    return 0.0 <= p <= 1.0


def contains(estimate):
    if math.isnan(estimate.ci_low):
        return math.isnan(estimate.ci_high)
    if "outside the interval" in estimate.note:
        # A Hodges-Lehmann interval inverts its rank test; with heavy ties the
        # median difference can fall outside it, and the note says so.
        return not estimate.ci_low <= estimate.estimate <= estimate.ci_high
    return estimate.ci_low <= estimate.estimate <= estimate.ci_high


@SETTINGS
@given(samples, samples, hs.sampled_from(["two-sided", "less", "greater"]))
def test_two_sample_p_values_are_probabilities(control, variant, alternative):
    for test in (st.mann_whitney, st.brunner_munzel):
        result = test(control, variant, alternative=alternative)
        assert is_probability(result.p_value) or (
            math.isnan(result.p_value) and result.note
        )


@SETTINGS
@given(pairs(), hs.sampled_from(["two-sided", "less", "greater"]))
def test_paired_p_values_are_probabilities(data, alternative):
    control, variant = data
    for test in (st.wilcoxon_signed_rank, st.sign_test):
        assert is_probability(test(control, variant, alternative=alternative).p_value)


@SETTINGS
@given(counts(), hs.sampled_from(["two-sided", "less", "greater"]))
def test_binary_p_values_are_probabilities(data, alternative):
    assert is_probability(st.association_test(*data, alternative=alternative).p_value)


@SETTINGS
@given(hs.lists(likert, min_size=2, max_size=4))
def test_kruskal_p_value_is_probability(groups):
    assert is_probability(st.kruskal_wallis(groups).p_value)


@SETTINGS
@given(samples, samples)
def test_between_intervals_contain_estimates(control, variant):
    for effect in (
        st.cliffs_delta,
        st.probability_of_superiority,
        st.hodges_lehmann,
        st.welch_mean_difference,
        st.hedges_g,
    ):
        estimate = effect(control, variant)
        assert contains(estimate) or math.isnan(estimate.estimate), estimate


@SETTINGS
@given(pairs())
def test_paired_intervals_contain_estimates(data):
    control, variant = data
    for effect in (st.pseudo_median, st.paired_mean_difference):
        assert contains(effect(control, variant))
    rank_biserial = st.matched_rank_biserial(control, variant)
    assert contains(rank_biserial) or math.isnan(rank_biserial.estimate)


@SETTINGS
@given(counts())
def test_binary_intervals_contain_estimates(data):
    assert contains(st.newcombe_risk_difference(*data))
    odds = st.conditional_odds_ratio(*data)
    assert contains(odds) or math.isnan(odds.estimate)


@SETTINGS
@given(binary_pairs())
def test_paired_risk_difference_contains_estimate(data):
    assert contains(st.paired_risk_difference(*data))


@SETTINGS
@given(samples, samples)
def test_swapping_arms_flips_between_effects(control, variant):
    for effect in (st.cliffs_delta, st.welch_mean_difference, st.hodges_lehmann):
        forward, backward = effect(control, variant), effect(variant, control)
        assert forward.estimate == -backward.estimate or math.isclose(
            forward.estimate, -backward.estimate, abs_tol=1e-12
        )
    forward, backward = (
        st.cliffs_delta(control, variant),
        st.cliffs_delta(variant, control),
    )
    if not math.isnan(forward.ci_low):
        assert math.isclose(forward.ci_low, -backward.ci_high, abs_tol=1e-9)


@SETTINGS
@given(counts())
def test_swapping_arms_flips_risk_difference(data):
    kc, nc, kv, nv = data
    forward = st.newcombe_risk_difference(kc, nc, kv, nv)
    backward = st.newcombe_risk_difference(kv, nv, kc, nc)
    assert math.isclose(forward.estimate, -backward.estimate, abs_tol=1e-12)
    assert math.isclose(forward.ci_low, -backward.ci_high, abs_tol=1e-12)


@SETTINGS
@given(pairs())
def test_swapping_arms_flips_paired_effects(data):
    control, variant = data
    for effect in (st.paired_mean_difference, st.matched_rank_biserial):
        forward, backward = effect(control, variant), effect(variant, control)
        if not math.isnan(forward.estimate):
            assert math.isclose(forward.estimate, -backward.estimate, abs_tol=1e-12)


@SETTINGS
@given(likert, likert)
def test_comparison_is_coherent(control, variant):
    result = st.compare_ordinal(control, variant, scale=(1, 7))
    assert is_probability(result.p_value)
    assert is_probability(result.prob_better)
    assert result.min_p_value <= result.p_value + 1e-12
    assert -1 <= result.effect <= 1
