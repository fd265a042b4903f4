"""The verdict-level difference test: one test, one interval, five possible claims.

Entry points: :func:`difference_test` (answers in), and for a fast
between-subjects path :func:`difference_test_counts` (answer counts per
scale point) and :func:`risk_difference_test` (yes counts). Which test:

==========  ==========  ==================================================
outcome     design      test (its inversion is the interval)
==========  ==========  ==================================================
7-point     between     studentized permutation of Welch's t (all splits
                        up to 100,000 of them), Welch's t beyond
7-point     paired      exact sign-flip test up to 15 pairs, paired t beyond
yes/no      between     Miettinen-Nurminen score test
yes/no      paired      Tango's score test
==========  ==========  ==================================================

The claim is read from one two-sided interval at 1 - alpha/m (see
:mod:`sprintlab.stats.margins` for the rule and why the family-wise error
is at most alpha).
"""

from __future__ import annotations

import numpy as np

from ._checks import (
    as_binary,
    as_counts,
    as_pairs,
    as_sample,
    as_successes,
    join_notes,
    missing_note,
)
from .binary import paired_table
from .blocks import Blocks
from .inversion import InvertibleTest, reach_note, sizes_phrase
from .margins import check_family, check_margin, decide, oriented
from .mean_shift import mean_shift_test
from .results import DifferenceTest
from .score_tests import MiettinenNurminen, TangoPaired
from .sign_flip import paired_shift_test

#: Below this many answers per arm (pairs) a score test's level is approximate.
SCORE_TEST_MIN_N = 10


def difference_test(
    control,
    variant,
    *,
    kind: str = "ordinal",
    paired: bool = False,
    margin,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    family_size: int = 1,
) -> DifferenceTest:
    """Return the difference test of variant versus control and its claim.

    Answers are scale points (``kind="ordinal"``) or 0/1 (``"binary"``);
    NaN is a missing ("don't know") answer and is left out (paired: the
    whole pair). ``margin`` is the smallest difference that matters, in
    scale points or as a risk difference; ``family_size`` is m, the number
    of comparisons in the verdict family (variants x outcomes).
    """
    margin = check_margin(margin, kind)
    alpha, family_size = check_family(alpha, family_size)
    if paired:
        c, v, dropped = as_pairs(control, variant)
        if kind == "binary":
            table, _ = paired_table(c, v)
            return _paired_binary(
                table, margin, higher_is_better, alpha, family_size, dropped
            )
        engine = paired_shift_test(v - c)
        return _verdict(
            engine, "ordinal", True, "mean difference (paired)", margin,
            higher_is_better, alpha, family_size, (c.size, c.size), dropped,
        )  # fmt: skip
    if kind == "binary":
        c, c_missing = as_binary(control, "control")
        v, v_missing = as_binary(variant, "variant")
        return risk_difference_test(
            int(c.sum()), c.size, int(v.sum()), v.size, margin=margin,
            higher_is_better=higher_is_better, alpha=alpha,
            family_size=family_size, n_missing=c_missing + v_missing,
        )  # fmt: skip
    c, c_missing = as_sample(control, "control")
    v, v_missing = as_sample(variant, "variant")
    return _between_ordinal(
        Blocks.from_samples(c, v), margin, higher_is_better, alpha, family_size,
        c_missing + v_missing,
    )  # fmt: skip


def difference_test_counts(
    points,
    control_counts,
    variant_counts,
    *,
    margin,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    family_size: int = 1,
    n_missing: int = 0,
) -> DifferenceTest:
    """Return :func:`difference_test` (7-point, between) from counts per point."""
    margin = check_margin(margin, "ordinal")
    alpha, family_size = check_family(alpha, family_size)
    points = np.asarray(points, dtype=float)
    counts_c = as_counts(control_counts, "control counts")
    counts_v = as_counts(variant_counts, "variant counts")
    if not (points.ndim == 1 and points.size == counts_c.size == counts_v.size):
        raise ValueError("need one count per point in both arms")
    if counts_c.sum() == 0 or counts_v.sum() == 0:
        raise ValueError("control and variant need at least 1 answer each")
    blocks = Blocks.from_counts(points, counts_c, counts_v)
    return _between_ordinal(
        blocks, margin, higher_is_better, alpha, family_size, n_missing
    )


