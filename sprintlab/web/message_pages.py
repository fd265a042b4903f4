"""A participant's message pages: the message first, then its questions.

The message is shown open, with its scene (the letterbox, the phone) as a
short opening moment above it; a study with `opening = "staged"` shows the
envelope, lock screen or inbox first, and the participant opens it with a
button, which the server records (no JavaScript). The questions follow on
the same page (`grouped`), one per screen (`one-per-screen`), or, for
`auto`, one per screen on a phone: the server takes the browser's word for
being a phone (the `Sec-CH-UA-Mobile` client hint, or "Mobi" in its
User-Agent), and on any other browser a narrow screen (CSS) shows the way
to the one-per-screen questions instead of the grouped ones.
"""

import re

from flask import abort, current_app, redirect, request, url_for

from sprintlab import db as store
from sprintlab.fieldwork import participation, screens
from sprintlab.fieldwork.answers import BadAnswer, field_name, item_field
from sprintlab.fieldwork.message_questions import questions_about
from sprintlab.languages import LANGUAGES
from sprintlab.web.context import get_db
from sprintlab.web.participant_pages import page, question_fields
from sprintlab.web.participant_session import shown_at, view_stamp

ONE_PER_SCREEN = "one-per-screen"
OWN_PAGE = re.compile(r"/s/[a-z0-9_-]+(/[a-z0-9_-]+)*")


def on_a_phone():
    """Whether the browser says it is a phone (client hint or User-Agent)."""
    if request.headers.get("Sec-CH-UA-Mobile") == "?1":
        return True
    return "Mobi" in request.headers.get("User-Agent", "")


def layout_for(study):
    """How this browser gets the questions: grouped, one-per-screen, or auto."""
    layout = study.settings.layout
    if layout == "auto" and on_a_phone():
        return ONE_PER_SCREEN
    return layout


def to_step(study, participant):
    """A 303 straight to the first page PARTICIPANT has not answered."""
    step = participation.next_step(get_db(), participant, study)
    if step.kind == "message":
        where = url_for(
            "participant.message", study_id=study.id, position=step.position
        )
    else:
        where = url_for(f"participant.{step.kind}", study_id=study.id)
    return redirect(where, code=303)


def _assignment(db, participant, position):
    assignment = participation.assignment_at(db, participant, position)
    if assignment is None:
        abort(404)
    return assignment


def message_page(study, participant, position, errors=None, status=200, form=None):
    """The message at POSITION, shown first, and its questions (or the way to them)."""
    db = get_db()
    assignments = store.assignments_of(db, participant["id"])
    assignment = next((a for a in assignments if a["position"] == position), None)
    if assignment is None:
        abort(404)
    step = participation.next_step(db, participant, study, assignments)
    try:
        preview = participation.show_message(db, participant, assignment)
    except participation.MessageBroken as broken:
        current_app.logger.error("study paused: %s", broken)
        return page("broken", study, participant["language"], status=503)
    language = participant["language"]
    answered = assignment["answered_at"] is not None
    layout = layout_for(study)
    questions = questions_about(db, study, assignment)
    first_screen = 1
    if layout != "grouped" and not answered:
        first_screen = screens.resume_screen(db, participant, questions, position) or 1
        if not (errors or form):
            form = screens.draft_form(db, participant, study, position) or None
    unrecorded = participation.unrecorded_view((participant["id"], position))
    staged = participation.opening_of(study, assignment["template_id"]) == "staged"
    return page(
        "message",
        study,
        language,
        status=status,
        step=step,
        number=position + 1,
        position=position,
        variant=study.variant(assignment["variant_id"]),
        preview=preview,
        closed=staged and assignment["opened_at"] is None and not answered,
        layout=layout,
        questions=questions,
        question_fields=question_fields(study, questions, language, errors, form),
        errors=errors or {},
        field_name=field_name,
        item_field=item_field,
        answered=answered,
        view_stamp=unrecorded
        and view_stamp(participant["token"], position, unrecorded),
        first_screen=first_screen,
    )


