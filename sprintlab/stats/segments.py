"""Which variant works best for whom: per-segment effects and interaction tests.

Never compare per-segment p-values; estimate per segment, then test whether
the effect differs between segments (the interaction): a likelihood-ratio
test in a proportional-odds model (logistic for yes/no), see
:mod:`.interaction`. Per-segment comparisons are exploratory: their p-values
get Benjamini-Hochberg adjustment within the segment question, and a report
shows them as findings only where the interaction test (BH-adjusted over all
segment tests of the study) holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ._checks import as_binary, as_table, check_scale, join_notes
from .blocks import Blocks
from .compare import (
    check_detail,
    check_points,
    compare_binary_counts,
    ordinal_comparison,
)
from .interaction import MIN_CELL, interaction_test
from .multiplicity import benjamini_hochberg
from .results import Comparison, TestResult
from .stratified import (
    cochran_mantel_haenszel,
    segment_tables,
    strata,
    van_elteren_counts,
)

#: Below this many answers per arm a segment cannot say much.
SMALL_SEGMENT = 10
OUTCOMES = ("ordinal", "binary")


@dataclass(frozen=True)
class SegmentAnalysis:
    """Per-segment comparisons plus the interaction test.

    Attributes:
        segments: Segment labels in the order of ``comparisons``.
        comparisons: One :class:`Comparison` per segment with BH ``p_adjusted``
            (exploratory).
        interaction: Does the effect differ between segments? The LR test
            of the variant x segment terms (p nan when no test was possible;
            the note says why and which levels were merged or left out).
        adjusted_overall: Segment-adjusted overall test (van Elteren or CMH).
        note: Small segments and other caveats.
    """

    segments: tuple
    comparisons: tuple[Comparison, ...]
    interaction: TestResult
    adjusted_overall: TestResult | None
    note: str = ""


def compare_segments(
    control,
    variant,
    control_segments,
    variant_segments,
    *,
    outcome: str = "ordinal",
    scale: tuple[int, int] | None = None,
    higher_is_better: bool = True,
    detail: str = "full",
    ordered: bool = False,
    min_cell: int = MIN_CELL,
) -> SegmentAnalysis:
    """Return per-segment comparisons (BH-adjusted) and the interaction test.

    Between subjects. Interaction: likelihood-ratio test in a proportional-
    odds model (logistic for yes/no), levels below ``min_cell`` answers per
    arm merged (``ordered`` levels) or left out; overall: van Elteren
    (ordinal) or CMH (yes/no). ``detail="lite"`` makes the per-segment
    ordinal comparisons lite (see ``compare_ordinal``).
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be 'ordinal' or 'binary', got {outcome!r}")
    c, c_seg = strata(control, control_segments, "control")
    v, v_seg = strata(variant, variant_segments, "variant")
    points = None
    if outcome == "binary":
        as_binary(c, "control")
        as_binary(v, "variant")
        points = np.array([0.0, 1.0])
    elif scale is not None:
        check_scale(c, scale, "control")
        check_scale(v, scale, "variant")
        points = np.arange(scale[0], scale[1] + 1, dtype=float)
    labels, points, c_table, v_table = segment_tables(c, v, c_seg, v_seg, points)
    return compare_segment_counts(
        labels, points, c_table, v_table, outcome=outcome,
        all_points=scale is not None, higher_is_better=higher_is_better,
        detail=detail, ordered=ordered, min_cell=min_cell,
    )  # fmt: skip


def compare_segment_counts(
    labels,
    points,
    control_table,
    variant_table,
    *,
    outcome: str = "ordinal",
    all_points: bool = True,
    higher_is_better: bool = True,
    detail: str = "full",
    ordered: bool = False,
    min_cell: int = MIN_CELL,
) -> SegmentAnalysis:
    """Return ``compare_segments`` from segments x points answer counts per arm.

    Segments are taken in the order given when ``ordered`` (their order is
    their meaning), else in sorted label order. ``all_points``: every point is
    a Dirichlet category (a rating scale); otherwise only the values given in
    a segment, as ``compare_ordinal`` without a scale. Binary: points (0, 1).
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be 'ordinal' or 'binary', got {outcome!r}")
    check_detail(detail)
    labels, points = np.asarray(labels), np.asarray(points, dtype=float)
    order = np.arange(labels.size) if ordered else np.argsort(labels, kind="stable")
    labels = labels[order]
    c_table = as_table(control_table, "control table")[order]
    v_table = as_table(variant_table, "variant table")[order]
    if c_table.shape != v_table.shape or c_table.shape[0] != labels.size:
        raise ValueError("need one row of counts per segment label in both tables")
    check_points(points, c_table, v_table)
    both = (c_table.sum(axis=1) > 0) & (v_table.sum(axis=1) > 0)
    if not both.any():
        raise ValueError("no segment has answers in both arms")
    comparisons, small = [], []
    for label, c_row, v_row in zip(
        labels[both], c_table[both], v_table[both], strict=True
    ):
        note = ""
        if min(c_row.sum(), v_row.sum()) < SMALL_SEGMENT:
            small.append(str(label))
            note = f"small segment (< {SMALL_SEGMENT} per arm): exploratory only"
        if outcome == "ordinal":
            used = slice(None) if all_points else (c_row + v_row) > 0
            blocks = Blocks.from_counts(points, c_row, v_row)
            comparisons.append(
                ordinal_comparison(
                    blocks,
                    points[used],
                    c_row[used],
                    v_row[used],
                    higher_is_better=higher_is_better,
                    detail=detail,
                    note=note,
                )  # fmt: skip
            )
        else:
            comp = compare_binary_counts(
                int(c_row[1]), int(c_row.sum()), int(v_row[1]), int(v_row.sum()),
                higher_is_better=higher_is_better,
            )  # fmt: skip
            comparisons.append(replace(comp, note=join_notes(comp.note, note)))
    adjusted = benjamini_hochberg([comp.p_value for comp in comparisons])
    comparisons = tuple(
        replace(comp, p_adjusted=float(p))
        for comp, p in zip(comparisons, adjusted, strict=True)
    )
    interaction = interaction_test(
        labels[both], c_table[both], v_table[both], ordered=ordered,
        min_cell=min_cell,
    )  # fmt: skip
    if outcome == "ordinal":
        overall = van_elteren_counts(labels, points, c_table, v_table)
    else:
        tables = [
            [[v_row[1], v_row[0]], [c_row[1], c_row[0]]]
            for c_row, v_row in zip(c_table[both], v_table[both], strict=True)
        ]
        overall = cochran_mantel_haenszel(tables).cmh
    note = join_notes(
        f"small segments: {', '.join(small)}" if small else "",
        "per-segment comparisons are exploratory",
    )
    plain = tuple(x.item() if isinstance(x, np.generic) else x for x in labels[both])
    return SegmentAnalysis(plain, comparisons, interaction, overall, note)
