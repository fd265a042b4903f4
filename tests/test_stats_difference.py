"""The verdict-level difference test: each engine against brute force, the claims."""

import math
from itertools import combinations, product

import numpy as np
import pytest
from scipy import optimize
from scipy import stats as sps

from sprintlab import stats as st
from sprintlab.stats import margins, score_tests


def brute_welch_p(control, variant):
    """Two-sided p (twice the smaller tail) of Welch's t over every split."""
    pooled = np.concatenate([control, variant])
    n_v = len(variant)

    def welch(v, c):
        se = math.sqrt(np.var(v, ddof=1) / len(v) + np.var(c, ddof=1) / len(c))
        diff = np.mean(v) - np.mean(c)
        if se < 1e-12:
            return 0.0 if abs(diff) < 1e-12 else math.copysign(math.inf, diff)
        return diff / se

    observed = welch(np.asarray(variant, float), np.asarray(control, float))
    null = []
    for picked in combinations(range(pooled.size), n_v):
        mask = np.zeros(pooled.size, bool)
        mask[list(picked)] = True
        null.append(welch(pooled[mask], pooled[~mask]))
    null = np.array(null)
    greater = np.mean(null >= observed - 1e-9)
    less = np.mean(null <= observed + 1e-9)
    return min(1.0, 2 * min(greater, less))


@pytest.mark.parametrize(
    ("control", "variant"),
    [
        ([2, 3, 4, 4, 5], [3, 5, 5, 6, 7]),
        ([1, 4, 4, 7], [2, 2, 6, 6, 7]),
        ([4, 4], [5, 5]),
    ],
)
def test_between_exact_p_is_the_studentized_permutation_p(control, variant):
    result = st.difference_test(control, variant, margin=0.5)
    assert result.method == "exact"
    assert result.p_value == pytest.approx(brute_welch_p(control, variant), rel=1e-12)


def test_zero_variance_arms_do_not_give_p_zero():
    result = st.difference_test([4, 4], [5, 5], margin=0.5)
    assert result.p_value == pytest.approx(1 / 3)
    assert result.ci == (-math.inf, math.inf)
    big = st.difference_test([4] * 12, [5] * 12, margin=0.5)
    assert 0 < big.p_value == pytest.approx(2 / math.comb(24, 12))
    assert big.ci == (1.0, 1.0) and "single point" in big.note
    assert big.decision == "better"


def test_between_large_arms_give_the_welch_interval():
    rng = np.random.default_rng(1)
    control, variant = rng.integers(1, 8, 40), rng.integers(2, 8, 35)
    result = st.difference_test(control, variant, margin=0.5)
    welch = sps.ttest_ind(variant, control, equal_var=False)
    assert result.method == "asymptotic"
    assert result.p_value == pytest.approx(welch.pvalue, rel=1e-9)
    assert result.ci == pytest.approx(tuple(welch.confidence_interval()), rel=1e-9)
    counts = st.difference_test_counts(
        np.arange(1, 8),
        np.bincount(control - 1, minlength=7),
        np.bincount(variant - 1, minlength=7),
        margin=0.5,
    )
    assert counts.ci == pytest.approx(result.ci, rel=1e-12)


def test_exact_interval_is_the_set_of_shifts_not_rejected():
    control, variant = np.array([2, 3, 4, 4, 5.0]), np.array([3, 5, 5, 6, 7.0])
    result = st.difference_test(control, variant, margin=0.5)
    low, high = result.ci
    for shift, inside in [(low - 1e-6, False), (low + 1e-6, True),
                          (high - 1e-6, True), (high + 1e-6, False)]:  # fmt: skip
        p = brute_welch_p(control, variant - shift)
        assert (p >= 0.05) == inside, (shift, p)


def brute_sign_flip_p(d):
    d = np.asarray(d, float)
    flips = np.array(list(product([-1, 1], repeat=d.size)))
    null = flips @ np.abs(d)
    greater = np.mean(null >= d.sum() - 1e-9)
    less = np.mean(null <= d.sum() + 1e-9)
    return min(1.0, 2 * min(greater, less))


