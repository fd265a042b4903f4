"""Showing a participant their assigned message, and what happens when it fails.

A message is rendered for its participant at consent, before the assignment
is committed; one that does not render is never assigned. If a stored
message cannot be shown later, its study is paused with the reason, and the
participant gets a clear page. Page views never fail on a busy write lock:
the view is then recorded with the page's answers.
"""

import contextlib
import threading
from datetime import datetime

from sprintlab import db as store
from sprintlab.content.mockups import render_mockup
from sprintlab.content.previews import Preview
from sprintlab.content.problems import ContentError
from sprintlab.content.rendering import RenderError
from sprintlab.fieldwork import snapshots

# How long a page view waits for the write lock to note the view; past it,
# the view is noted with the answer instead.
VIEW_WAIT_SECONDS = 0.25
AUTOMATIC = "sprintlab"
# Views noted in memory while the write lock was busy; past this many (a very
# long lock), further first views go unrecorded rather than fill memory.
UNRECORDED_VIEWS_KEPT = 10_000
# The channels that arrive as something to open: an envelope, a lock screen,
# an inbox. A poster is simply there.
STAGED_CHANNELS = ("letter", "sms", "email")
_unrecorded_views = {}
_views_lock = threading.Lock()


class MessageBroken(Exception):
    """A message that cannot be shown: its study is paused, and this says why."""

    def __init__(self, study_id, variant_id, reason):
        self.study_id = study_id
        self.variant_id = variant_id
        self.reason = reason
        super().__init__(f"{study_id}: variant {variant_id}: {reason}")


def renderable(content, study, variant_id, language, seed, today):
    """The variant's current template, once it rendered for this persona and day."""
    variant = study.variant(variant_id)
    try:
        template = content.template(variant.template, language)
        snapshots.rendering(
            template, seed, today, study.settings.municipality, variant.levels or None
        )
    except ContentError as error:
        reason = "; ".join(str(problem) for problem in error.problems)
        raise MessageBroken(study.id, variant_id, reason) from None
    except RenderError as error:
        raise MessageBroken(
            study.id, variant_id, f"{variant.template} ({language}): {error}"
        ) from None
    return template


def pause_broken(db, broken, now=None):
    """Pause the study of a message that cannot be shown, saying why (best effort).

    If the write lock is taken, the next participant who meets the broken
    message pauses it instead.
    """
    reason = f"variant {broken.variant_id} cannot be shown: "
    with contextlib.suppress(store.Busy):
        store.set_study_state(
            db,
            broken.study_id,
            "paused",
            AUTOMATIC,
            store.now(now),
            reason=reason + broken.reason,
            wait=VIEW_WAIT_SECONDS,
        )


def opening_of(study, template_id):
    """How the message of TEMPLATE_ID is shown in STUDY: "staged" or "open"."""
    channel = template_id.split("/")[0]
    if study.settings.opening == "staged" and channel in STAGED_CHANNELS:
        return "staged"
    return "open"


def open_message(db, participant, position, now=None):
    """Note that the participant opened the staged message at POSITION (first time)."""
    store.mark_opened(db, participant["id"], position, store.now(now))


def day_of(at):
    """The calendar date (UTC) of the stored time AT: a participant's 'today'."""
    return datetime.fromisoformat(at).date()


def persona_seed(participant):
    """The fictional addressee for this participant: the same on every visit."""
    return int.from_bytes(participant["token"].encode()[:6], "big") % 1_000_000


def show_message(db, participant, assignment, heading_level=2, now=None):
    """The exact template version assigned, rendered; the first view is timed.

    MessageBroken (and the study paused) if it no longer renders. The view
    is recorded if the write lock is free within a moment; otherwise when
    the page is answered.
    """
    template = snapshots.stored_template(db, assignment["template_hash"])
    today = day_of(participant["started_at"])
    study = snapshots.study_snapshot(db, participant["study_hash"])
    cell = study.variant(assignment["variant_id"]).levels or None
    try:
        message, persona = snapshots.rendering(
            template,
            persona_seed(participant),
            today,
            study.settings.municipality,
            cell,
        )
    except RenderError as error:
        broken = MessageBroken(
            participant["study_id"],
            assignment["variant_id"],
            f"{template.template_id} ({template.language}): {error}",
        )
        pause_broken(db, broken, now)
        raise broken from None
    if assignment["shown_at"] is None:
        _record_view(db, participant["id"], assignment["position"], store.now(now))
    html = render_mockup(message, persona, today, heading_level=heading_level)
    return Preview(message=message, persona=persona, today=today, html=html)


def _record_view(db, participant_id, position, at):
    try:
        store.mark_shown(db, participant_id, position, at, wait=VIEW_WAIT_SECONDS)
    except store.Busy:
        # A page view never fails on a busy write lock: the answer's
        # transaction records when the page was first shown.
        with _views_lock:
            if len(_unrecorded_views) < UNRECORDED_VIEWS_KEPT:
                _unrecorded_views.setdefault((participant_id, position), at)


def unrecorded_view(view):
    """When the page VIEW (participant id, position) was shown, if not yet stored."""
    return _unrecorded_views.get(view)


def forget_view(view):
    """The view of VIEW is stored now (with its answers)."""
    with _views_lock:
        _unrecorded_views.pop(view, None)
