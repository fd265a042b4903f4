"""The count-based fast paths agree with scipy and with the array-based paths.

A 1-7 item has at most 7 distinct values, so the rank statistics are computed
from two 7-bin count vectors. Deterministic quantities must agree to 1e-9;
Monte Carlo ones within their standard errors.
"""

import numpy as np
import pytest
from scipy import optimize, special
from scipy import stats as sps

from sprintlab import stats as st
from sprintlab.reporting.evidence import summarise, summarise_counts
from sprintlab.stats import bayes, exact, location, ordinal, posterior_draws
from sprintlab.stats.blocks import Blocks

POINTS = np.arange(1.0, 8.0)
SIZES = [(12, 15), (40, 31), (250, 300), (1_300, 1_100)]
ALTERNATIVES = ["two-sided", "less", "greater"]


def likert(rng, n, low=1, high=7):
    return rng.integers(low, high + 1, n).astype(float)


def counts(values):
    return np.bincount(values.astype(int) - 1, minlength=7)


@pytest.mark.parametrize(("n_c", "n_v"), SIZES)
@pytest.mark.parametrize("seed", range(3))
def test_count_based_u_and_p_equal_scipy(seed, n_c, n_v):
    rng = np.random.default_rng(seed)
    control, variant = likert(rng, n_c), likert(rng, n_v, 2)
    blocks = Blocks.from_counts(POINTS, counts(control), counts(variant))
    for alternative in ALTERNATIVES:
        for continuity in (True, False):
            theirs = sps.mannwhitneyu(
                variant, control, alternative=alternative,
                use_continuity=continuity, method="asymptotic",
            )  # fmt: skip
            ours = ordinal.mann_whitney_blocks(
                blocks, alternative=alternative, use_continuity=continuity,
                method="asymptotic",
            )  # fmt: skip
            assert ours.statistic == theirs.statistic
            assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize(("n_c", "n_v"), SIZES)
def test_count_based_brunner_munzel_and_welch_equal_scipy(n_c, n_v):
    rng = np.random.default_rng(n_c)
    control, variant = likert(rng, n_c), likert(rng, n_v, 2)
    for alternative in ALTERNATIVES:
        theirs = sps.brunnermunzel(variant, control, alternative=alternative)
        ours = st.brunner_munzel(control, variant, alternative=alternative)
        assert ours.statistic == pytest.approx(-theirs.statistic, rel=1e-9)
        assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9, abs=1e-300)
    welch = sps.ttest_ind(variant, control, equal_var=False)
    ours = st.welch_mean_difference(control, variant)
    assert ours.estimate == pytest.approx(variant.mean() - control.mean(), rel=1e-12)
    assert ours.ci == pytest.approx(tuple(welch.confidence_interval()), rel=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_kruskal_from_counts_equals_scipy(seed):
    rng = np.random.default_rng(seed)
    likert_groups = [likert(rng, n) for n in (30, 45, 28, 60)]
    continuous = [np.round(rng.normal(size=n), 2) for n in (20, 25, 30)]
    for groups in (likert_groups, continuous):
        ours, theirs = st.kruskal_wallis(groups), sps.kruskal(*groups)
        assert ours.statistic == pytest.approx(theirs.statistic, rel=1e-9)
        assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)
    table = np.stack([counts(g) for g in likert_groups])
    from_counts = st.kruskal_wallis_counts(POINTS, table)
    assert from_counts.statistic == st.kruskal_wallis(likert_groups).statistic


