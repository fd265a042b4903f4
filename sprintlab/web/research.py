"""The researcher dashboard: which variant helps, which intrudes, and for whom."""

import io
import json
import tempfile
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
)
from markupsafe import Markup

from sprintlab import db as store
from sprintlab import stats
from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.analysis import free_texts, report_from_evidence, variant_order
from sprintlab.reporting.dashboard import report_figures, segment_map
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.export import export_answers, write_export
from sprintlab.reporting.formats import report_json
from sprintlab.reporting.live import live_intervals
from sprintlab.reporting.segments import report_outcomes
from sprintlab.reporting.verdicts import planned_for
from sprintlab.web.access import requires
from sprintlab.web.context import get_content, get_db, study_or_404

bp = Blueprint("research", __name__, url_prefix="/research")


def live_counts(study, assignments):
    """Started and answered per variant, quality flags, and the sample-ratio check.

    ASSIGNMENTS are the study's rows from store.analysis_assignments.
    """
    started, answered, flags = Counter(), Counter(), Counter()
    people = {}
    for pid, variant, _, was_answered, completed, raw_flags in assignments:
        started[variant] += 1
        answered[variant] += int(bool(was_answered))
        people[pid] = (completed, raw_flags)
    for completed, raw_flags in people.values():
        marks = json.loads(raw_flags or "{}")
        flags["speeder"] += int(bool(marks.get("speeder")))
        flags["straight_lining"] += int(bool(marks.get("straight_lining")))
        flags["completed"] += int(bool(completed))
    ids = variant_order(study)
    balance = None
    if study.design == "between" and sum(started.values()) >= 2 * len(ids):
        balance = stats.sample_ratio_mismatch([started[v] for v in ids])
    return {
        "participants": len(people),
        "started": {v: started[v] for v in ids},
        "answered": {v: answered[v] for v in ids},
        "flags": dict(flags),
        "balance": balance,
    }


@bp.get("/")
@requires("research")
def studies():
    """Every study with live counts per variant and a sample-ratio warning."""
    db = get_db()
    found = [
        (study, live_counts(study, store.analysis_assignments(db, study.id)))
        for study in get_content().studies().values()
    ]
    return render_template("research/studies.html", studies=found)


REPORTS_KEPT = 16


@dataclass(frozen=True)
class StudyPage:
    """What a study's page shows that depends only on the evidence."""

    report: object
    counts: dict
    texts: dict
    live: list
    versions: list


def _cached_page(db, study, version, exclude, all_pairs):
    """The page's evidence-bound parts, computed once per data version."""
    cache = current_app.extensions.setdefault("sprintlab.reports", OrderedDict())
    key = (study.hash, version, all_pairs)
    page = cache.get(key)
    if page is None:
        page = _study_page(db, study, exclude, all_pairs)
        cache[key] = page
        while len(cache) > REPORTS_KEPT:
            cache.popitem(last=False)
    return page


def _study_page(db, study, exclude, all_pairs):
    # One read of the evidence serves the report, free texts and live intervals;
    # counts, free texts and live intervals always cover every participant.
    everyone = load_evidence(db, study)
    analysed = load_evidence(db, study, exclude_speeders=True) if exclude else everyone
    outcomes = {q.id for q in report_outcomes(study)}
    return StudyPage(
        report=report_from_evidence(study, analysed, exclude, all_pairs),
        counts=live_counts(study, everyone.assignments),
        texts={
            q.id: free_texts(everyone, study, q.id)
            for q in study.questions
            if q.type == "text"
        },
        live=live_intervals(study, everyone),
        versions=[
            row
            for row in store.answers_by_template_version(db, study.id)
            if row[3] in outcomes
        ],
    )


def _float_arg(name, default, low, high):
    try:
        return min(max(float(request.args.get(name, default)), low), high)
    except ValueError:
        return default


def _planner(study, report):
    """The planned n for the margin asked for (default: the helpfulness margin)."""
    default = smallest_difference(report.family.helpfulness)
    if default is None:
        return None
    widest = 0.5 if report.family.helpfulness.type == "yes_no" else 3.0
    margin = _float_arg("margin", default, 0.01, widest)
    return planned_for(study, report, margin)


@bp.get("/<study_id>")
@requires("research")
def study(study_id):
    """The map, verdicts, comparisons, segments, planner, flags and free texts."""
    found = study_or_404(study_id)
    db = get_db()
    exclude = request.args.get("exclude_speeders") == "1"
    all_pairs = request.args.get("all_pairs") == "1"
    version = f"{store.data_version(db, found.id)}-{int(exclude)}"
    page = _cached_page(db, found, version, exclude, all_pairs)
    report = page.report
    figures = report_figures(report, version)
    segment_id = request.args.get("segment") or (
        found.segments[0].id if found.segments else None
    )
    level = request.args.get("level")
    segment_figure = (
        segment_map(report, segment_id, level, version)
        if segment_id and level
        else None
    )
    planner = _planner(found, report)
    return render_template(
        "research/study.html",
        study=found,
        report=report,
        data=report_json(report),
        figures={k: Markup(v) for k, v in figures.items() if v},  # noqa: S704 - our SVG
        language="en",
        counts=page.counts,
        exclude=exclude,
        segment_id=segment_id,
        level=level,
        segment_figure=Markup(segment_figure) if segment_figure else None,  # noqa: S704
        planner=planner,
        texts=page.texts,
        versions=page.versions,
        live=page.live,
    )


@bp.get("/<study_id>/export.<kind>")
@requires("research")
def download(study_id, kind):
    """The answers as CSV or JSON (long format), or SPSS .sav."""
    found = study_or_404(study_id)
    db = get_db()
    if kind in ("csv", "json"):
        buffer = io.StringIO()
        write_export(
            export_answers(db, found.id, [q.id for q in found.segments]), buffer, kind
        )
        mimetype = "text/csv" if kind == "csv" else "application/json"
        return Response(
            buffer.getvalue(),
            mimetype=f"{mimetype}; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename={found.id}.{kind}"},
        )
    if kind == "sav":
        from sprintlab.reporting.spss import write_sav

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{found.id}.sav"
            write_sav(db, found, path)
            data = path.read_bytes()
        return send_file(
            io.BytesIO(data),
            mimetype="application/x-spss-sav",
            as_attachment=True,
            download_name=f"{found.id}.sav",
        )
    abort(404)
