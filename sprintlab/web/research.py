"""The researcher dashboard: which variant helps, which intrudes, and for whom."""

import io
import tempfile
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
from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.export import cell_levels, export_answers, write_export
from sprintlab.reporting.live import live_counts
from sprintlab.reporting.reports import (
    FIRST_WAIT,
    ReportFailed,
    Reports,
    StillComputing,
)
from sprintlab.reporting.verdicts import planned_for
from sprintlab.web.access import requires
from sprintlab.web.context import get_content, get_db, study_or_404

bp = Blueprint("research", __name__, url_prefix="/research")


@bp.record_once
def _keep_reports(state):
    """One set of kept reports per app (the worker process is shared)."""
    state.app.extensions["sprintlab.reports"] = Reports()


def _reports():
    return current_app.extensions["sprintlab.reports"]


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
    exclude = request.args.get("exclude_speeders") == "1"
    all_pairs = request.args.get("all_pairs") == "1"
    wait = current_app.config.get("REPORT_WAIT_SECONDS", FIRST_WAIT)
    try:
        shown = _reports().study_page(
            current_app.config["DATABASE"],
            found,
            store.data_version(get_db(), found.id),
            exclude,
            all_pairs,
            wait,
        )
    except StillComputing:
        return _not_ready(found, "computing", 202)
    except ReportFailed:
        return _not_ready(found, "failed", 503)
    page = shown.page
    report = page.report
    segment_id = request.args.get("segment") or (
        found.segments[0].id if found.segments else None
    )
    level = request.args.get("level")
    segment_figure, segment_pending = None, False
    if segment_id and level:
        try:
            segment_figure = _reports().segment_figure(page, segment_id, level, wait)
        except StillComputing:
            segment_pending = True
        except ReportFailed:
            segment_figure = None
    planner = _planner(found, report)
    return render_template(
        "research/study.html",
        study=found,
        report=report,
        data=page.data,
        figures={k: Markup(v) for k, v in page.figures.items() if v},  # noqa: S704 - our SVG
        language="en",
        counts=page.counts,
        exclude=exclude,
        segment_id=segment_id,
        level=level,
        segment_figure=Markup(segment_figure) if segment_figure else None,  # noqa: S704
        segment_pending=segment_pending,
        planner=planner,
        texts=page.texts,
        versions=page.versions,
        exposure=page.exposure,
        live=page.live,
        updating=shown.updating,
    )


def _not_ready(study, why, status):
    """A clear page while the first report is made, or when it could not be."""
    body = render_template("research/not_ready.html", study=study, why=why)
    response = current_app.make_response((body, status))
    response.headers["Retry-After"] = "5"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<study_id>/export.<kind>")
@requires("research")
def download(study_id, kind):
    """The answers as CSV or JSON (long format), or SPSS .sav."""
    found = study_or_404(study_id)
    db = get_db()
    if kind in ("csv", "json"):
        buffer = io.StringIO()
        write_export(
            export_answers(
                db, found.id, [q.id for q in found.segments], cell_levels(found)
            ),
            buffer,
            kind,
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
