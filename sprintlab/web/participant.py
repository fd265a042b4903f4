"""The participant flow: landing, consent, messages, questions, thanks.

Server-rendered and usable without JavaScript. Nothing is created until a
person gives consent (a link-preview bot only ever GETs). A participant is
recognised by a signed cookie per study; every page asks the database where
they are, so the back button and a repeated submit never create a second
answer.
"""

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import TooManyRequests

from sprintlab import db as store
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.answers import BadAnswer, field_name
from sprintlab.languages import pick_language
from sprintlab.web import message_pages
from sprintlab.web.context import get_content, get_db, study_or_404
from sprintlab.web.deployment import over_https
from sprintlab.web.kiosk_slots import link_device_slot
from sprintlab.web.message_pages import message_page
from sprintlab.web.message_pages import to_step as _to_step
from sprintlab.web.participant_identity import (
    KIOSK_THANKS_SHOWN,
    cookie_participant,
    current_participant,
    known_participant,
)
from sprintlab.web.participant_pages import (
    consent_text,
    kept,
    question_fields,
    with_form_token,
)
from sprintlab.web.participant_pages import no_store as _no_store
from sprintlab.web.participant_pages import page as _page
from sprintlab.web.participant_session import (
    COOKIE_AGE,
    check_form_token,
    cookie_name,
    form_token,
    signed_cookie,
)
from sprintlab.web.throttling import rate_budget

# Forms on these pages carry the participant's own form token (checked in
# current_participant); the two forms shown to people who do not take part
# (yet) are checked with flask-wtf's session token in their views.
bp = Blueprint("participant", __name__)


def _session_form_check():
    """flask-wtf's CSRF check, for forms posted before a person takes part."""
    current_app.extensions["csrf"].protect()


def _forget_consent_form_token():
    """End a session that only held the consent form's token.

    From here on this browser's forms carry the participant form token, so its
    requests need no session cookie: Flask then has nothing to open or check.
    """
    if set(session) <= {current_app.config["WTF_CSRF_FIELD_NAME"]}:
        session.clear()


def _spend(budget):
    """Spend one of this client's BUDGET ("consent", "withdraw"), else a 429 page."""
    if wait := rate_budget(current_app, budget).spend(request.remote_addr):
        raise TooManyRequests(retry_after=wait)


def _switch(endpoint, language, **values):
    """The link to this page in the other language, for pages before consent."""
    other = "en" if language == "nl" else "nl"
    return url_for(endpoint, lang=other, **values)


def _not_open(study, language):
    """A clear page when a study takes no new participants.

    It is paused or closed, or it does not say who is asking (no
    [organisation]: no one can give informed consent to it).
    """
    state = store.study_state(get_db(), study.id)
    if state == "open" and study.settings.organisation is not None:
        return None
    if state == "open":
        current_app.logger.error("%s names no [organisation]: not started", study.id)
        state = "paused"
    status = 503 if state == "paused" else 410
    return _page(
        "unavailable",
        study,
        language,
        status=status,
        state=state,
        switch_href=_switch("participant.landing", language, study_id=study.id),
    )


@bp.get("/s/<study_id>")
def landing(study_id):
    """The study's front page: what it is, how long, in which language."""
    study = study_or_404(study_id)
    language = pick_language(request.args.get("lang"))
    kiosk = request.args.get("kiosk") == "1"
    if unavailable := _not_open(study, language):
        return unavailable
    if kiosk:  # may show the device's test-day slot: not the same for everyone
        return _page("landing", study, language, kiosk=kiosk)
    # The same for everyone who opens the link: rendered once per study
    # version, language and mode.
    switch = _switch(
        "participant.landing", language, study_id=study.id, kiosk="1" if kiosk else None
    )
    return _no_store(
        kept(
            "landing",
            (study.hash, language, kiosk),
            lambda: _page(
                "landing", study, language, kiosk=kiosk, switch_href=switch
            ).get_data(),
        )
    )


@bp.get("/s/<study_id>/consent")
def consent(study_id):
    """The consent text, versioned; nothing is stored by showing it."""
    study = study_or_404(study_id)
    language = pick_language(request.args.get("lang"))
    kiosk = request.args.get("kiosk") == "1"
    if study.settings.organisation is None:
        return _not_open(study, language)
    return _page(
        "consent",
        study,
        language,
        kiosk=kiosk,
        consent_text=consent_text(study, language),
        switch_href=_switch(
            "participant.consent",
            language,
            study_id=study.id,
            kiosk="1" if kiosk else None,
        ),
    )


