"""The researcher dashboard: which variant helps, which intrudes, and for whom."""

import contextlib
import io
import math
import tempfile
import threading
import time
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
from sprintlab.reporting.export import cell_levels, export_answers, write_export
from sprintlab.reporting.fieldwork import ago, fieldwork
from sprintlab.reporting.reports import (
    FIRST_WAIT,
    UPDATE_EVERY,
    ReportFailed,
    Reports,
    StillComputing,
    planned,
)
from sprintlab.reporting.segments import segment_levels
from sprintlab.web.access import requires
from sprintlab.web.context import get_content, get_db, study_or_404

bp = Blueprint("research", __name__, url_prefix="/research")
# Fieldwork counts are read again at least this often (who is still busy
# changes with the clock alone), and when the data changed, at most every
# FIELDWORK_CHANGED_SECONDS: while answers pour in, four researchers
# reloading must not cost participants a query per view.
FIELDWORK_SECONDS = 30
FIELDWORK_CHANGED_SECONDS = 5
# Server threads that may wait for the report worker at once. Participants'
# pages share the server's threads (8 by default): a dashboard waiting for a
# report holds one, so beyond these a dashboard says "still computing" and
# reloads itself instead of waiting.
WAITING_DASHBOARDS = 2
# How often an open dashboard asks for the fieldwork again (seconds); the
# app's FIELDWORK_REFRESH_SECONDS (SPRINTLAB_FIELDWORK_REFRESH_SECONDS) sets it.
REFRESH_SECONDS = 30


@bp.record_once
def _keep_reports(state):
    """One set of kept reports per app (the worker process is shared)."""
    state.app.extensions["sprintlab.reports"] = Reports(
        update_every=state.app.config.get("REPORT_UPDATE_SECONDS", UPDATE_EVERY)
    )
    state.app.extensions["sprintlab.fieldwork"] = ({}, threading.Lock())
    state.app.extensions["sprintlab.waiting"] = threading.BoundedSemaphore(
        WAITING_DASHBOARDS
    )


def _reports():
    return current_app.extensions["sprintlab.reports"]


def _database():
    return current_app.config["DATABASE"]


def warm(app, studies):
    """Start making each study's page in the worker (when the server starts)."""
    evidence = store.connect(app.config["DATABASE"], create=False)
    try:
        versions = [(s, store.data_version(evidence, s.id)) for s in studies]
    finally:
        evidence.close()
    reports = app.extensions["sprintlab.reports"]
    for study, version in versions:
        reports.refresh(app.config["DATABASE"], study, version)


def _fieldwork(study, version):
    """The study's fieldwork, read again when its data changed or it got old."""
    kept, lock = current_app.extensions["sprintlab.fieldwork"]
    with lock:
        found = kept.get(study.hash)
    if found:
        age = time.monotonic() - found[1]
        if age < (
            FIELDWORK_SECONDS if found[0] == version else FIELDWORK_CHANGED_SECONDS
        ):
            return found[2]
    current = fieldwork(get_db(), study)
    with lock:
        kept[study.hash] = (version, time.monotonic(), current)
    return current


@bp.get("/")
@requires("research")
def studies():
    """Every study with its fieldwork, and the headline of its latest results."""
    found = []
    for study in get_content().studies().values():
        version = store.data_version(get_db(), study.id)
        _reports().refresh(_database(), study, version)  # off the request path
        latest = _reports().latest(_database(), study)
        found.append((study, _fieldwork(study, version), latest))
    return render_template("research/studies.html", studies=found, ago=ago)


def _float_arg(name, default, low, high):
    """A number from the query, kept within LOW..HIGH; DEFAULT when it is none."""
    try:
        value = float(request.args.get(name, default))
    except ValueError:
        return default
    if not math.isfinite(value):
        return default
    return min(max(value, low), high)


