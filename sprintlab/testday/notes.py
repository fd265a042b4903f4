"""Observers' notes: what the team sees a participant do or say on a test day.

A note is research data. Its text and tags are cleaned and scrubbed of
identifiers exactly as participants' free text is (fieldwork.scrub), and
withdrawal deletes it with the participant's answers. A note carries its
slot and variant; left at their defaults they are the slot being watched
and the variant on its screen at the moment the note arrives.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sprintlab import db as store
from sprintlab.fieldwork.scrub import scrub_identifiers
from sprintlab.testday.progress import progress_of, watched
from sprintlab.testday.slots import slot_label

# The Google Ventures grid marks notes positive or negative; the team also
# keeps quotes, ideas and questions. A note given no kind is an observation:
# never guessed to be positive or negative.
KINDS = ("positive", "negative", "quote", "idea", "question", "observation")
JUDGED = KINDS[:5]  # the kinds a pattern can be made of
DEFAULT_KIND = "observation"
# A text marker per kind, so the grid never tells kinds apart by colour alone
# (WCAG 1.4.1) and still reads when printed in black and white.
MARKERS = {
    "positive": "+",
    "negative": "\u2212",
    "quote": "\u201c",
    "idea": "!",
    "question": "?",
    "observation": "\u2022",
}
CURRENT, NONE = "current", "none"
MAX_TEXT, MAX_TAGS, MAX_TAG = 2000, 8, 40


def _display_zone():
    """The test day's clock: Dutch time, or UTC where no time zone data is installed."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:  # e.g. Windows without the tzdata package
        return UTC


DISPLAY_ZONE = _display_zone()


class BadNote(ValueError):
    """A note form no honest page sends (an unknown kind, slot or variant)."""


@dataclass(frozen=True)
class Note:
    """One stored note."""

    id: int
    slot: int | None
    participant_id: int | None
    variant_id: str | None
    kind: str
    tags: tuple
    text: str
    observer_role: str
    written_at: str

    @property
    def slot_label(self):
        """The slot's label (P3), or None for a note outside the slots."""
        return slot_label(self.slot) if self.slot else None

    @property
    def marker(self):
        """The kind's text marker."""
        return MARKERS[self.kind]

    @property
    def time(self):
        """When it was written, as HH:MM on the test day's clock."""
        return local_time(self.written_at)


def local_time(stored):
    """A stored UTC time as HH:MM in the Netherlands."""
    return datetime.fromisoformat(stored).astimezone(DISPLAY_ZONE).strftime("%H:%M")


def new_form_key():
    """A key for one note form as shown: the same form sent twice stores one note."""
    return secrets.token_urlsafe(16)


def clean_note_text(raw):
    """(text as stored, error) for typed text: cleaned, scrubbed, or why not."""
    if "\ufffd" in (raw or ""):
        return None, "broken"
    text = scrub_identifiers(raw or "").text.strip()
    if not text:
        return None, "required"
    if len(text) > MAX_TEXT:
        return None, "too_long"
    return text, None


def parse_tags(raw):
    """(tags, error): comma-separated words, scrubbed, lower case, '#' dropped."""
    tags = []
    for part in (raw or "").split(","):
        tag = "-".join(scrub_identifiers(part).text.lower().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag)
    if "\ufffd" in "".join(tags):
        return (), "broken"
    if len(tags) > MAX_TAGS or any(len(tag) > MAX_TAG for tag in tags):
        return (), "tags"
    return tuple(tags), None


def _chosen_slot(raw, schedule):
    """CURRENT, None (no slot) or a slot number, from the form's value."""
    raw = (raw or CURRENT).strip()
    if raw in (CURRENT, NONE):
        return None if raw == NONE else CURRENT
    digits = raw[1:] if raw[:1] in "Pp" else raw
    if not digits.isdigit() or schedule.slot(int(digits)) is None:
        raise BadNote(f"there is no slot {raw[:10]!r}")
    return int(digits)


def _chosen_variant(raw, study):
    """CURRENT, None (general) or a variant id, from the form's value."""
    raw = (raw or CURRENT).strip()
    if raw in (CURRENT, NONE):
        return None if raw == NONE else CURRENT
    if raw not in {v.id for v in study.variants}:
        raise BadNote(f"there is no variant {raw[:40]!r}")
    return raw


def parse_note(form, study, schedule):
    """(fields, errors) from a note form; BadNote for values no form offers.

    Fields: text, kind, tags, slot and variant (CURRENT where left to the
    moment the note arrives). Errors are the writer's slips, by field.
    """
    kind = (form.get("kind") or DEFAULT_KIND).strip()
    if kind not in KINDS:
        raise BadNote(f"there is no kind of note {kind[:20]!r}")
    fields = {
        "kind": kind,
        "slot": _chosen_slot(form.get("slot"), schedule),
        "variant": _chosen_variant(form.get("variant"), study),
    }
    errors = {}
    fields["text"], error = clean_note_text(form.get("text"))
    if error:
        errors["text"] = error
    fields["tags"], error = parse_tags(form.get("tags"))
    if error:
        errors["tags"] = error
    return fields, errors


def _placed(db, study, schedule, fields):
    """(slot number, participant id, variant id) the note is about, resolved now."""
    if fields["slot"] == CURRENT:
        slot, participant_id = watched(db, schedule)
    elif fields["slot"] is None:
        slot, participant_id = None, None
    else:
        slot = schedule.slot(fields["slot"])
        participant_id = slot.participant_id
    variant_id = fields["variant"]
    if variant_id == CURRENT:
        variant_id = progress_of(db, study, slot, participant_id).variant_id
    return (slot.number if slot else None), participant_id, variant_id


@dataclass(frozen=True)
class Added:
    """What became of a note form: stored where, or the writer's slips."""

    stored: bool
    slot: int | None = None
    variant_id: str | None = None
    errors: dict = field(default_factory=dict)


def add_note(db, study, schedule, form, observer):
    """Store the note in FORM by OBSERVER (an account), once; an Added.

    Not stored when there are slips (errors), or when this very form was
    stored before (a repeated submit): then it says where the first went.
    """
    fields, errors = parse_note(form, study, schedule)
    if errors:
        return Added(False, errors=errors)
    slot, participant_id, variant_id = _placed(db, study, schedule, fields)
    note_id = store.insert_note(
        db,
        {
            "study_id": study.id,
            "slot": slot,
            "participant_id": participant_id,
            "variant_id": variant_id,
            "kind": fields["kind"],
            "tags": json.dumps(list(fields["tags"]), ensure_ascii=False),
            "text": fields["text"],
            "observer_id": observer["id"],
            "observer_role": observer["role"],
            "form_key": (form.get("form_key") or "")[:64] or None,
            "written_at": store.now(),
        },
    )
    return Added(note_id is not None, slot, variant_id)


def study_notes(db, study_id):
    """Every note about a study, oldest first."""
    return [
        Note(
            row["id"],
            row["slot"],
            row["participant_id"],
            row["variant_id"],
            row["kind"],
            tuple(json.loads(row["tags"])),
            row["text"],
            row["observer_role"],
            row["written_at"],
        )
        for row in store.notes_of_study(db, study_id)
    ]