def test_paired_exact_p_is_the_sign_flip_p_and_five_pairs_cannot_reach_95():
    control, variant = [3, 4, 2, 5, 4, 3, 6], [5, 4, 4, 6, 3, 5, 7]
    result = st.difference_test(control, variant, paired=True, margin=0.5)
    d = np.subtract(variant, control)
    assert result.p_value == pytest.approx(brute_sign_flip_p(d), rel=1e-12)
    five = st.difference_test([1, 2, 3, 4, 5], [3, 4, 5, 6, 7], paired=True, margin=1)
    assert five.p_value == pytest.approx(0.0625)
    assert five.decision == "unclear"
    assert five.ci == (-math.inf, math.inf)
    assert five.achieved_confidence == pytest.approx(0.9375)
    assert "5 pairs allow at most 93.75%" in five.note


def test_three_and_three_answers_allow_at_most_ninety_percent():
    result = st.difference_test([1, 2, 3], [5, 6, 7], margin=0.5)
    assert result.p_value == pytest.approx(0.10)
    assert "3 + 3 answers allow at most 90%" in result.note
    assert result.achieved_confidence == pytest.approx(0.9)
    assert result.decision == "unclear"
    at_ninety = st.difference_test([1, 2, 3], [5, 6, 7], margin=0.5, alpha=0.2)
    assert at_ninety.ci_low > 0 and at_ninety.decision == "better"


def test_many_pairs_use_the_paired_t_interval():
    rng = np.random.default_rng(2)
    control = rng.integers(1, 8, 30)
    variant = np.clip(control + rng.integers(-1, 3, 30), 1, 7)
    result = st.difference_test(control, variant, paired=True, margin=0.5)
    expected = sps.ttest_rel(variant, control)
    assert result.method == "asymptotic"
    assert result.p_value == pytest.approx(expected.pvalue, rel=1e-9)
    assert result.ci == pytest.approx(tuple(expected.confidence_interval()), rel=1e-9)


def restricted_mle_numeric(x_v, n_v, x_c, n_c, d):
    def nll(p_c):
        p_v = p_c + d
        return -sps.binom.logpmf(x_v, n_v, p_v) - sps.binom.logpmf(x_c, n_c, p_c)

    bounds = (max(0, -d) + 1e-12, min(1, 1 - d) - 1e-12)
    return optimize.minimize_scalar(nll, bounds=bounds, method="bounded").fun, nll


@pytest.mark.parametrize("seed", range(3))
def test_miettinen_nurminen_uses_the_restricted_maximum_likelihood(seed):
    rng = np.random.default_rng(seed)
    for _ in range(30):
        n_v, n_c = rng.integers(2, 60, 2)
        x_v, x_c = rng.integers(0, n_v + 1), rng.integers(0, n_c + 1)
        d = rng.uniform(-0.9, 0.9)
        best, nll = restricted_mle_numeric(x_v, n_v, x_c, n_c, d)
        _, p_c = score_tests._restricted_proportions(x_v, n_v, x_c, n_c, d)
        assert nll(p_c) <= best + 1e-7


def test_miettinen_nurminen_interval_matches_newcombes_table():
    # Newcombe (1998), Stat Med 17:873, example (e): 56/70 - 48/80, method 10.
    result = st.risk_difference_test(48, 80, 56, 70, margin=0.1)
    assert result.ci == pytest.approx((0.0528, 0.3382), abs=5e-5)
    chi2 = sps.chi2_contingency([[56, 14], [48, 32]], correction=False).statistic
    z = score_tests.miettinen_nurminen_z(56, 70, 48, 80, 0.0)
    assert z**2 == pytest.approx(chi2 * 149 / 150, rel=1e-12)


def test_tango_reduces_to_mcnemar_at_zero_and_uses_the_restricted_mle():
    assert score_tests.tango_z(9, 3, 40, 0.0) == pytest.approx(6 / math.sqrt(12))
    b, c, n, d = 9, 3, 40, -0.1

    def nll(q):
        return -(
            b * np.log(q + d) + c * np.log(q) + (n - b - c) * np.log(1 - 2 * q - d)
        )

    bounds = (-d + 1e-9, (1 - d) / 2 - 1e-9)
    q = optimize.minimize_scalar(
        nll, bounds=bounds, method="bounded", options={"xatol": 1e-12}
    ).x
    variance = n * (2 * q + d * (1 - d))
    expected = (b - c - n * d) / math.sqrt(variance)
    assert score_tests.tango_z(b, c, n, d) == pytest.approx(expected, rel=1e-6)
    table = [[10, b], [c, n - 10 - b - c]]
    result = st.paired_risk_difference_test(table, margin=0.1)
    assert result.estimate == pytest.approx((b - c) / n)
    assert result.test.startswith("Tango")


