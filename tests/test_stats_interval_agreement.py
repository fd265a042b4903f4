"""Every interval of a Comparison agrees with the test it names.

For each entry of ``interval_tests`` (interval -> (test, p)): the interval
excludes the no-difference value exactly when p < 1 - confidence.
"""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hs

from sprintlab import stats as st

ALPHA = 0.05
NULL = {"effect_ci": 0.0, "probability of superiority": 0.5}


def rating_lists(low, high):
    return hs.lists(hs.integers(1, 7), min_size=low, max_size=high).map(np.array)


between_samples = hs.one_of(
    hs.tuples(rating_lists(2, 9), rating_lists(2, 9)),
    hs.tuples(rating_lists(12, 40), rating_lists(12, 40)),
)


@hs.composite
def rating_pairs(draw):
    n = draw(hs.sampled_from([draw(hs.integers(2, 12)), draw(hs.integers(16, 40))]))
    values = hs.lists(hs.integers(1, 7), min_size=n, max_size=n).map(np.array)
    control = draw(values)
    shift = draw(hs.lists(hs.integers(-2, 3), min_size=n, max_size=n).map(np.array))
    return control, np.clip(control + shift, 1, 7)


@hs.composite
def yes_no_counts(draw):
    n_control, n_variant = draw(hs.integers(1, 60)), draw(hs.integers(1, 60))
    return (draw(hs.integers(0, n_control)), n_control,
            draw(hs.integers(0, n_variant)), n_variant)  # fmt: skip


@hs.composite
def yes_no_pairs(draw):
    n = draw(hs.integers(1, 50))
    values = hs.lists(hs.integers(0, 1), min_size=n, max_size=n).map(np.array)
    return draw(values), draw(values)


def intervals_of(comparison):
    found = {
        "ci": (comparison.ci_low, comparison.ci_high),
        "effect_ci": comparison.effect_ci,
        "mean_difference_ci": comparison.mean_difference_ci,
    }
    for extra in comparison.extra_effects:
        found[extra.name] = extra.ci
    return found


def assert_intervals_agree(comparison, null_effect=0.0):
    intervals = intervals_of(comparison)
    assert set(comparison.interval_tests) <= set(intervals)
    for name, (test, p_value) in comparison.interval_tests.items():
        low, high = intervals[name]
        if math.isnan(low) or math.isnan(high):
            continue  # undefined effect (e.g. no variance): the note says why
        null = NULL.get(name, 0.0) if name != "effect_ci" else null_effect
        excludes = low > null or high < null
        assert excludes == (p_value < ALPHA), (name, test, p_value, low, high)


SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(between_samples)
def test_between_rating_intervals_agree_with_their_tests(data):
    control, variant = data
    assert_intervals_agree(st.compare_ordinal(control, variant, scale=(1, 7)))


@SETTINGS
@given(rating_pairs())
def test_paired_rating_intervals_agree_with_their_tests(data):
    control, variant = data
    assert_intervals_agree(
        st.compare_ordinal(control, variant, paired=True, scale=(1, 7))
    )


@SETTINGS
@given(yes_no_counts())
def test_yes_no_intervals_agree_with_their_tests(counts):
    assert_intervals_agree(st.compare_binary_counts(*counts), null_effect=1.0)


@SETTINGS
@given(yes_no_pairs())
def test_paired_yes_no_intervals_agree_with_their_tests(data):
    control, variant = data
    assert_intervals_agree(
        st.compare_binary(control, variant, paired=True), null_effect=1.0
    )


def test_the_issue_cases_now_agree():
    # hodges_lehmann([1,2,3],[4,5,6]) was [1, 5] "exact" with p = 0.10.
    shift = st.hodges_lehmann([1, 2, 3], [4, 5, 6])
    assert shift.ci == (-math.inf, math.inf)
    assert shift.achieved_confidence == 0.9
    comparison = st.compare_ordinal([1, 2, 3], [4, 5, 6])
    assert comparison.achieved_confidence == 0.9
    assert "3 + 3 answers allow at most 90%" in comparison.note
    # Five against five, every interval now follows its own test.
    five = st.compare_ordinal([2, 3, 3, 4, 5], [3, 4, 5, 5, 6])
    assert_intervals_agree(five)
    assert five.interval_tests["ci"][0] == "Mann-Whitney U"
    assert five.interval_tests["effect_ci"][0] == "Brunner-Munzel"
