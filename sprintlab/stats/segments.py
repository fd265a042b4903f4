"""Which variant works best for whom: per-segment effects and interaction tests.

Never compare per-segment p-values; estimate per segment, then test whether
the effect differs between segments (the interaction). Segment results are
exploratory: their p-values get Benjamini-Hochberg adjustment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ._checks import join_notes
from .compare import compare_binary, compare_ordinal
from .multiplicity import benjamini_hochberg
from .ordinal import superiority_parts
from .results import Comparison, TestResult
from .stratified import cochran_mantel_haenszel, heterogeneity_test, strata, van_elteren

#: Below this many answers per arm a segment cannot say much.
SMALL_SEGMENT = 10


@dataclass(frozen=True)
class SegmentAnalysis:
    """Per-segment comparisons plus the interaction test.

    Attributes:
        segments: Segment labels in the order of ``comparisons``.
        comparisons: One :class:`Comparison` per segment with BH ``p_adjusted``.
        interaction: Does the effect differ between segments?
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
) -> SegmentAnalysis:
    """Return per-segment comparisons (BH-adjusted) and the interaction test.

    Between subjects. Ordinal: Cochran's Q on per-segment Cliff's deltas
    (Brunner-Munzel standard errors) plus van Elteren overall; yes/no:
    Breslow-Day plus CMH overall.
    """
    if outcome not in ("ordinal", "binary"):
        raise ValueError(f"outcome must be 'ordinal' or 'binary', got {outcome!r}")
    c, c_seg = strata(control, control_segments, "control")
    v, v_seg = strata(variant, variant_segments, "variant")
    labels = [
        x
        for x in np.unique(np.concatenate([c_seg, v_seg]))
        if (c_seg == x).any() and (v_seg == x).any()
    ]
    if not labels:
        raise ValueError("no segment has answers in both arms")
    comparisons, small, deltas, ses = [], [], [], []
    for label in labels:
        cs, vs = c[c_seg == label], v[v_seg == label]
        if outcome == "ordinal":
            comp = compare_ordinal(
                cs, vs, scale=scale, higher_is_better=higher_is_better
            )
            p_hat, se, _, _ = superiority_parts(cs, vs)
            deltas.append(2 * p_hat - 1)
            ses.append(2 * se)
        else:
            comp = compare_binary(cs, vs, higher_is_better=higher_is_better)
        if min(cs.size, vs.size) < SMALL_SEGMENT:
            small.append(str(label))
            comp = replace(
                comp,
                note=join_notes(
                    comp.note,
                    f"small segment (< {SMALL_SEGMENT} per arm): exploratory only",
                ),
            )
        comparisons.append(comp)
    adjusted = benjamini_hochberg([comp.p_value for comp in comparisons])
    comparisons = tuple(
        replace(comp, p_adjusted=float(p))
        for comp, p in zip(comparisons, adjusted, strict=True)
    )
    if outcome == "ordinal":
        interaction = heterogeneity_test(deltas, ses, name="Cochran Q (Cliff's delta)")
        overall = van_elteren(c, v, c_seg, v_seg)
    else:
        tables = [
            [
                [v[v_seg == x].sum(), (1 - v[v_seg == x]).sum()],
                [c[c_seg == x].sum(), (1 - c[c_seg == x]).sum()],
            ]
            for x in labels
        ]
        stratified = cochran_mantel_haenszel(tables)
        interaction, overall = stratified.breslow_day, stratified.cmh
    note = f"small segments: {', '.join(small)}" if small else ""
    plain = tuple(x.item() if isinstance(x, np.generic) else x for x in labels)
    return SegmentAnalysis(plain, comparisons, interaction, overall, note)