@pytest.mark.parametrize(("n_c", "n_v"), SIZES)
def test_hodges_lehmann_from_counts_is_the_median_of_all_differences(n_c, n_v):
    rng = np.random.default_rng(n_v)
    control, variant = likert(rng, n_c), likert(rng, n_v, 2)
    shift = st.hodges_lehmann(control, variant)
    if n_c * n_v <= 500_000:
        differences = (variant[:, None] - control[None, :]).ravel()
        assert shift.estimate == np.median(differences)
    blocks = Blocks.from_counts(POINTS, counts(control), counts(variant))
    assert location.hodges_lehmann_blocks(blocks, 0.95) == shift
    differences = np.sort((variant[:, None] - control[None, :]).ravel())
    ks = np.array([1, 2, n_c * n_v // 3, n_c * n_v - 1, n_c * n_v])
    found = location.kth_difference_counts(
        POINTS, counts(control), POINTS, counts(variant), ks
    )
    assert (found == differences[ks - 1]).all()


def _reference_hedges_g(control, variant):
    """Hedges' g and its limits through stats.nct.cdf, as before the fast path."""
    n_c, n_v = control.size, variant.size
    df = n_c + n_v - 2
    pooled = ((n_c - 1) * control.var(ddof=1) + (n_v - 1) * variant.var(ddof=1)) / df
    j = np.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / np.sqrt(
        df / 2
    )
    d = (variant.mean() - control.mean()) / np.sqrt(pooled)
    scale = np.sqrt(1 / n_c + 1 / n_v)

    def limit(target):
        ncp = optimize.brentq(
            lambda x: sps.nct.cdf(d / scale, df, x) - target,
            d / scale - 10, d / scale + 10, xtol=1e-12,
        )  # fmt: skip
        return ncp * scale * j

    return j * d, limit(0.975), limit(0.025)


@pytest.mark.parametrize(("n_c", "n_v"), SIZES[:3])
def test_hedges_g_interval_equals_the_scipy_distribution_route(n_c, n_v):
    rng = np.random.default_rng(7 + n_c)
    control, variant = likert(rng, n_c), likert(rng, n_v, 2)
    g = st.hedges_g(control, variant)
    estimate, low, high = _reference_hedges_g(control, variant)
    assert g.estimate == pytest.approx(estimate, rel=1e-9)
    assert g.ci_low == pytest.approx(low, rel=1e-9)
    assert g.ci_high == pytest.approx(high, rel=1e-9)


def test_benjamini_hochberg_equals_scipy():
    rng = np.random.default_rng(11)
    for size in (1, 2, 7, 40):
        p = rng.uniform(size=size) ** 3
        p[: size // 3] = p[0]  # ties
        assert st.benjamini_hochberg(p) == pytest.approx(
            sps.false_discovery_control(p, method="bh"), rel=1e-15
        )
    with_nan = st.benjamini_hochberg([0.01, np.nan, 0.04])
    assert np.isnan(with_nan[1])
    assert with_nan[[0, 2]] == pytest.approx([0.02, 0.04])


@pytest.mark.parametrize(("n_c", "n_v"), SIZES)
def test_counts_entry_point_equals_the_array_entry_point(n_c, n_v):
    rng = np.random.default_rng(n_c + n_v)
    control, variant = likert(rng, n_c), likert(rng, n_v, 2)
    from_arrays = st.compare_ordinal(control, variant, scale=(1, 7))
    from_counts = st.compare_ordinal_counts(POINTS, counts(control), counts(variant))
    assert from_counts == from_arrays


def test_lite_detail_keeps_every_deterministic_quantity():
    rng = np.random.default_rng(5)
    control, variant = likert(rng, 80), likert(rng, 70, 2)
    full = st.compare_ordinal(control, variant, scale=(1, 7))
    lite = st.compare_ordinal(control, variant, scale=(1, 7), detail="lite")
    for name in ("statistic", "p_value", "estimate", "ci_low", "ci_high", "effect",
                 "effect_ci", "mean_difference", "mean_difference_ci",
                 "min_p_value"):  # fmt: skip
        assert getattr(lite, name) == getattr(full, name)
    assert lite.prob_better is None and lite.companions == ()
    assert [e.name for e in lite.extra_effects] == ["probability of superiority"]
    with pytest.raises(ValueError, match="detail"):
        st.compare_ordinal(control, variant, detail="some")


def _reference_van_elteren(c, v, c_seg, v_seg):
    """The stratified Wilcoxon z from mid-ranks, as before the fast path."""
    numerator = variance = 0.0
    for label in np.unique(np.concatenate([c_seg, v_seg])):
        cs, vs = c[c_seg == label], v[v_seg == label]
        if cs.size == 0 or vs.size == 0:
            continue
        pooled = np.concatenate([vs, cs])
        n = pooled.size
        ranks = sps.rankdata(pooled)
        _, ties = np.unique(pooled, return_counts=True)
        weight = 1 / (n + 1)
        numerator += weight * (ranks[: vs.size].sum() - vs.size * (n + 1) / 2)
        tie_term = (ties**3 - ties).sum() / (n * (n - 1))
        variance += weight**2 * vs.size * cs.size / 12 * (n + 1 - tie_term)
    return numerator / np.sqrt(variance)


def test_segments_from_counts_equal_segment_by_segment_arrays():
    rng = np.random.default_rng(9)
    control, variant = likert(rng, 300), likert(rng, 280, 2)
    labels = np.array(["laag", "midden", "hoog", "geen"])
    c_seg, v_seg = rng.choice(labels, 300), rng.choice(labels[:3], 280)
    result = st.compare_segments(control, variant, c_seg, v_seg, scale=(1, 7))
    assert result.segments == ("hoog", "laag", "midden")
    for label, comparison in zip(result.segments, result.comparisons, strict=True):
        alone = st.compare_ordinal(
            control[c_seg == label], variant[v_seg == label], scale=(1, 7)
        )
        assert comparison.p_value == alone.p_value
        assert comparison.effect_ci == alone.effect_ci
        assert comparison.prob_better == alone.prob_better
    z = _reference_van_elteren(control, variant, c_seg, v_seg)
    assert result.adjusted_overall.statistic == pytest.approx(z, rel=1e-12)
    assert "geen" in result.adjusted_overall.note
    table_c = np.stack([counts(control[c_seg == x]) for x in labels])
    table_v = np.stack([counts(variant[v_seg == x]) for x in labels])
    from_tables = st.compare_segment_counts(labels, POINTS, table_c, table_v)
    assert from_tables == result
    lite = st.compare_segment_counts(labels, POINTS, table_c, table_v, detail="lite")
    assert lite.interaction == result.interaction
    assert all(c.prob_better is None for c in lite.comparisons)


def test_summaries_from_counts_equal_summaries_of_the_answers():
    rng = np.random.default_rng(4)
    for n in (0, 1, 2, 9, 10, 501):
        values = likert(rng, n)
        values[: n // 5] = np.nan
        known = values[~np.isnan(values)]
        by_values = summarise("likert7", "x", values)
        by_counts = summarise_counts("likert7", "x", counts(known), n // 5)
        assert by_counts == by_values
        if known.size > 1:
            assert by_values.sd == pytest.approx(np.std(known, ddof=1), rel=1e-12)
            assert by_values.median == np.median(known)
    binary = np.array([0.0, 1, 1, np.nan, 1])
    assert summarise("yes_no", "x", binary).distribution == {0: 1, 1: 3}


def test_posterior_draws_are_shared_and_reproducible():
    control, one = [30, 20, 10, 5, 5, 10, 20], [5] * 7
    other = [10, 10, 10, 10, 10, 1, 1]
    posterior_draws.posterior_batch.cache_clear()
    first = st.dirichlet_prob_better_counts(POINTS, control, one)
    st.dirichlet_prob_better_counts(POINTS, control, other)
    # The control's draws depend on its own counts only (stream 0 of the
    # seed), so the second comparison reuses them.
    assert posterior_draws.posterior_batch.cache_info().hits >= 1
    posterior_draws.posterior_batch.cache_clear()
    assert st.dirichlet_prob_better_counts(POINTS, control, one) == first
    assert first.monte_carlo_se <= bayes.POSTERIOR_TARGET_SE
    everything = st.dirichlet_prob_better_counts(
        POINTS, control, one, n_draws=6_000, target_se=None
    )
    assert everything.monte_carlo_se <= first.monte_carlo_se
    assert abs(everything.probability - first.probability) <= 4 * np.hypot(
        everything.monte_carlo_se, first.monte_carlo_se
    )


@pytest.mark.parametrize("seed", range(6))
def test_control_variates_agree_with_plain_counting_of_many_draws(seed):
    rng = np.random.default_rng(seed)
    n_c, n_v = rng.integers(5, 400, 2)
    probs = rng.dirichlet(np.ones(7) * 2)
    c, v = rng.multinomial(n_c, probs), rng.multinomial(n_v, rng.dirichlet(probs * 9))
    posterior = st.dirichlet_prob_better_counts(POINTS, c, v, seed=seed)
    draws = 400_000
    gamma_c = rng.gamma(c + 1.0, size=(draws, 7))
    gamma_v = rng.gamma(v + 1.0, size=(draws, 7))
    long_run = np.mean(
        gamma_v @ POINTS / gamma_v.sum(1) > gamma_c @ POINTS / gamma_c.sum(1)
    )
    long_se = np.sqrt(long_run * (1 - long_run) / draws)
    spread = np.hypot(posterior.monte_carlo_se, long_se)
    assert abs(posterior.probability - long_run) <= 4 * spread


@pytest.mark.parametrize(
    ("points", "control", "variant", "message"),
    [
        ([1, 3, 2], [1, 1, 1], [1, 1, 1], "ascending"),
        ([1, 2, 3], [1, 1], [1, 1, 1], "points"),
        ([1, 2, np.nan], [1, 1, 1], [1, 1, 1], "finite"),
        ([1, 2, 3], [0, 0, 0], [1, 1, 1], "at least 1"),
        ([1, 2, 3], [1, -1, 1], [1, 1, 1], "negative"),
    ],
)
def test_bad_counts_raise_a_clear_value_error(points, control, variant, message):
    with pytest.raises(ValueError, match=message):
        st.compare_ordinal_counts(points, control, variant)


@pytest.mark.parametrize(("n_c", "n_v"), [(3, 5), (6, 7), (2, 30), (8, 9)])
def test_exact_null_distribution_is_the_same_listed_or_counted(monkeypatch, n_c, n_v):
    rng = np.random.default_rng(n_c * n_v)
    blocks = Blocks.from_counts(
        POINTS, counts(likert(rng, n_c)), counts(likert(rng, n_v))
    )
    scores = np.repeat(blocks.doubled_ranks(), blocks.sizes)
    found = []
    for cost in (0, 10**12):  # every split listed, then always counted
        monkeypatch.setattr(exact, "LISTED_SCORE_NS", cost)
        found.append(exact.rank_sum_distribution(scores, n_v))
    (listed_support, listed), (counted_support, counted) = found
    assert (listed_support == counted_support).all()
    assert listed == pytest.approx(counted, rel=1e-12)
