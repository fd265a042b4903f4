"""The grid, the debrief with the team's decisions, and the notes downloads.

Observers see the grid with its notes and patterns only; its ratings, the
debrief (a ratings summary) and the downloads are for researchers and admins.
"""

import io

from flask import Response, abort, flash, redirect, render_template, request, url_for

from sprintlab.testday.debrief import load_debrief
from sprintlab.testday.decisions import (
    DECISIONS,
    BadDecision,
    decision_field,
    decision_history,
    reason_field,
    record_decisions,
)
from sprintlab.testday.export import FORMATS, write_notes
from sprintlab.testday.grid import load_grid
from sprintlab.testday.notes import KINDS, MARKERS, new_form_key
from sprintlab.web.access import current_user, requires
from sprintlab.web.context import get_db, study_or_404
from sprintlab.web.testday import POLL_SECONDS, bp, live_reply, may_research

MIMETYPES = {"csv": "text/csv", "md": "text/markdown", "json": "application/json"}
DECISION_SLIPS = {
    "none": "Choose keep, change or drop for at least one variant.",
    "decision": "Choose keep, change or drop for the reason you gave.",
    "too_long": "Keep a reason under 2,000 characters.",
    "broken": "The reason has characters that are not valid text: type it again.",
}


def _grid_version(grid):
    """A string that changes when a note, a slot or a rating in the grid changes."""
    slots = "".join(f"{s.number}{s.state[0]}" for s in grid.schedule.slots)
    latest = max((n.id for n in grid.notes), default=0)
    ratings = sum(len(c.ratings) for row in grid.rows for c in row.cells.values())
    return f"{len(grid.notes)}-{latest}-{slots}-{ratings}"


def _grid_parts(grid, research):
    return {
        "grid-table": render_template(
            "testday/_grid_table.html", grid=grid, markers=MARKERS, research=research
        ),
        "grid-quotes": render_template("testday/_quotes.html", grid=grid),
    }


@bp.get("/research/<study_id>/grid")
@requires("observe")
def grid(study_id):
    """Variants by participants: notes (and key ratings) per cell, and the patterns."""
    research = may_research()
    found = load_grid(get_db(), study_or_404(study_id), with_ratings=research)
    return render_template(
        "testday/grid.html",
        grid=found,
        study=found.study,
        kinds=KINDS,
        markers=MARKERS,
        version=_grid_version(found),
        poll_seconds=POLL_SECONDS,
        formats=FORMATS,
        research=research,
    )


@bp.get("/research/<study_id>/grid.json")
@requires("observe")
def grid_live(study_id):
    """The grid's live parts, for static/testday.js to poll."""
    research = may_research()
    found = load_grid(get_db(), study_or_404(study_id), with_ratings=research)
    return live_reply(
        _grid_version(found),
        lambda: _grid_parts(found, research),
        count=len(found.notes),
    )


@bp.get("/research/<study_id>/notes.<kind>")
@requires("research")
def download(study_id, kind):
    """The notes and decisions as CSV, Markdown (the grid) or JSON."""
    if kind not in FORMATS:
        abort(404)
    study = study_or_404(study_id)
    db = get_db()
    buffer = io.StringIO()
    write_notes(load_grid(db, study), decision_history(db, study.id), buffer, kind)
    return Response(
        buffer.getvalue(),
        mimetype=f"{MIMETYPES[kind]}; charset=utf-8",
        headers={
            "Content-Disposition": f"attachment; filename={study.id}-notes.{kind}"
        },
    )


def _debrief_page(study, form=None, errors=None, status=200):
    body = render_template(
        "testday/debrief.html",
        study=study,
        debrief=load_debrief(get_db(), study),
        markers=MARKERS,
        decisions=DECISIONS,
        decision_field=decision_field,
        reason_field=reason_field,
        form=form or {},
        errors={k: DECISION_SLIPS[v] for k, v in (errors or {}).items()},
        form_key=new_form_key(),
    )
    return body, status


@bp.route("/research/<study_id>/debrief", methods=["GET", "POST"])
@requires("research")
def debrief(study_id):
    """Patterns, quotes and the ratings summary; the team decides per variant."""
    study = study_or_404(study_id)
    if request.method == "GET":
        return _debrief_page(study)
    try:
        errors = record_decisions(get_db(), study, request.form, current_user()["role"])
    except BadDecision:
        abort(400)
    if errors:
        return _debrief_page(study, request.form, errors, 422)
    flash("Decisions recorded.")
    return redirect(url_for("testday.debrief", study_id=study.id) + "#decide", code=303)
