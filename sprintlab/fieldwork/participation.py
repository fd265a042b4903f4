"""The one service path for taking part in a study.

The web flow, `sprintlab simulate` and the tests all go through these
functions, so a simulated study exercises exactly what real participants hit.
"""

import json
import random as random_module
import secrets
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sprintlab import db as store
from sprintlab.content.studies import parse_study
from sprintlab.fieldwork import snapshots
from sprintlab.fieldwork.answers import parse_answers
from sprintlab.fieldwork.assignment import pick_balanced, within_order
from sprintlab.fieldwork.message_questions import questions_about
from sprintlab.fieldwork.showing import (  # noqa: F401 - part of the service path
    VIEW_WAIT_SECONDS,
    MessageBroken,
    day_of,
    forget_view,
    open_message,
    opening_of,
    pause_broken,
    persona_seed,
    renderable,
    show_message,
    unrecorded_view,
)
from sprintlab.languages import LANGUAGES

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/1, O/0
CODE_LENGTH = 16
ABANDON_AFTER = timedelta(hours=2)
SPEEDER_SECONDS = 10.0
STRAIGHT_LINE_MIN_ITEMS = 6
_system_random = random_module.SystemRandom()
_checked_versions = set()


@dataclass(frozen=True)
class Step:
    """Where a participant is: a message page, the segment page, or done."""

    kind: str  # "message" | "segments" | "thanks"
    position: int | None
    number: int
    total: int


@dataclass(frozen=True)
class Submission:
    """The outcome of a submitted page: stored, already stored, or slips to fix."""

    stored: bool
    errors: dict


