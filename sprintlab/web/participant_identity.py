"""Which participant this browser is, for the participant flow's views.

A signed cookie per study names the participant; it is read and checked once
per request. Withdrawn people, kiosk participants whose device has been
handed on, and people who stopped (outside their own stopped page) are
refused with a clear code, never resumed.
"""

from datetime import UTC, datetime, timedelta

from flask import abort, current_app, g, request

from sprintlab import db as store
from sprintlab.fieldwork import participation
from sprintlab.web.context import get_db, study_or_404
from sprintlab.web.participant_session import (
    RefusedCookie,
    check_form_token,
    cookie_name,
    token_from_cookie,
)


def cookie_participant(study_id):
    """(participant, None) for this browser's active participant, else (None, code).

    Worked out once per request: the signed cookie is checked and the
    participant read once, however many steps of a view ask.
    """
    found = g.get("cookie_participant")
    if found is None or found[0] != study_id:
        found = g.cookie_participant = (study_id, _unsigned_participant(study_id))
    return found[1]


def _unsigned_participant(study_id):
    """(participant, None) from the signed cookie, else (None, 403 or 410)."""
    raw = request.cookies.get(cookie_name(study_id))
    if raw is None:
        return None, 403
    try:
        token = token_from_cookie(raw)
    except RefusedCookie as refused:
        return None, refused.code
    participant = store.participant_by_token(get_db(), token)
    if participant is None or participant["study_id"] != study_id:
        return None, 403
    if participant["withdrawn_at"] or _kiosk_handed_on(participant):
        return None, 410
    if participant["stopped_at"] and request.endpoint != "participant.stopped":
        # Stopped: their cookie opens the page with their code, nothing else.
        return None, 403
    return participant, None


KIOSK_THANKS_SHOWN = "kiosk-thanks-shown"


def _kiosk_handed_on(participant):
    """Whether a kiosk participant is done with the device: finished, or idle.

    On a shared device the next person must never resume them, nor see their
    withdrawal code. Their last activity is their latest answer or page shown.
    """
    if not participant["kiosk"]:
        return False
    if participant["completed_at"]:
        # Finished: the thanks page, with the withdrawal code, is shown once.
        if request.endpoint != "participant.thanks":
            return True
        return store.has_event(get_db(), participant["id"], KIOSK_THANKS_SHOWN)
    shown = [a["shown_at"] for a in store.assignments_of(get_db(), participant["id"])]
    last = max([participant["last_seen_at"], *filter(None, shown)])
    idle = timedelta(minutes=current_app.config.get("KIOSK_IDLE_MINUTES", 10))
    return datetime.fromisoformat(last) < datetime.now(UTC) - idle


def current_participant(study_id):
    """(participant, study) for this browser, or a clear 403/404/410 page.

    The study is the one the participant started under, as stored then: an
    edited, broken or removed study file never strands anyone already in. A
    posted form must carry this participant's form token (else 400).
    """
    participant, refused = cookie_participant(study_id)
    if refused:
        if refused == 403:
            study_or_404(study_id)
        abort(refused)
    g.participant_language = participant["language"]
    if request.method == "POST":
        check_form_token(participant["token"], request.form.get("csrf_token"))
    g.participant = participant
    return participant, participation.study_of(get_db(), participant)


def known_participant(study):
    """The active participant this browser already is, or None (never aborts)."""
    return cookie_participant(study.id)[0]
