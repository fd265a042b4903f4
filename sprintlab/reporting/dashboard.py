"""The dashboard's figures, built from a report: the map and the rating bars.

Pure of Flask: a report in, SVG text out, cached per study and data version.
"""

import math
from dataclasses import replace

from sprintlab.content.outcomes import LARGEST_DIFFERENCE
from sprintlab.reporting.plots import (
    MAP_TEXT,
    MapPoint,
    PlotCache,
    diverging_bars,
    helpfulness_map,
    map_limits,
)
from sprintlab.reporting.segments import report_outcomes

CACHE = PlotCache()
NAN = float("nan")
UNITS = {
    "en": {"likert7": "scale points", "yes_no": "percentage points"},
    "nl": {"likert7": "schaalpunten", "yes_no": "procentpunten"},
}


def _axes(study):
    outcomes = report_outcomes(study)
    if len(outcomes) < 2:
        return None
    return outcomes[0], outcomes[1]  # helpfulness (y), intrusiveness (x)


def _label(study, variant_id, language):
    return study.variant(variant_id).label[language]


def _unit(question):
    """Yes/no differences are drawn in percentage points, ratings in scale points."""
    return 100.0 if question.type == "yes_no" else 1.0


def _towards(question, more):
    """+1 when a raw difference (variant - control) means MORE of the question."""
    return 1.0 if (question.better == "lower") == (more == "intrusive") else -1.0


def _oriented(question, more, estimate, low, high):
    """(value, low, high) oriented towards MORE in the map's units; NaN: unbounded."""
    sign, unit = _towards(question, more), _unit(question)
    bounds = sorted((sign * unit * low, sign * unit * high))
    bounds = [b if math.isfinite(b) else NAN for b in bounds]
    return sign * unit * estimate, bounds[0], bounds[1]


def _point(label, helpful, intrusive, n, is_control=False):
    y, y_low, y_high = helpful
    x, x_low, x_high = intrusive
    return MapPoint(label, x, x_low, x_high, y, y_low, y_high, n, is_control)


def verdict_points(report, language="en"):
    """The control at (0, 0) and each variant's differences from it.

    The intervals are the verdicts' own (one family, at 1 - alpha/m).
    """
    study = report.study
    helpful, intrusive = _axes(study)
    control = report.question(helpful.id).summary(study.control).n
    points = [_point(_label(study, study.control, language), (0, NAN, NAN),
                     (0, NAN, NAN), control, is_control=True)]  # fmt: skip
    for variant_id, verdict in report.verdicts.items():
        h = verdict.claims["helpfulness"].test
        i = verdict.claims["intrusiveness"].test
        if h is None or i is None:
            continue
        points.append(_point(
            _label(study, variant_id, language),
            _oriented(helpful, "helpful", h.estimate, h.ci_low, h.ci_high),
            _oriented(intrusive, "intrusive", i.estimate, i.ci_low, i.ci_high),
            min(h.n_variant, i.n_variant),
        ))  # fmt: skip
    return points


def _limits(study):
    helpful, intrusive = _axes(study)
    return tuple(LARGEST_DIFFERENCE[q.type] * _unit(q) for q in (intrusive, helpful))


def overall_map(report, version, language="en"):
    """The helpfulness-intrusiveness map for everyone, or None without both axes."""
    if _axes(report.study) is None:
        return None
    points = verdict_points(report, language)
    level = f"{100 * report.family.confidence:.4g}%"
    return _map(report.study, points, version, ("overall",), language, level)


def _segment_difference(segment_report, variant_id, level, question, more):
    """A variant's oriented difference from the control in one segment group."""
    for group, comparison in segment_report.per_segment(variant_id):
        if str(group) == level:
            low, high = comparison.mean_difference_ci or (NAN, NAN)
            return _oriented(question, more, comparison.mean_difference, low, high)
    return NAN, NAN, NAN


def segment_map(report, segment_id, level, version, language="en"):
    """The map for the participants in one level of one segment question."""
    axes = _axes(report.study)
    by_outcome = {
        s.outcome.id: s for s in report.segments if s.segment.id == segment_id
    }
    if axes is None or any(q.id not in by_outcome for q in axes):
        return None
    helpful, intrusive = axes
    study = report.study
    control = min(by_outcome[q.id].means[(study.control, level)].n for q in axes)
    points = [_point(_label(study, study.control, language), (0, NAN, NAN),
                     (0, NAN, NAN), control, is_control=True)]  # fmt: skip
    for variant_id in report.verdicts:
        h = _segment_difference(by_outcome[helpful.id], variant_id, level, helpful,
                                "helpful")  # fmt: skip
        i = _segment_difference(by_outcome[intrusive.id], variant_id, level,
                                intrusive, "intrusive")  # fmt: skip
        n = min(by_outcome[q.id].means[(variant_id, level)].n for q in axes)
        points.append(_point(_label(study, variant_id, language), h, i, n))
    return _map(study, points, version, (segment_id, level), language, "95%")


def _map(study, points, version, key, language, level):
    title = f"Helpfulness and intrusiveness against the control ({' '.join(key)})"
    description = f"Differences from the control (at 0, 0) with {level} intervals."
    helpful, intrusive = _axes(study)
    words, units = MAP_TEXT[language], UNITS[language]
    words = replace(
        words,
        x_name=f"{words.x_name} ({units[intrusive.type]})",
        y_name=f"{words.y_name} ({units[helpful.type]})",
    )
    limits = map_limits(points, _limits(study))
    return CACHE.get(
        study.id,
        version,
        "map",
        (key, language),
        lambda: helpfulness_map(points, title, description, words, limits=limits),
    )


def rating_bars(report, question_id, version, language="en"):
    """Diverging stacked bars of one 7-point question, one bar per variant."""
    question_report = report.question(question_id)
    question = question_report.question
    rows = [
        (
            _label(report.study, s.variant, language),
            [s.distribution.get(p, 0) for p in range(1, 8)],
        )
        for s in question_report.summaries
    ]
    title = f"Answers to '{question.text[language]}' per variant"
    description = "; ".join(f"{label}: {counts}" for label, counts in rows)
    return CACHE.get(
        report.study.id,
        version,
        ("bars", question_id),
        language,
        lambda: diverging_bars(rows, title, description, question.labels(language)),
    )


def report_figures(report, version, language="en"):
    """The map and one bar chart per 7-point question, by name, for a report page."""
    figures = {"map": overall_map(report, version, language)}
    for question_report in report.questions:
        if question_report.question.type == "likert7":
            qid = question_report.question.id
            figures[f"bars-{qid}"] = rating_bars(report, qid, version, language)
    return figures
