"""For whom does a variant work? Effects per segment and the interaction test.

Per-segment p-values are never compared: each variant's effect is estimated
per segment, then the interaction (does the effect differ between segments?)
is tested. Segment results are exploratory, so the interaction p-values get a
Benjamini-Hochberg adjustment across every segment, variant and outcome.
"""

from dataclasses import dataclass, replace

import numpy as np

from sprintlab import stats
from sprintlab.evidence import SCALE, summarise

SMALL_SEGMENT = 10


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


def _arrays(evidence, question, variant_id, segment_answers):
    answers = evidence.values.get((question.id, variant_id), {})
    pairs = [
        (value, segment_answers[pid])
        for pid, value in answers.items()
        if pid in segment_answers and not isinstance(value, str) and value == value
    ]
    values = np.array([p[0] for p in pairs], float)
    labels = np.array([p[1] for p in pairs], dtype=object)
    return values, labels


def _one(study, evidence, segment, outcome):
    segment_answers = evidence.segments.get(segment.id, {})
    levels = segment_levels(segment)
    ids = [study.control] + [v.id for v in study.variants if v.id != study.control]
    means, small = {}, []
    arrays = {vid: _arrays(evidence, outcome, vid, segment_answers) for vid in ids}
    for vid, (values, labels) in arrays.items():
        for level, _ in levels:
            chosen = values[labels == level]
            means[(vid, level)] = summarise(outcome.type, vid, chosen)
            if chosen.size < SMALL_SEGMENT:
                small.append((vid, level))
    analyses = {}
    kind = "binary" if outcome.type == "yes_no" else "ordinal"
    for vid in ids[1:]:
        if study.design == "within":
            analyses[vid] = "within-subject designs: estimates per segment only"
            continue
        (c_values, c_levels), (v_values, v_levels) = arrays[ids[0]], arrays[vid]
        try:
            analyses[vid] = stats.compare_segments(
                c_values, v_values, c_levels, v_levels,
                outcome=kind, scale=SCALE if kind == "ordinal" else None,
                higher_is_better=outcome.better != "lower",
            )  # fmt: skip
        except ValueError as error:
            analyses[vid] = str(error)
    return SegmentReport(segment, outcome, levels, means, analyses, {}, tuple(small))


def segment_reports(study, evidence):
    """Every segment question crossed with the report outcomes, BH-adjusted."""
    reports = [
        _one(study, evidence, segment, outcome)
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