def withdrawal_code(random=_system_random):
    """A code a person can copy by hand: four groups of four unambiguous characters.

    Sixteen characters of 32 kinds carry 80 bits: not guessable online.
    """
    chars = "".join(random.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return _grouped(chars)


def _grouped(chars):
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_code(code):
    """A typed withdrawal code in its stored form (case, spaces, dashes ignored).

    Codes of eight characters, given out before codes grew, still count.
    """
    chars = "".join(c for c in (code or "").upper() if c in CODE_ALPHABET)
    return _grouped(chars) if len(chars) in (CODE_LENGTH, 8) else None


def _assign(db, study, random, now, abandon_after):
    variant_ids = [v.id for v in study.variants]
    if study.design == "within":
        return within_order(variant_ids, store.participant_count(db, study.id))
    active_since = store.now((now or datetime.now(UTC)) - abandon_after)
    counts = store.variant_counts(db, study.id, variant_ids, active_since)
    return [pick_balanced(counts, random)]


class VersionConflict(ValueError):
    """A running study's variants changed without a new version number."""


def check_version(db, study):
    """Refuse a study whose variants changed while its version number did not.

    Participants keep the assignment and version they started under; a change
    of variants must say so with a new version, never silently mix designs.
    """
    for stored in store.study_versions(db, study.id):
        if stored["hash"] == study.hash or stored["version"] != study.version:
            continue
        earlier = parse_study(
            stored["definition"], f"stored {stored['hash'][:12]}", stored=True
        )
        if [(v.id, v.template, v.cell) for v in earlier.variants] != [
            (v.id, v.template, v.cell) for v in study.variants
        ]:
            raise VersionConflict(
                f"the variants of {study.id} changed but its version is still "
                f"{study.version}: raise version in {study.path}"
            )


def start_participant(
    db,
    content,
    study,
    language,
    kiosk=False,
    random=_system_random,
    now=None,
    abandon_after=ABANDON_AFTER,
):
    """Create a consenting participant and record their assignment at once.

    Every assigned message is rendered for this participant first (under the
    render budget), in every language, so they can switch language later;
    one that does not render is never assigned: the study is paused with the
    reason, and MessageBroken raised.
    """
    # Once per database file and study version (the file path the connection
    # already knows); an in-memory database is checked every time.
    checked = (getattr(db, "sprintlab_path", None), study.hash)
    if checked[0] is None or checked not in _checked_versions:
        check_version(db, study)
        _checked_versions.add(checked)
    at = store.now(now)
    participant = {
        "token": secrets.token_urlsafe(24),
        "study_id": study.id,
        "language": language,
        "consent_version": study.consent_version,
        "kiosk": int(kiosk),
        "withdrawal_code": withdrawal_code(random),
        "started_at": at,
    }
    seed, today = persona_seed(participant), day_of(at)
    try:
        with store.write_transaction(db):
            participant["study_hash"] = store.store_study_version(
                db, study.id, study.version, study.text
            )
            order = _assign(db, study, random, now, abandon_after)
            rows, translations = [], []
            for position, vid in enumerate(order):
                for other in LANGUAGES:
                    template = renderable(content, study, vid, other, seed, today)
                    digest = store.store_template_version(
                        db, template.template_id, other, template.channel, template.text
                    )
                    translations.append((position, other, digest))
                    if other == language:
                        rows.append((position, vid, template.template_id, digest))
            participant["id"] = store.insert_participant(
                db, participant, rows, translations
            )
    except MessageBroken as broken:
        pause_broken(db, broken, now)
        raise
    return store.participant_by_token(db, participant["token"])


def next_step(db, participant, study, assignments=None):
    """The first page this participant has not yet answered.

    ASSIGNMENTS, when the caller has just read them, saves reading them again.
    """
    if assignments is None:
        assignments = store.assignments_of(db, participant["id"])
    total = len(assignments) + (1 if study.segments else 0)
    for number, assignment in enumerate(assignments, start=1):
        if assignment["answered_at"] is None:
            return Step("message", assignment["position"], number, total)
    if study.segments and participant["segments_at"] is None:
        return Step("segments", None, total, total)
    return Step("thanks", None, total, total)


def assignment_at(db, participant, position):
    """The participant's assignment at POSITION, or None."""
    for assignment in store.assignments_of(db, participant["id"]):
        if assignment["position"] == position:
            return assignment
    return None


def study_of(db, participant):
    """The study exactly as this participant started it (never the current file)."""
    return snapshots.study_snapshot(db, participant["study_hash"])


def message_questions(db, participant, study, position):
    """The questions asked about the participant's message at POSITION.

    The study's questions, with each data_use question's rows the data that
    message lists (see message_questions); the study's as they are when
    there is no message at POSITION.
    """
    assignment = assignment_at(db, participant, position)
    if assignment is None:
        return study.questions
    return questions_about(db, study, assignment)


def submit_message(
    db, participant, study, position, form, now=None, shown_at=None, layout="grouped"
):
    """Validate and store the answers about the message at POSITION, once.

    Storing the last page also marks the participant complete, in the same
    transaction. SHOWN_AT is when the page was first shown, if that view could
    not be recorded at the time. LAYOUT says how the questions were asked.
    """
    questions = message_questions(db, participant, study, position)
    answers, errors = parse_answers(questions, form)
    if errors:
        return Submission(stored=False, errors=errors)
    stored = store_page(
        db,
        participant,
        study,
        position,
        [a.row() for a in answers],
        layout,
        now,
        shown_at,
    )
    return Submission(stored=stored, errors={})


def store_page(db, participant, study, position, rows, layout, now=None, shown_at=None):
    """Store a message's answer ROWS with its exposure, once; whether they were.

    Completes the participant when this was their last page, in the same
    transaction.
    """
    at = store.now(now)
    view = (participant["id"], position)
    opening = "open"
    if study.settings.opening == "staged":  # read the channel only when it matters
        assignment = assignment_at(db, participant, position)
        opening = opening_of(study, assignment["template_id"]) if assignment else None
    exposure = {"opening": opening, "layout": layout}
    with store.write_transaction(db):
        stored = store.record_answers(
            db,
            participant["id"],
            position,
            rows,
            at,
            shown_at or unrecorded_view(view),
            exposure,
        )
        if stored:
            _complete_if_done(db, participant, study, at)
    forget_view(view)
    return stored


def submit_segments(db, participant, study, form, now=None):
    """Validate and store the segment answers, once."""
    answers, errors = parse_answers(study.segments, form)
    if errors:
        return Submission(stored=False, errors=errors)
    rows = [
        (a.question_id, _segment_value(study.question(a.question_id), a), a.dont_know)
        for a in answers
    ]
    at = store.now(now)
    with store.write_transaction(db):
        stored = store.record_segment_answers(db, participant["id"], rows, at)
        if stored:
            _complete_if_done(db, participant, study, at, segments_done=True)
    return Submission(stored=stored, errors={})


def _complete_if_done(db, participant, study, at, segments_done=False):
    """Mark the participant complete once every page is answered.

    In the caller's transaction, so the thanks page itself needs no write.
    """
    if study.segments and not (segments_done or participant["segments_at"]):
        return
    assignments = store.assignments_of(db, participant["id"])
    if all(assignment["answered_at"] for assignment in assignments):
        flags = quality_flags(db, participant)
        store.complete_participant(db, participant["id"], json.dumps(flags), at)


def _segment_value(question, answer):
    """A segment answer as stored: the option id, yes/no, or the scale point."""
    if answer.dont_know:
        return None
    if question.type in ("choice", "rank"):
        return answer.text
    if question.type == "yes_no":
        return "yes" if answer.value == 1.0 else "no"
    return str(int(answer.value))


def quality_flags(db, participant):
    """Speeding, straight-lining, and rating a staged message without opening it.

    Speeding is the median seconds per message; straight-lining the same
    point on every item; a staged message is one shown behind an envelope,
    lock screen or inbox the participant may open.
    """
    seconds, unopened = [], False
    for assignment in store.assignments_of(db, participant["id"]):
        if assignment["shown_at"] and assignment["answered_at"]:
            shown = datetime.fromisoformat(assignment["shown_at"])
            answered = datetime.fromisoformat(assignment["answered_at"])
            seconds.append((answered - shown).total_seconds())
        unopened = unopened or (
            assignment["answered_at"] is not None
            and assignment["opening"] == "staged"
            and assignment["opened_at"] is None
        )
    # Straight-lining is the same point on every 7-point item: a yes/no answer
    # (1 or 0) says nothing about it.
    scales = {q.id for q in study_of(db, participant).questions if q.type == "likert7"}
    values = [
        value
        for _, question, value in store.likert_values(db, participant["id"])
        if question in scales
    ]
    median = statistics.median(seconds) if seconds else None
    return {
        "median_seconds": median,
        "speeder": median is not None and median < SPEEDER_SECONDS,
        "straight_lining": len(values) >= STRAIGHT_LINE_MIN_ITEMS
        and len(set(values)) == 1,
        "rated_without_opening": unopened,
    }


def switch_language(db, participant, language, now=None):
    """Continue in LANGUAGE: the pages, and the messages still to answer.

    Answers already given stay as they are; each message still to answer is
    shown in its version in LANGUAGE frozen at consent.
    """
    at = store.now(now)
    with store.write_transaction(db):
        store.switch_language(db, participant["id"], language, at)
        detail = json.dumps({"from": participant["language"], "to": language})
        store.log_event(db, participant["id"], "language", detail, at)


def finish(db, participant, now=None):
    """Mark the participant complete with their quality flags; return the flags.

    Usually the last answer did so already, and this only reads them back.
    Otherwise it tries for a moment: a busy write lock never fails the thanks
    page.
    """
    if participant["completed_at"]:
        return json.loads(participant["flags"])
    flags = quality_flags(db, participant)
    try:
        with store.write_transaction(db, VIEW_WAIT_SECONDS):
            store.complete_participant(
                db, participant["id"], json.dumps(flags), store.now(now)
            )
    except store.Busy:
        pass
    return flags


def stop(db, participant, now=None):
    """Stop taking part, keeping the answers stored so far (drafts are no answers).

    The participant keeps their withdrawal code: the page after stopping
    shows it, as the thanks page does.
    """
    store.stop_participant(db, participant["id"], store.now(now))


def withdraw(db, code, now=None):
    """Delete the answers of the participant with CODE; False if none has it."""
    normalised = normalise_code(code)
    if normalised is None:
        return False
    return store.withdraw_participant(db, normalised, store.now(now))
