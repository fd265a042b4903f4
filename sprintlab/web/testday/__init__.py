"""The sprint test day: set-up, observing, the grid and the debrief.

Observers (the `observer` role) and researchers see the observe page: the
live progress of the participant being watched and everyone's notes.
Researchers also set the day up and read the grid and the debrief, which
hold ratings. The kiosk's facilitator page opens with the test day's key,
not an account, so no one logs in on the device participants use. The
pages live in three modules of this one blueprint: `observe`, `results`
(grid, debrief, downloads) and `slots` (set-up and the facilitator page).
"""

from flask import Blueprint, jsonify, render_template, request

from sprintlab.accounts import can
from sprintlab.testday.slots import load_schedule
from sprintlab.web.access import current_user, requires
from sprintlab.web.context import get_content, get_db

bp = Blueprint("testday", __name__)
POLL_SECONDS = 3


def may_research():
    """Whether the logged-in account may see ratings (researchers, admins)."""
    return can(current_user(), "research")


def live_reply(version, html, text=None, count=None):
    """The JSON a live page polls: VERSION, and the parts when they changed.

    HTML parts replace an element's content by id; TEXT parts its text.
    A poll that sends the version it has gets only {"changed": false}.
    """
    if request.args.get("since") == version:
        return jsonify(version=version, changed=False)
    return jsonify(
        version=version, changed=True, html=html(), text=text or {}, count=count
    )


@bp.app_template_global()
def variant_label(study, variant_id):
    """A variant's English label; "general" for a note about no one variant."""
    if variant_id is None:
        return "general"
    try:
        return study.variant(variant_id).label["en"]
    except KeyError:  # a variant a later version of the study dropped
        return variant_id


@bp.get("/test-days/")
@requires("observe")
def index():
    """Each study's test day: how far it is, and the pages this account may open."""
    db = get_db()
    days = [
        (study, load_schedule(db, study.id))
        for study in get_content().studies().values()
    ]
    return render_template("testday/index.html", days=days, research=may_research())


# The pages register themselves on bp when imported.
from sprintlab.web.testday import observe, results, slots  # noqa: E402, F401
