"""The observe page: the watched participant's progress and everyone's notes.

For observers and researchers. A note is an ordinary form POST (then a 303
back), so it works without JavaScript; with it, static/testday.js polls
observe.json and shows other observers' notes within a few seconds.
"""

from flask import abort, flash, redirect, render_template, request, url_for

from sprintlab.testday.grid import GENERAL_LABEL
from sprintlab.testday.notes import (
    CURRENT,
    DEFAULT_KIND,
    KINDS,
    MARKERS,
    NONE,
    BadNote,
    add_note,
    new_form_key,
    study_notes,
)
from sprintlab.testday.progress import current_progress
from sprintlab.testday.slots import load_schedule, slot_label
from sprintlab.web.access import current_user, requires
from sprintlab.web.context import get_db, study_or_404
from sprintlab.web.testday import POLL_SECONDS, bp, live_reply, may_research

SLIPS = {
    "required": "Write the note first.",
    "too_long": "Keep a note under 2,000 characters.",
    "broken": "The note has characters that are not valid text: type it again.",
    "tags": "Give at most 8 tags of at most 40 characters, separated by commas.",
}


def watching_text(progress):
    """Who the default slot is: "P3", the latest participant, or no one."""
    if progress.slot is not None:
        return progress.slot.label
    return "latest participant, no slot" if progress.participant_id else "no one yet"


def on_screen_text(study, progress):
    """The variant on the watched participant's screen, for the default option."""
    if progress.variant_id is None:
        return "nothing: general note"
    return study.variant(progress.variant_id).label["en"]


def _choices(study, schedule, progress):
    slots = [(CURRENT, f"Being watched now ({watching_text(progress)})")]
    slots += [
        (str(s.number), s.label + (f" ({s.planned_at})" if s.planned_at else ""))
        for s in schedule.slots
    ]
    slots.append((NONE, "No slot"))
    variants = [(CURRENT, f"On screen now ({on_screen_text(study, progress)})")]
    variants += [(v.id, v.label["en"]) for v in study.variants]
    variants.append((NONE, GENERAL_LABEL))
    return slots, variants


def _state(study):
    """(schedule, progress, notes newest first) of STUDY's test day now."""
    db = get_db()
    schedule = load_schedule(db, study.id)
    progress = current_progress(db, study, schedule)
    return schedule, progress, list(reversed(study_notes(db, study.id)))


def _page(study, form=None, errors=None, status=200):
    schedule, progress, notes = _state(study)
    slots, variants = _choices(study, schedule, progress)
    body = render_template(
        "testday/observe.html",
        study=study,
        schedule=schedule,
        progress=progress,
        notes=notes,
        slot_choices=slots,
        variant_choices=variants,
        kinds=KINDS,
        markers=MARKERS,
        default_kind=DEFAULT_KIND,
        form=form or {},
        errors={k: SLIPS[v] for k, v in (errors or {}).items()},
        form_key=(form or {}).get("form_key") or new_form_key(),
        research=may_research(),
        version=_version(schedule, progress, notes),
        poll_seconds=POLL_SECONDS,
    )
    return body, status


def _version(schedule, progress, notes):
    """A string that changes when a note, a slot or the progress changes."""
    slots = "".join(f"{s.number}{s.state[0]}" for s in schedule.slots)
    place = (progress.state, progress.variant_id, progress.number)
    latest = notes[0].id if notes else 0
    return f"{len(notes)}-{latest}-{slots}-{progress.participant_id}-{place}"


@bp.route("/research/<study_id>/observe", methods=["GET", "POST"])
@requires("observe")
def observe(study_id):
    """The watched participant's progress, the note form and everyone's notes."""
    study = study_or_404(study_id)
    if request.method == "GET":
        return _page(study)
    db = get_db()
    try:
        added = add_note(
            db, study, load_schedule(db, study.id), request.form, current_user()
        )
    except BadNote:
        abort(400)
    if added.errors:
        return _page(study, request.form, added.errors, 422)
    where = slot_label(added.slot) if added.slot else "no slot"
    about = (
        study.variant(added.variant_id).label["en"] if added.variant_id else "general"
    )
    if added.stored:
        flash(f"Note added: {where}, {about}.")
    else:
        flash("That note was added already.")
    return redirect(url_for("testday.observe", study_id=study.id), code=303)


@bp.get("/research/<study_id>/observe.json")
@requires("observe")
def observe_live(study_id):
    """The observe page's live parts, for static/testday.js to poll."""
    study = study_or_404(study_id)
    schedule, progress, notes = _state(study)
    slots, variants = _choices(study, schedule, progress)
    return live_reply(
        _version(schedule, progress, notes),
        lambda: {
            "progress": render_template(
                "testday/_progress.html",
                study=study,
                schedule=schedule,
                progress=progress,
            ),
            "notes": render_template(
                "testday/_notes.html", study=study, notes=notes, markers=MARKERS
            ),
        },
        # The "now" options name who and what "now" is at this moment.
        text={"slot-current": slots[0][1], "variant-current": variants[0][1]},
        count=len(notes),
    )