@bp.post("/s/<study_id>/consent")
def give_consent(study_id):
    """Yes starts a participant with a fixed assignment; no stores nothing."""
    study = study_or_404(study_id)
    decision = request.form.get("decision")
    if decision == "yes" and (known := known_participant(study)) is not None:
        # A double click or a replayed consent form: this browser already takes
        # part, so it resumes instead of counting twice (and changes nothing).
        return _to_step(study, known)
    _session_form_check()
    language = pick_language(request.form.get("lang"))
    if decision == "no":
        # A page of its own, so it can be read in the other language too.
        where = url_for("participant.declined", study_id=study.id, lang=language)
        return redirect(where, code=303)
    if (
        decision != "yes"
        or request.form.get("consent_version") != study.consent_version
    ):
        abort(400)
    if unavailable := _not_open(study, language):
        return unavailable
    _spend("consent")
    kiosk = request.form.get("kiosk") == "1"
    minutes = current_app.config.get("ABANDON_AFTER_MINUTES", 120)
    try:
        participant = participation.start_participant(
            get_db(),
            get_content(),
            study,
            language,
            kiosk=kiosk,
            abandon_after=timedelta(minutes=minutes),
        )
    except participation.VersionConflict as conflict:
        current_app.logger.error("%s", conflict)
        abort(503)
    except participation.MessageBroken as broken:
        current_app.logger.error("study paused: %s", broken)
        return _page("unavailable", study, language, status=503, state="paused")
    _forget_consent_form_token()
    response = _to_step(study, participant)
    if kiosk:
        link_device_slot(study, participant, response)
    response.set_cookie(
        cookie_name(study.id),
        signed_cookie(participant["token"]),
        max_age=None if kiosk else COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=over_https(),
        path=f"/s/{study.id}",
    )
    return response


@bp.get("/s/<study_id>/declined")
def declined(study_id):
    """Not taking part: nothing was stored."""
    study = study_or_404(study_id)
    language = pick_language(request.args.get("lang"))
    switch = _switch("participant.declined", language, study_id=study.id)
    return _page("declined", study, language, switch_href=switch)


@bp.get("/s/<study_id>/next")
def next_page(study_id):
    """Resume: send the participant to the first page they have not answered."""
    participant, study = current_participant(study_id)
    return _to_step(study, participant)


@bp.get("/s/<study_id>/m/<int:position>")
def message(study_id, position):
    """One assigned message as a mockup, with its questions (or the way to them)."""
    participant, study = current_participant(study_id)
    return message_page(study, participant, position)


@bp.post("/s/<study_id>/m/<int:position>")
def answer_message(study_id, position):
    """Store the answers about one message, once; slips are shown back."""
    participant, study = current_participant(study_id)
    return message_pages.answer_message(study, participant, position)


@bp.post("/s/<study_id>/m/<int:position>/open")
def open_message(study_id, position):
    """Open a staged message (the envelope, the lock screen): recorded, then shown."""
    participant, study = current_participant(study_id)
    return message_pages.open_message(study, participant, position)


@bp.get("/s/<study_id>/m/<int:position>/q/<int:number>")
def screen(study_id, position, number):
    """One question about a message, on a screen of its own."""
    participant, study = current_participant(study_id)
    return message_pages.screen(study, participant, position, number)


@bp.post("/s/<study_id>/m/<int:position>/q/<int:number>")
def answer_screen(study_id, position, number):
    """Keep one screen's answer; the last screen stores the message's answers once."""
    participant, study = current_participant(study_id)
    return message_pages.answer_screen(study, participant, position, number)


@bp.post("/s/<study_id>/language")
def switch_language(study_id):
    """Switch the language mid-study and come back to the same page."""
    participant, study = current_participant(study_id)
    return message_pages.switch_language(study, participant)


def _segments_page(study, participant, errors=None, status=200, form=None):
    language = participant["language"]
    step = participation.next_step(get_db(), participant, study)
    context = {
        "step": step,
        "questions": study.segments,
        "question_fields": question_fields(
            study, study.segments, language, errors, form
        ),
        "errors": errors or {},
        "field_name": field_name,
        "answered": not errors and participant["segments_at"] is not None,
    }
    if errors or form or participant["kiosk"]:  # this participant's own page
        return _page("segments", study, language, status=status, **context)
    return _no_store(
        with_form_token(
            "segments page",
            (study.hash, language, step.number, step.total, context["answered"]),
            form_token(participant["token"]),
            lambda token: _page(
                "segments", study, language, form_token=token, **context
            ).get_data(as_text=True),
        )
    )


@bp.get("/s/<study_id>/about-you")
def segments(study_id):
    """The segment questions, asked once per participant."""
    participant, study = current_participant(study_id)
    return _segments_page(study, participant)


