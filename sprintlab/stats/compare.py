"""Entry points for the analysis layer: one call per item and design.

``compare_ordinal`` / ``compare_binary`` return a :class:`Comparison`;
``omnibus.omnibus_ordinal`` builds on them for k variants.
Missing answers (NaN, "don't know") are dropped and counted in ``note``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from . import bayes, binary, location, ordinal, paired
from ._checks import (
    as_binary,
    as_counts,
    as_pairs,
    as_sample,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .blocks import Blocks, scale_counts
from .planning import significance_check
from .results import Comparison, Estimate, TestResult

ALPHA = 0.05
#: How much a between-subjects ordinal comparison computes (see compare_ordinal).
DETAILS = ("full", "lite")


def _labelled(*parts: TestResult | Estimate) -> str:
    """Join component notes, each prefixed by the component's name."""
    notes = []
    for part in parts:
        if part.note:
            name = part.test if isinstance(part, TestResult) else part.name
            notes.append(f"{name}: {part.note}")
    return join_notes(*notes)


def _honesty(n_control, n_variant, paired_design, outcome) -> tuple[float, str]:
    """Return the smallest possible p-value and, if alpha is out of reach, why."""
    check = significance_check(
        n_control,
        n_variant if not paired_design else None,
        paired=paired_design,
        outcome=outcome,
        alpha=ALPHA,
    )
    return check.min_p_value, "" if check.reachable else check.message


def _oriented(probability: float, higher_is_better: bool) -> float:
    """Return P(variant better) from P(variant higher)."""
    return probability if higher_is_better else 1.0 - probability


def _comparison(
    test: TestResult, estimate: Estimate, effect: Estimate, means: Estimate, **rest
) -> Comparison:
    """Assemble a Comparison from the primary test and its three estimates."""
    return Comparison(
        test=test.test,
        statistic=test.statistic,
        p_value=test.p_value,
        alternative=test.alternative,
        method=test.method,
        estimate_name=estimate.name,
        estimate=estimate.estimate,
        ci_low=estimate.ci_low,
        ci_high=estimate.ci_high,
        effect_name=effect.name,
        effect=effect.estimate,
        effect_ci=effect.ci,
        mean_difference=means.estimate,
        mean_difference_ci=means.ci,
        **rest,
    )


def compare_ordinal(
    control,
    variant,
    *,
    paired: bool = False,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    scale: tuple[int, int] | None = None,
    higher_is_better: bool = True,
    detail: str = "full",
) -> Comparison:
    """Return the full comparison of two variants on a rating item.

    Between subjects: Mann-Whitney (Brunner-Munzel as companion), Cliff's
    delta, Hodges-Lehmann shift, Welch mean difference, Hedges' g and a
    Dirichlet P(better). Paired: Wilcoxon signed-rank (sign test companion),
    matched rank-biserial, paired Hodges-Lehmann, paired mean difference and a
    Bayesian-bootstrap P(better). ``scale=(1, 7)`` checks every answer is a
    point on that scale and uses all its points as Dirichlet categories.
    ``detail="lite"`` (between subjects) leaves out what a segment table does
    not show: the Brunner-Munzel companion, Hedges' g and P(better) (None).
    """
    check_alternative(alternative)
    check_confidence(confidence)
    check_detail(detail)
    if paired:
        return _paired_ordinal(
            control, variant, alternative, confidence, scale, higher_is_better
        )
    c, c_missing = as_sample(control, "control", scale=scale)
    v, v_missing = as_sample(variant, "variant", scale=scale)
    if scale is None:
        blocks = Blocks.from_samples(c, v)
        points, counts_c, counts_v = blocks.values, blocks.control, blocks.variant
    else:
        points = np.arange(scale[0], scale[1] + 1, dtype=float)
        counts_c, counts_v = scale_counts(c, scale), scale_counts(v, scale)
    return compare_ordinal_counts(
        points, counts_c, counts_v, alternative=alternative, confidence=confidence,
        higher_is_better=higher_is_better, n_missing=c_missing + v_missing,
        detail=detail,
    )  # fmt: skip


