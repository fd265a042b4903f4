"""For whom does a variant work? Effects per segment and the interaction test.

Per-segment p-values are never compared: each variant's effect is estimated
per segment, then the interaction (does the effect differ between segments?)
is tested. Segment results are exploratory, so the interaction p-values get a
Benjamini-Hochberg adjustment across every segment, variant and outcome.
"""

from dataclasses import dataclass, replace

import numpy as np

from sprintlab import stats
from sprintlab.reporting.evidence import scale_points, summarise_counts

SMALL_SEGMENT = 10
SEGMENT_DETAIL = "lite"


@dataclass(frozen=True)
class SegmentReport:
    """One segment question and one outcome: means and effects per segment level."""

    segment: object
    outcome: object
    levels: tuple  # (level id, {language: label})
    means: dict  # (variant, level) -> VariantSummary
    analyses: dict  # variant -> stats.SegmentAnalysis, or a str saying why not
    interaction_p_adjusted: dict  # variant -> BH-adjusted interaction p-value
    small: tuple  # (variant, level) with fewer than SMALL_SEGMENT answers
    note: str = ""


def segment_levels(segment):
    """The levels of a segment question with their labels."""
    if segment.type == "choice":
        return tuple((o.id, o.text) for o in segment.options)
    if segment.type == "yes_no":
        return (("yes", {"nl": "Ja", "en": "Yes"}), ("no", {"nl": "Nee", "en": "No"}))
    return tuple((str(n), {"nl": str(n), "en": str(n)}) for n in range(1, 8))


def report_outcomes(study):
    """The outcomes looked at per segment: the primary one and an intrusiveness item."""
    outcomes = [study.question(study.primary_outcome)]
    lower = [q for q in study.rated_questions if q.better == "lower"]
    if lower and lower[0] not in outcomes:
        outcomes.append(lower[0])
    return [q for q in outcomes if q.type in ("likert7", "yes_no")]


def _tables(evidence, outcome, variant_id, codes, n_labels):
    """Answers of one variant per segment label (rows) and scale point (columns)."""
    points = np.array(scale_points(outcome.type), dtype=float)
    column = evidence.column(outcome.id, variant_id)
    known = ~np.isnan(column.numbers)
    labels = codes[column.participants[known]]
    given = labels >= 0
    cells = labels[given] * points.size + np.searchsorted(
        points, column.numbers[known][given]
    )
    counts = np.bincount(cells, minlength=n_labels * points.size)
    return points, counts.reshape(n_labels, points.size)


def _one(study, evidence, segment, outcome, detail):
    levels = segment_levels(segment)
    codes, labels = evidence.segment_codes(segment.id, [level for level, _ in levels])
    ids = [study.control] + [v.id for v in study.variants if v.id != study.control]
    means, small, tables = {}, [], {}
    for vid in ids:
        points, tables[vid] = _tables(evidence, outcome, vid, codes, len(labels))
        for index, (level, _) in enumerate(levels):
            counts = tables[vid][index]
            means[(vid, level)] = summarise_counts(outcome.type, vid, counts)
            if counts.sum() < SMALL_SEGMENT:
                small.append((vid, level))
    analyses = {}
    kind = "binary" if outcome.type == "yes_no" else "ordinal"
    for vid in ids[1:]:
        if study.design == "within":
            analyses[vid] = "within-subject designs: estimates per segment only"
            continue
        try:
            analyses[vid] = stats.compare_segment_counts(
                labels, points, tables[ids[0]], tables[vid], outcome=kind,
                higher_is_better=outcome.better != "lower", detail=detail,
            )  # fmt: skip
        except ValueError as error:
            analyses[vid] = str(error)
    return SegmentReport(segment, outcome, levels, means, analyses, {}, tuple(small))


def segment_reports(study, evidence, detail=SEGMENT_DETAIL):
    """Every segment question crossed with the report outcomes, BH-adjusted.

    DETAIL "lite" leaves out of each per-segment comparison what the segment
    view does not show (see ``stats.compare_ordinal``); "full" keeps it all.
    """
    reports = [
        _one(study, evidence, segment, outcome, detail)
        for segment in study.segments
        for outcome in report_outcomes(study)
    ]
    keys, p_values = [], []
    for index, report in enumerate(reports):
        for vid, analysis in report.analyses.items():
            if not isinstance(analysis, str) and np.isfinite(
                analysis.interaction.p_value
            ):
                keys.append((index, vid))
                p_values.append(analysis.interaction.p_value)
    adjusted = stats.benjamini_hochberg(p_values) if p_values else []
    by_report = {}
    for (index, vid), p in zip(keys, adjusted, strict=True):
        by_report.setdefault(index, {})[vid] = float(p)
    return tuple(
        replace(report, interaction_p_adjusted=by_report.get(index, {}))
        for index, report in enumerate(reports)
    )