def screen_page(
    study, participant, position, number, errors=None, status=200, form=None
):
    """Screen NUMBER of the questions about the message at POSITION."""
    db = get_db()
    assignment = _assignment(db, participant, position)
    questions = questions_about(db, study, assignment)
    question = screens.screen_question(questions, number)
    if question is None:
        abort(404)
    answered = assignment["answered_at"] is not None
    if form is None and not answered:
        form = screens.draft_form(db, participant, study, position)
    language = participant["language"]
    total = screens.screen_count(questions)
    message_url = url_for("participant.message", study_id=study.id, position=position)
    if number > 1:
        back = url_for(
            "participant.screen",
            study_id=study.id,
            position=position,
            number=number - 1,
        )
    else:
        back = message_url
    unrecorded = participation.unrecorded_view((participant["id"], position))
    return page(
        "screen",
        study,
        language,
        status=status,
        step=participation.next_step(db, participant, study),
        number=position + 1,
        screen=number,
        screens=total,
        back=back,
        message_url=message_url,
        questions=(question,),
        question_fields=question_fields(
            study, (question,), language, errors, form, heading=True
        ),
        errors=errors or {},
        field_name=field_name,
        item_field=item_field,
        answered=answered,
        view_stamp=unrecorded
        and view_stamp(participant["token"], position, unrecorded),
    )


def screen_url(study, position, number, missing=False):
    """Where screen NUMBER of the message at POSITION is."""
    return url_for(
        "participant.screen",
        study_id=study.id,
        position=position,
        number=number,
        missing="1" if missing else None,
    )


def answer_message(study, participant, position):
    """Store the answers about one message, once; slips are shown back."""
    try:
        shown = shown_at(participant["token"], position, request.form.get("shown"))
        result = participation.submit_message(
            get_db(), participant, study, position, request.form, shown_at=shown
        )
    except BadAnswer:
        abort(400)
    if result.errors:
        return message_page(
            study, participant, position, result.errors, 422, request.form
        )
    if not result.stored:
        # Claimed already (a replay, the back button, a double click), or no
        # such page: nothing was stored either way.
        _assignment(get_db(), participant, position)
        abort(409)
    return to_step(study, participant)


def open_message(study, participant, position):
    """Note that a staged message was opened, then show it (303 to the message)."""
    _assignment(get_db(), participant, position)
    participation.open_message(get_db(), participant, position)
    where = url_for("participant.message", study_id=study.id, position=position)
    return redirect(f"{where}#bericht", code=303)


def screen(study, participant, position, number):
    """Screen NUMBER; told so, it says its required question is still open."""
    assignment = _assignment(get_db(), participant, position)
    question = screens.screen_question(
        questions_about(get_db(), study, assignment), number
    )
    errors = None
    if request.args.get("missing") and question is not None:
        # Sent back from the last screen: this required question is still open.
        errors = {question.id: "required"}
    return screen_page(study, participant, position, number, errors=errors)


def answer_screen(study, participant, position, number):
    """Keep one screen's answer; the last screen stores the message's answers once."""
    assignment = _assignment(get_db(), participant, position)
    questions = questions_about(get_db(), study, assignment)
    if screens.screen_question(questions, number) is None:
        abort(404)
    try:
        shown = shown_at(participant["token"], position, request.form.get("shown"))
        result = screens.submit_screen(
            get_db(), participant, study, questions, position, number, request.form,
            shown=shown,
        )  # fmt: skip
    except BadAnswer:
        abort(400)
    if result.errors:
        return screen_page(
            study, participant, position, number, result.errors, 422, request.form
        )
    if not result.kept:
        abort(409)  # the message's answers were stored already: nothing changed
    if result.missing is not None:
        return redirect(screen_url(study, position, result.missing, True), code=303)
    if result.done:
        return to_step(study, participant)
    return redirect(screen_url(study, position, number + 1), code=303)


def switch_language(study, participant):
    """Continue in the language asked for, back on the page the switch was on."""
    language = request.form.get("lang")
    if language not in LANGUAGES:
        abort(400)
    participation.switch_language(get_db(), participant, language)
    back = request.form.get("back", "")
    # Only a page of this study, as its paths are spelled: never an address
    # elsewhere, and nothing a header could be split on.
    if not OWN_PAGE.fullmatch(back) or not back.startswith(f"/s/{study.id}/"):
        back = url_for("participant.next_page", study_id=study.id)
    return redirect(back, code=303)