def check_detail(detail: str) -> str:
    """Return ``detail`` if it is "full" or "lite"."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, got {detail!r}")
    return detail


def check_points(points: np.ndarray, *tables: np.ndarray) -> None:
    """Raise unless POINTS ascend strictly and each count table has one per point."""
    if points.ndim != 1 or not np.isfinite(points).all():
        raise ValueError("points must be a 1-D array of finite numbers")
    if (np.diff(points) <= 0).any():
        raise ValueError("points must be strictly ascending")
    for table in tables:
        if table.shape[-1] != points.size:
            raise ValueError(
                f"counts for {table.shape[-1]} points, but {points.size} points given"
            )


def compare_ordinal_counts(
    points,
    control_counts,
    variant_counts,
    *,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
    n_missing: int = 0,
    detail: str = "full",
) -> Comparison:
    """Return ``compare_ordinal`` (between subjects) from answer counts per point.

    ``points`` are the categories of the Dirichlet posterior (all scale
    points); the rank methods use only the points somebody gave. After the
    counting, the cost does not grow with the number of answers.
    """
    check_alternative(alternative)
    check_confidence(confidence)
    check_detail(detail)
    points = np.asarray(points, dtype=float)
    counts_c = as_counts(control_counts, "control counts")
    counts_v = as_counts(variant_counts, "variant counts")
    check_points(points, counts_c, counts_v)
    if counts_c.sum() == 0 or counts_v.sum() == 0:
        raise ValueError("control and variant need at least 1 answer each")
    return ordinal_comparison(
        Blocks.from_counts(points, counts_c, counts_v), points, counts_c, counts_v,
        alternative=alternative, confidence=confidence,
        higher_is_better=higher_is_better, n_missing=n_missing, detail=detail,
    )  # fmt: skip


def ordinal_comparison(
    blocks: Blocks,
    points: np.ndarray,
    counts_c: np.ndarray,
    counts_v: np.ndarray,
    *,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
    n_missing: int = 0,
    detail: str = "full",
    note: str = "",
) -> Comparison:
    """Return ``compare_ordinal_counts`` for checked counts and their blocks."""
    test = ordinal.mann_whitney_blocks(blocks, alternative=alternative)
    shift = location.hodges_lehmann_blocks(blocks, confidence)
    superiority = ordinal.superiority_estimate(blocks, confidence)
    delta = ordinal.delta_from_superiority(superiority)
    means = location.welch_blocks(blocks, confidence)
    n_c, n_v = blocks.n_control, blocks.n_variant
    min_p, honesty = _honesty(n_c, n_v, False, "ordinal")
    if detail == "lite":
        companions, extra, prob_better = (), (superiority,), None
        notes = _labelled(test, shift, delta, means)
    else:
        companion = ordinal.brunner_munzel_blocks(blocks, alternative=alternative)
        g = location.hedges_g_blocks(blocks, confidence)
        posterior = bayes.dirichlet_prob_better_counts(points, counts_c, counts_v)
        companions, extra = (companion,), (superiority, g)
        prob_better = _oriented(posterior.probability, higher_is_better)
        notes = _labelled(test, companion, shift, delta, means, g)
    return _comparison(
        test,
        shift,
        delta,
        means,
        n_control=n_c,
        n_variant=n_v,
        prob_better=prob_better,
        paired=False,
        min_p_value=min_p,
        companions=companions,
        extra_effects=extra,
        n_missing=n_missing,
        confidence=confidence,
        note=join_notes(missing_note(n_missing), honesty, notes, note),
    )


def _paired_ordinal(
    control, variant, alternative, confidence, scale, higher_is_better
) -> Comparison:
    """Return the within-subjects comparison behind ``compare_ordinal``."""
    c, v, dropped = as_pairs(control, variant, scale=scale)
    test = paired.wilcoxon_signed_rank(c, v, alternative=alternative)
    companion = paired.sign_test(c, v, alternative=alternative)
    shift = location.pseudo_median(c, v, confidence=confidence)
    effect = paired.matched_rank_biserial(c, v, confidence=confidence)
    means = location.paired_mean_difference(c, v, confidence=confidence)
    posterior = bayes.paired_prob_better(c, v, scale=scale)
    min_p, honesty = _honesty(c.size, c.size, True, "ordinal")
    note = join_notes(
        missing_note(dropped), honesty, _labelled(test, companion, shift, effect, means)
    )
    return _comparison(
        test,
        shift,
        effect,
        means,
        n_control=c.size,
        n_variant=v.size,
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        companions=(companion,),
        n_missing=dropped,
        confidence=confidence,
        note=note,
    )


def compare_binary_counts(
    k_control,
    n_control,
    k_variant,
    n_variant,
    *,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
    n_missing: int = 0,
) -> Comparison:
    """Return the comparison of two independent arms on a yes/no item, from counts."""
    check_alternative(alternative)
    check_confidence(confidence)
    counts = (k_control, n_control, k_variant, n_variant)
    test = binary.association_test(*counts, alternative=alternative)
    risk = binary.newcombe_risk_difference(*counts, confidence=confidence)
    odds = binary.conditional_odds_ratio(*counts, confidence=confidence)
    posterior = bayes.beta_binomial_prob_better(*counts)
    min_p, honesty = _honesty(int(n_control), int(n_variant), False, "binary")
    note = join_notes(missing_note(n_missing), honesty, _labelled(test, risk, odds))
    return _comparison(
        test,
        risk,
        odds,
        risk,
        n_control=int(n_control),
        n_variant=int(n_variant),
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=False,
        min_p_value=min_p,
        n_missing=n_missing,
        confidence=confidence,
        note=note,
    )


def _paired_odds_ratio(table: np.ndarray, confidence: float) -> Estimate:
    """Return the conditional (McNemar) odds ratio b/c with its exact interval."""
    b, c = int(table[0, 1]), int(table[1, 0])
    name, method = "odds ratio (paired, conditional)", "exact (Clopper-Pearson)"
    if b + c == 0:
        note = "no discordant pairs: the odds ratio is undefined"
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    share = stats.binomtest(b, b + c).proportion_ci(confidence, method="exact")
    with np.errstate(divide="ignore"):
        low = share.low / (1 - share.low)
        high = np.inf if share.high == 1 else share.high / (1 - share.high)
        estimate = np.inf if c == 0 else b / c
    note = "a discordant cell is 0: a limit is 0 or infinite" if 0 in (b, c) else ""
    return Estimate(
        name, float(estimate), float(low), float(high), confidence, method, note
    )


def compare_binary(
    control,
    variant,
    *,
    paired: bool = False,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
) -> Comparison:
    """Return the comparison of two variants on a yes/no item (0/1, NaN = missing).

    Between subjects: Fisher or chi-square, Newcombe risk difference,
    conditional odds ratio, Beta-Binomial P(better). Paired: McNemar exact,
    Newcombe paired risk difference, conditional odds ratio b/c.
    """
    check_alternative(alternative)
    check_confidence(confidence)
    if not paired:
        c, c_missing = as_binary(control, "control")
        v, v_missing = as_binary(variant, "variant")
        return compare_binary_counts(
            int(c.sum()),
            c.size,
            int(v.sum()),
            v.size,
            alternative=alternative,
            confidence=confidence,
            higher_is_better=higher_is_better,
            n_missing=c_missing + v_missing,
        )
    c, v, dropped = as_pairs(control, variant)
    table, _ = binary.paired_table(c, v)
    n = int(table.sum())
    test = binary.mcnemar(c, v, alternative=alternative)
    risk = binary.paired_risk_difference(c, v, confidence=confidence)
    odds = _paired_odds_ratio(table, confidence)
    posterior = bayes.paired_binary_prob_better(table)
    min_p, honesty = _honesty(n, n, True, "binary")
    note = join_notes(missing_note(dropped), honesty, _labelled(test, risk, odds))
    return _comparison(
        test,
        risk,
        odds,
        risk,
        n_control=n,
        n_variant=n,
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        n_missing=dropped,
        confidence=confidence,
        note=note,
    )