def _planner(page):
    """The planned n for the margin asked for (default: the helpfulness margin)."""
    planning = page.planning
    if planning["margin"] is None:
        return None
    widest = 0.5 if planning["binary"] else 3.0
    margin = _float_arg("margin", planning["margin"], 0.01, widest)
    return {"plan": planned(planning, margin), **planning}


def _segment_choice(study):
    """(segment question, group id or None) asked for; unknown ones fall back.

    Asked as ?group=SEGMENT:LEVEL (or SEGMENT alone), or ?segment= and ?level=.
    """
    by_id = {s.id: s for s in study.tested_segments}
    if not by_id:
        return None, None
    asked, _, level = request.args.get("group", "").partition(":")
    if not asked:
        asked, level = request.args.get("segment"), request.args.get("level")
    segment = by_id.get(asked, study.tested_segments[0])
    levels = {found for found, _ in segment_levels(segment)}
    return segment, level if level in levels else None


@contextlib.contextmanager
def _waiting():
    """How long this request may wait for the worker: 0 when enough already wait."""
    slots = current_app.extensions["sprintlab.waiting"]
    if not slots.acquire(blocking=False):
        yield 0
        return
    try:
        yield current_app.config.get("REPORT_WAIT_SECONDS", FIRST_WAIT)
    finally:
        slots.release()


def _group_view(page, study, segment, level, wait):
    """(HTML of one group's map and differences, still being made?)."""
    if segment is None or level is None:
        return None, False
    try:
        found = _reports().segment_level(page, study, segment.id, level, wait)
    except StillComputing:
        return None, True
    except ReportFailed:
        return None, False
    return (Markup(found) if found else None), False  # noqa: S704 - our templates


@bp.get("/<study_id>")
@requires("research")
def study(study_id):
    """The summary first, then fieldwork, questions, segments, quality, planning."""
    found = study_or_404(study_id)
    exclude = request.args.get("exclude_speeders") == "1"
    all_pairs = request.args.get("all_pairs") == "1"
    version = store.data_version(get_db(), found.id)
    segment, level = _segment_choice(found)
    with _waiting() as wait:
        try:
            shown = _reports().study_page(
                _database(), found, version, exclude, all_pairs, wait
            )
        except StillComputing:
            return _not_ready(found, "computing", 202)
        except ReportFailed:
            return _not_ready(found, "failed", 503)
        page = shown.page
        group, group_pending = _group_view(page, found, segment, level, wait)
    sections = {k: Markup(v) for k, v in page.sections.items() if k != "segments"}  # noqa: S704 - rendered by our templates, autoescaped
    segment_tests = page.sections["segments"].get(segment.id) if segment else None
    return render_template(
        "research/study.html",
        study=found,
        page=page,
        sections=sections,
        segment_tests=Markup(segment_tests) if segment_tests else None,  # noqa: S704
        updating=shown.updating,
        version=version,
        exclude=exclude,
        all_pairs=all_pairs,
        segment=segment,
        level=level,
        groups=[(s, segment_levels(s)) for s in found.tested_segments],
        group=group,
        group_pending=group_pending,
        planner=_planner(page),
        fieldwork=_fieldwork(found, version),
        refresh_seconds=current_app.config.get(
            "FIELDWORK_REFRESH_SECONDS", REFRESH_SECONDS
        ),
        ago=ago,
    )


@bp.get("/<study_id>/fieldwork")
@requires("research")
def fieldwork_now(study_id):
    """The fieldwork part of the dashboard, for the page to refresh by itself."""
    found = study_or_404(study_id)
    version = store.data_version(get_db(), found.id)
    # New answers: make the new report now, off the request path, so the
    # page is ready by the time the researcher reloads it.
    _reports().refresh(_database(), found, version)
    latest = _reports().latest(_database(), found)
    return render_template(
        "research/_fieldwork.html",
        study=found,
        fieldwork=_fieldwork(found, version),
        planning=latest.planning if latest else None,
        newer=request.args.get("shown") not in (None, version),
        ready=latest is not None and latest.key[2] == version,
        ago=ago,
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
