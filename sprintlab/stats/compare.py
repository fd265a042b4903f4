"""Entry points for the analysis layer: one call per item and design.

``compare_ordinal`` / ``compare_binary`` return a :class:`Comparison`
(the yes/no ones live in :mod:`.binary_comparison`);
``omnibus.omnibus_ordinal`` builds on them for k variants.
Missing answers (NaN, "don't know") are dropped and counted in ``note``.
"""

from __future__ import annotations

import numpy as np

from . import bayes, hedges, location, ordinal, paired
from ._checks import (
    as_counts,
    as_pairs,
    as_sample,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .binary_comparison import compare_binary, compare_binary_counts
from .blocks import Blocks, scale_counts
from .comparison_parts import (
    achieved,
    assemble,
    honesty,
    labelled,
    oriented_probability,
    sensitivity,
    test_interval,
)
from .mean_shift import mean_shift_test
from .results import Comparison
from .sign_flip import paired_shift_test

#: How much a between-subjects ordinal comparison computes (see compare_ordinal).
DETAILS = ("full", "lite")

__all__ = [
    "compare_binary",
    "compare_binary_counts",
    "compare_ordinal",
    "compare_ordinal_counts",
]


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
    delta, Hodges-Lehmann shift, mean difference, Hedges' g and a Dirichlet
    P(better). Paired: Wilcoxon signed-rank (sign test companion), matched
    rank-biserial, paired Hodges-Lehmann, paired mean difference and a
    Dirichlet P(better) over the paired differences. Every interval inverts
    a named test (``interval_tests``): Hodges-Lehmann the rank test, Cliff's
    delta Brunner-Munzel, the rank-biserial the signed-rank test, the mean
    difference the studentized permutation / sign-flip test (Welch / paired
    t with many answers). ``scale=(1, 7)`` checks every answer is a
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
    n_c, n_v = blocks.n_control, blocks.n_variant
    engine = mean_shift_test(blocks)
    means = test_interval(engine, "mean difference", confidence, (n_c, n_v), False)
    companion = ordinal.brunner_munzel_blocks(blocks)
    min_p, caution = honesty(n_c, n_v, False, "ordinal")
    mw_p = (
        test.p_value
        if alternative == "two-sided"
        else ordinal.mann_whitney_blocks(blocks).p_value
    )
    tests = {
        "ci": (test.test, mw_p),
        "effect_ci": (companion.test, companion.p_value),
        "probability of superiority": (companion.test, companion.p_value),
        "mean_difference_ci": (engine.test, engine.p_value(0.0)),
    }
    line = ()
    if detail == "lite":
        companions, extra, prob_better = (), (superiority,), None
        notes = labelled(test, shift, delta, means)
    else:
        if alternative != "two-sided":
            companion = ordinal.brunner_munzel_blocks(blocks, alternative=alternative)
        g = hedges.hedges_g_blocks(blocks, confidence, difference_ci=means.ci)
        tests["Hedges' g"] = tests["mean_difference_ci"]
        posterior = bayes.dirichlet_prob_better_counts(points, counts_c, counts_v)
        companions, extra = (companion,), (superiority, g)
        prob_better = oriented_probability(posterior.probability, higher_is_better)
        line = sensitivity(posterior, higher_is_better)
        notes = labelled(test, companion, shift, delta, means, g)
    return assemble(
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
        note=join_notes(missing_note(n_missing), caution, notes, note),
        interval_tests=tests,
        achieved_confidence=achieved(confidence, shift, delta, means),
        prob_better_sensitivity=line,
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
    engine = paired_shift_test(v - c)
    means = test_interval(
        engine, "mean difference (paired)", confidence, (c.size, c.size), True
    )
    posterior = bayes.paired_prob_better(c, v, scale=scale)
    min_p, caution = honesty(c.size, c.size, True, "ordinal")
    signed_rank = (
        test.p_value
        if alternative == "two-sided"
        else paired.wilcoxon_signed_rank(c, v).p_value
    )
    note = join_notes(
        missing_note(dropped), caution, labelled(test, companion, shift, effect, means)
    )
    return assemble(
        test,
        shift,
        effect,
        means,
        n_control=c.size,
        n_variant=v.size,
        prob_better=oriented_probability(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        companions=(companion,),
        n_missing=dropped,
        confidence=confidence,
        note=note,
        interval_tests={
            "ci": (test.test, signed_rank),
            "effect_ci": (test.test, signed_rank),
            "mean_difference_ci": (engine.test, engine.p_value(0.0)),
        },
        achieved_confidence=achieved(confidence, shift, effect, means),
        prob_better_sensitivity=sensitivity(posterior, higher_is_better),
    )