@bp.post("/s/<study_id>/about-you")
def answer_segments(study_id):
    """Store the segment answers, once."""
    participant, study = current_participant(study_id)
    try:
        result = participation.submit_segments(
            get_db(), participant, study, request.form
        )
    except BadAnswer:
        abort(400)
    if result.errors:
        return _segments_page(study, participant, result.errors, 422, request.form)
    if not result.stored:
        abort(409)
    # Read again: the row now says when the segment answers came.
    return _to_step(study, store.participant_by_token(get_db(), participant["token"]))


@bp.get("/s/<study_id>/thanks")
def thanks(study_id):
    """Thanks, the withdrawal code, and a pointer to real help."""
    participant, study = current_participant(study_id)
    step = participation.next_step(get_db(), participant, study)
    if step.kind != "thanks":
        return _to_step(study, participant)
    participation.finish(get_db(), participant)
    if participant["kiosk"]:
        # Shown once: from now on this participant is refused on this device.
        store.log_event(
            get_db(), participant["id"], KIOSK_THANKS_SHOWN, "{}", store.now()
        )
    # On a shared device the thanks page is shown once: no switch back to it.
    extra = {"switch_href": None} if participant["kiosk"] else {}
    response = _page(
        "thanks", study, participant["language"], participant=participant, **extra
    )
    if participant["kiosk"]:
        response.delete_cookie(cookie_name(study.id), path=f"/s/{study.id}")
    return response


@bp.post("/s/<study_id>/next-participant")
def next_participant(study_id):
    """In-person (kiosk) mode: forget this browser's participant, start afresh.

    A finished kiosk participant is already refused on this device, so their
    form is not checked: forgetting a cookie changes nothing stored.
    """
    study = study_or_404(study_id)
    participant, _ = cookie_participant(study_id)
    if participant is not None:
        check_form_token(participant["token"], request.form.get("csrf_token"))
    kiosk = participant is None or participant["kiosk"]
    response = redirect(
        url_for("participant.landing", study_id=study.id, kiosk="1" if kiosk else None),
        code=303,
    )
    response.delete_cookie(cookie_name(study.id), path=f"/s/{study.id}")
    return response


@bp.route("/s/<study_id>/stop", methods=["GET", "POST"])
def stop(study_id):
    """Stop at any time: keep the answers so far, or delete them."""
    participant, study = current_participant(study_id)
    language = participant["language"]
    if request.method == "GET":
        return _page("stop", study, language)
    choice = request.form.get("choice")
    db = get_db()
    if choice == "delete":
        participation.withdraw(db, participant["withdrawal_code"])
        done = "withdraw_done"
    elif choice == "keep":
        participation.stop(db, participant)
        done = "stopped_kept"
    else:
        abort(400)
    return _stopped_page(study, language, done, participant)


def _stopped_page(study, language, done, participant=None):
    """The page after stopping; with the answers kept, the withdrawal code.

    The code is shown with the same care as on the thanks page: on a shared
    device (kiosk) once, with no way back to it; on one's own device again in
    the other language (the stopped participant's cookie opens this page and
    no other).
    """
    kept = done == "stopped_kept" and participant is not None
    shared = participant is not None and participant["kiosk"]
    switch = (
        None
        if shared and kept
        else _switch("participant.stopped", language, study_id=study.id, done=done)
    )
    response = _page(
        "stopped",
        study,
        language,
        done=done,
        switch_href=switch,
        participant=participant if kept else None,
    )
    if not kept or shared:
        response.delete_cookie(cookie_name(study.id), path=f"/s/{study.id}")
    return response


STOPPED = ("withdraw_done", "stopped_kept")


@bp.get("/s/<study_id>/stopped")
def stopped(study_id):
    """The page after stopping, again, in the language asked for (stores nothing)."""
    study = study_or_404(study_id)
    language = pick_language(request.args.get("lang"))
    done = request.args.get("done")
    if done not in STOPPED:
        abort(404)
    participant = cookie_participant(study_id)[0] if done == "stopped_kept" else None
    if participant is not None and not participant["stopped_at"]:
        participant = None  # still taking part: no code before the end
    switch = _switch("participant.stopped", language, study_id=study.id, done=done)
    return _page(
        "stopped", study, language, done=done, switch_href=switch,
        participant=participant,
    )  # fmt: skip


@bp.route("/withdraw", methods=["GET", "POST"])
def withdraw():
    """Delete one's answers with the code shown at the end."""
    language = pick_language(request.values.get("lang"))
    outcome = None
    if request.method == "POST":
        _session_form_check()
        _spend("withdraw")
        found = participation.withdraw(get_db(), request.form.get("code", ""))
        # Same status and page either way; the budget stops guessing.
        outcome = "withdraw_done" if found else "withdraw_unknown"
    switch = _switch("participant.withdraw", language)
    return _page("withdraw", None, language, outcome=outcome, switch_href=switch)