@pytest.mark.parametrize(
    ("low", "high", "claim"),
    [
        (0.1, 0.9, "better"),
        (-0.9, -0.1, "worse"),
        (-0.3, 0.3, "equivalent"),
        (-0.3, 0.9, "not_worse"),
        (-0.6, 0.3, "unclear"),
        (-0.5, 0.2, "unclear"),  # touching -margin is not inside it
        (0.0, 0.4, "equivalent"),  # touching 0 is not excluding it
    ],
)
def test_the_five_claims(low, high, claim):
    assert margins.decide(low, high, 0.5) == claim


def test_yes_no_reproducer_points_the_right_way():
    # The variant gets 15% yes against the control's 59% on a helpfulness item.
    helpful = st.risk_difference_test(59, 100, 15, 100, margin=0.1)
    assert helpful.estimate == pytest.approx(-0.44)
    assert helpful.decision == "worse"
    assert helpful.oriented_ci_high < 0
    intrusive = st.risk_difference_test(
        59, 100, 15, 100, margin=0.1, higher_is_better=False
    )
    assert intrusive.decision == "better"
    assert intrusive.oriented_estimate == pytest.approx(0.44)
    assert intrusive.ci == helpful.ci  # the raw interval does not turn


def test_claims_agree_with_the_p_values():
    rng = np.random.default_rng(5)
    for _ in range(40):
        control = rng.integers(1, 8, rng.integers(4, 30)).astype(float)
        variant = rng.integers(1, 8, rng.integers(4, 30)).astype(float)
        m = int(rng.integers(1, 5))
        for better in (True, False):
            r = st.difference_test(control, variant, margin=0.7, family_size=m,
                                   higher_is_better=better)  # fmt: skip
            excludes_zero = r.ci_low > 0 or r.ci_high < 0
            assert excludes_zero == (r.p_adjusted < 0.05)
            per_side = 0.05 / (2 * m)
            assert (r.oriented_ci_low > -0.7) == (r.p_non_inferiority < per_side)
            inside = r.oriented_ci_low > -0.7 and r.oriented_ci_high < 0.7
            assert inside == (r.p_equivalence < per_side)


@pytest.mark.parametrize(
    ("margin", "kind", "message"),
    [
        (-0.5, "ordinal", "positive"),
        (0, "ordinal", "positive"),
        (math.nan, "ordinal", "positive"),
        (math.inf, "ordinal", "positive"),
        ("0.5", "ordinal", "number"),
        (None, "ordinal", "number"),
        (True, "ordinal", "number"),
        (1.0, "binary", "below 1"),
        (0.5, "nominal", "kind"),
    ],
)
def test_bad_margins_are_refused_with_one_line(margin, kind, message):
    with pytest.raises(ValueError, match=message) as error:
        st.difference_test([1, 2, 3], [2, 3, 4], margin=margin, kind=kind)
    assert "\n" not in str(error.value)


def test_bad_family_settings_are_refused():
    with pytest.raises(ValueError, match="family_size"):
        st.difference_test([1, 2], [2, 3], margin=1, family_size=0)
    with pytest.raises(ValueError, match="alpha"):
        st.difference_test([1, 2], [2, 3], margin=1, alpha=1.5)


def test_missing_answers_are_left_out_and_counted():
    result = st.difference_test([1, 2, np.nan, 4], [2, np.nan, 5, 6], margin=1)
    assert (result.n_control, result.n_variant, result.n_missing) == (3, 3, 2)
    paired = st.difference_test(
        [1, 0, np.nan, 1], [1, 1, 1, np.nan], kind="binary", paired=True, margin=0.2
    )
    assert paired.n_control == 2 and paired.n_missing == 2