def risk_difference_test(
    k_control,
    n_control,
    k_variant,
    n_variant,
    *,
    margin,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    family_size: int = 1,
    n_missing: int = 0,
) -> DifferenceTest:
    """Return :func:`difference_test` (yes/no, between) from yes and answer counts."""
    margin = check_margin(margin, "binary")
    alpha, family_size = check_family(alpha, family_size)
    kc, nc = as_successes(k_control, n_control, "control")
    kv, nv = as_successes(k_variant, n_variant, "variant")
    engine = MiettinenNurminen(kc, nc, kv, nv)
    small = _small_score_note(min(nc, nv), "answers per arm")
    return _verdict(
        engine, "binary", False, "risk difference", margin, higher_is_better,
        alpha, family_size, (nc, nv), n_missing, small,
    )  # fmt: skip


def paired_risk_difference_test(
    table,
    *,
    margin,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    family_size: int = 1,
    n_missing: int = 0,
) -> DifferenceTest:
    """Return :func:`difference_test` (yes/no, paired) from the 2x2 table of pairs.

    ``table`` is [[both yes, variant only], [control only, both no]].
    """
    margin = check_margin(margin, "binary")
    alpha, family_size = check_family(alpha, family_size)
    table = np.asarray(table)
    if table.shape != (2, 2) or (table < 0).any() or table.sum() == 0:
        raise ValueError("table must be a 2x2 table of pair counts with some pairs")
    return _paired_binary(
        table, margin, higher_is_better, alpha, family_size, n_missing
    )


def _paired_binary(table, margin, higher_is_better, alpha, family_size, dropped):
    """Return the paired yes/no difference test from a checked 2x2 table."""
    n = int(table.sum())
    engine = TangoPaired(int(table[0, 1]), int(table[1, 0]), n)
    return _verdict(
        engine, "binary", True, "risk difference (paired)", margin, higher_is_better,
        alpha, family_size, (n, n), dropped, _small_score_note(n, "pairs"),
    )  # fmt: skip


def _small_score_note(n: int, what: str) -> str:
    """Return the caution that a score test's level is approximate at small n."""
    if n >= SCORE_TEST_MIN_N:
        return ""
    return (
        f"fewer than {SCORE_TEST_MIN_N} {what}: the score test's level is approximate"
    )


def _between_ordinal(blocks, margin, higher_is_better, alpha, family_size, missing):
    """Return the 7-point between-subjects difference test from checked blocks."""
    return _verdict(
        mean_shift_test(blocks), "ordinal", False, "mean difference", margin,
        higher_is_better, alpha, family_size, (blocks.n_control, blocks.n_variant),
        missing,
    )  # fmt: skip


def _verdict(
    engine: InvertibleTest,
    kind: str,
    paired: bool,
    name: str,
    margin: float,
    higher_is_better: bool,
    alpha: float,
    family_size: int,
    sizes: tuple[int, int],
    n_missing: int,
    note: str = "",
) -> DifferenceTest:
    """Return the DifferenceTest of ENGINE: interval, p-values and the claim."""
    confidence = 1.0 - alpha / family_size
    sign = 1.0 if higher_is_better else -1.0
    # The values a claim turns on, in raw units: 0 and both margins.
    checkpoints = (0.0, -margin, margin)
    low, high, achieved = engine.interval(confidence, checkpoints)
    o_low, o_high = oriented(low, high, higher_is_better)
    p_value = engine.p_value(0.0)
    # One-sided p-values of "oriented difference <= -margin" / ">= +margin".
    less_bad, greater_bad = engine.tails(-sign * margin)
    less_good, greater_good = engine.tails(sign * margin)
    p_not_worse = greater_bad if higher_is_better else less_bad
    p_not_better = less_good if higher_is_better else greater_good
    return DifferenceTest(
        kind=kind,
        paired=paired,
        estimate_name=name,
        estimate=engine.estimate,
        ci_low=low,
        ci_high=high,
        oriented_estimate=sign * engine.estimate,
        oriented_ci_low=float(o_low),
        oriented_ci_high=float(o_high),
        higher_is_better=bool(higher_is_better),
        margin=margin,
        alpha=alpha,
        family_size=family_size,
        confidence=confidence,
        achieved_confidence=achieved,
        p_value=p_value,
        p_adjusted=min(1.0, family_size * p_value),
        p_non_inferiority=p_not_worse,
        p_equivalence=max(p_not_worse, p_not_better),
        decision=decide(o_low, o_high, margin),
        test=engine.test,
        method=engine.method,
        n_control=int(sizes[0]),
        n_variant=int(sizes[1]),
        n_missing=int(n_missing),
        note=join_notes(
            missing_note(n_missing),
            reach_note(engine.max_confidence, confidence, sizes_phrase(*sizes, paired))
            + (" and no claim can be made" if achieved < confidence else ""),
            engine.note,
            note,
        ),
    )
