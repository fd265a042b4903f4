"""The one service path for taking part in a study.

The web flow, `sprintlab simulate` and the tests all go through these
functions, so a simulated study exercises exactly what real participants hit.
"""

import json
import random as random_module
import secrets
import statistics
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sprintlab import db as store
from sprintlab.content.messages import parse_template
from sprintlab.content.previews import preview_template
from sprintlab.content.studies import parse_study
from sprintlab.fieldwork.answers import parse_answers
from sprintlab.fieldwork.assignment import pick_balanced, within_order

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
        earlier = parse_study(stored["definition"], f"stored {stored['hash'][:12]}")
        if [(v.id, v.template) for v in earlier.variants] != [
            (v.id, v.template) for v in study.variants
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
    """Create a consenting participant and record their assignment at once."""
    # Once per database file and study version (the file path the connection
    # already knows); an in-memory database is checked every time.
    checked = (getattr(db, "sprintlab_path", None), study.hash)
    if checked[0] is None or checked not in _checked_versions:
        check_version(db, study)
        _checked_versions.add(checked)
    study_hash = store.store_study_version(db, study.id, study.version, study.text)
    hashes = {}
    for variant in study.variants:
        template = content.template(variant.template, language)
        hashes[variant.id] = store.store_template_version(
            db, template.template_id, language, template.channel, template.text
        )
    at = store.now(now)
    participant = {
        "token": secrets.token_urlsafe(24),
        "study_id": study.id,
        "study_hash": study_hash,
        "language": language,
        "consent_version": study.consent_version,
        "kiosk": int(kiosk),
        "withdrawal_code": withdrawal_code(random),
        "started_at": at,
    }
    with store.write_transaction(db):
        order = _assign(db, study, random, now, abandon_after)
        rows = [
            (position, vid, study.variant(vid).template, hashes[vid])
            for position, vid in enumerate(order)
        ]
        participant["id"] = store.insert_participant(db, participant, rows)
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


def persona_seed(participant):
    """The fictional addressee for this participant: the same on every visit."""
    return int.from_bytes(participant["token"].encode()[:6], "big") % 1_000_000


def show_message(db, participant, assignment, heading_level=2, now=None):
    """The exact template version assigned, rendered; the first view is timed."""
    template = _template_version(db, assignment["template_hash"])
    today = datetime.fromisoformat(participant["started_at"]).date()
    if assignment["shown_at"] is None:
        store.mark_shown(db, participant["id"], assignment["position"], store.now(now))
    return preview_template(
        template, persona_seed(participant), today, heading_level=heading_level
    )


# Stored template versions, parsed, by (database file, hash). A hash always
# names the same text, so a parsed version never goes stale.
TEMPLATES_KEPT = 256
_parsed_versions = OrderedDict()
_parsed_versions_lock = threading.Lock()


def _template_version(db, digest):
    """The stored template version DIGEST, parsed (kept once parsed)."""
    key = (getattr(db, "sprintlab_path", None), digest)
    with _parsed_versions_lock:
        template = _parsed_versions.get(key)
    if template is None:
        stored = store.template_version(db, digest)
        template = parse_template(
            stored["text"], stored["template_id"], stored["language"]
        )
        if key[0] is not None:  # an in-memory database is gone when closed
            with _parsed_versions_lock:
                _parsed_versions[key] = template
                while len(_parsed_versions) > TEMPLATES_KEPT:
                    _parsed_versions.popitem(last=False)
    return template


def submit_message(db, participant, study, position, form, now=None):
    """Validate and store the answers about the message at POSITION, once."""
    answers, errors = parse_answers(study.questions, form)
    if errors:
        return Submission(stored=False, errors=errors)
    rows = [answer.row() for answer in answers]
    stored = store.record_answers(db, participant["id"], position, rows, store.now(now))
    return Submission(stored=stored, errors={})


def submit_segments(db, participant, study, form, now=None):
    """Validate and store the segment answers, once."""
    answers, errors = parse_answers(study.segments, form)
    if errors:
        return Submission(stored=False, errors=errors)
    rows = [
        (a.question_id, _segment_value(study.question(a.question_id), a), a.dont_know)
        for a in answers
    ]
    stored = store.record_segment_answers(db, participant["id"], rows, store.now(now))
    return Submission(stored=stored, errors={})


def _segment_value(question, answer):
    """A segment answer as stored: the option id, yes/no, or the scale point."""
    if answer.dont_know:
        return None
    if question.type == "choice":
        return answer.text
    if question.type == "yes_no":
        return "yes" if answer.value == 1.0 else "no"
    return str(int(answer.value))


def quality_flags(db, participant):
    """Speeding (median seconds per message) and straight-lining across items."""
    seconds = []
    for assignment in store.assignments_of(db, participant["id"]):
        if assignment["shown_at"] and assignment["answered_at"]:
            shown = datetime.fromisoformat(assignment["shown_at"])
            answered = datetime.fromisoformat(assignment["answered_at"])
            seconds.append((answered - shown).total_seconds())
    values = [value for _, value in store.likert_values(db, participant["id"])]
    median = statistics.median(seconds) if seconds else None
    return {
        "median_seconds": median,
        "speeder": median is not None and median < SPEEDER_SECONDS,
        "straight_lining": len(values) >= STRAIGHT_LINE_MIN_ITEMS
        and len(set(values)) == 1,
    }


def finish(db, participant, now=None):
    """Mark the participant complete with their quality flags."""
    flags = quality_flags(db, participant)
    store.complete_participant(db, participant["id"], json.dumps(flags), store.now(now))
    return flags


def withdraw(db, code, now=None):
    """Delete the answers of the participant with CODE; False if none has it."""
    normalised = normalise_code(code)
    if normalised is None:
        return False
    return store.withdraw_participant(db, normalised, store.now(now))
