"""The dashboard's figures, built from a report: the map and the rating bars.

Pure of Flask: a report in, SVG text out, cached per study and data version.
"""

from sprintlab.reporting.plots import (
    MAP_TEXT,
    MapPoint,
    PlotCache,
    diverging_bars,
    helpfulness_map,
)
from sprintlab.reporting.segments import report_outcomes

CACHE = PlotCache()


def _axes(study):
    outcomes = report_outcomes(study)
    if len(outcomes) < 2:
        return None
    return outcomes[0], outcomes[1]  # helpfulness (y), intrusiveness (x)


def _label(study, variant_id, language):
    return study.variant(variant_id).label[language]


def map_points(study, helpful, intrusive, language="en"):
    """One point per variant from the summaries of the two axis questions."""
    points = []
    for h in helpful:
        i = next((s for s in intrusive if s.variant == h.variant), None)
        if i is None or h.mean is None or i.mean is None:
            continue
        x_low, x_high = i.mean_ci or (float("nan"), float("nan"))
        y_low, y_high = h.mean_ci or (float("nan"), float("nan"))
        points.append(
            MapPoint(
                label=_label(study, h.variant, language),
                x=i.mean,
                x_low=x_low,
                x_high=x_high,
                y=h.mean,
                y_low=y_low,
                y_high=y_high,
                n=min(h.n, i.n),
                is_control=h.variant == study.control,
            )  # fmt: skip
        )
    return points


def overall_map(report, version, language="en"):
    """The helpfulness-intrusiveness map for everyone, or None without both axes."""
    axes = _axes(report.study)
    if axes is None:
        return None
    helpful, intrusive = (report.question(q.id).summaries for q in axes)
    return _map(report.study, helpful, intrusive, version, ("overall",), language)


def segment_map(report, segment_id, level, version, language="en"):
    """The map for the participants in one level of one segment question."""
    axes = _axes(report.study)
    by_outcome = {
        s.outcome.id: s for s in report.segments if s.segment.id == segment_id
    }
    if axes is None or any(q.id not in by_outcome for q in axes):
        return None
    helpful, intrusive = (
        [m for (v, lvl), m in by_outcome[q.id].means.items() if lvl == level]
        for q in axes
    )
    return _map(
        report.study, helpful, intrusive, version, (segment_id, level), language
    )


def _map(study, helpful, intrusive, version, key, language):
    points = map_points(study, helpful, intrusive, language)
    title = f"Helpfulness and intrusiveness per variant ({' '.join(key)})"
    description = "; ".join(
        f"{p.label}: usefulness {p.y:.1f}, intrusiveness {p.x:.1f} (n={p.n})"
        for p in points
    )
    return CACHE.get(
        study.id,
        version,
        "map",
        (key, language),
        lambda: helpfulness_map(
            points, title, description or "no answers yet", MAP_TEXT[language]
        ),
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
