"""A test day's schedule: numbered slots P1 ... P5, with optional times.

The facilitator starts a slot on the kiosk device; the person who then
consents on that device is linked to the slot. A slot is named by its label
("P3") only, never by anything about the person in it.
"""

import hmac
import re
import secrets
from dataclasses import dataclass

from sprintlab import db as store

DEFAULT_SLOTS = 5  # the Google Ventures sprint test: five people
MAX_SLOTS = 12
TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


class SetUpError(ValueError):
    """A test-day set-up that cannot be saved, with the reason in one sentence."""


def slot_label(number):
    """The label a slot is known by: "P3"."""
    return f"P{number}"


@dataclass(frozen=True)
class Slot:
    """One numbered place in the test day, and how far its participant is."""

    number: int
    planned_at: str | None = None
    started_at: str | None = None
    participant_id: int | None = None
    completed: bool = False

    @property
    def label(self):
        """The label the slot is known by (P3)."""
        return slot_label(self.number)

    @property
    def state(self):
        """not-started, waiting (for consent), in-progress or finished."""
        if self.participant_id is not None:
            return "finished" if self.completed else "in-progress"
        return "waiting" if self.started_at else "not-started"


@dataclass(frozen=True)
class Schedule:
    """A study's test day: its slots; kiosk_key is None until it is set up."""

    study_id: str
    slots: tuple
    kiosk_key: str | None = None

    @property
    def is_set_up(self):
        """Whether a researcher saved this test day (so slots can be started)."""
        return self.kiosk_key is not None

    def slot(self, number):
        """The slot with NUMBER, or None."""
        return next((s for s in self.slots if s.number == number), None)

    @property
    def current(self):
        """The slot started most recently, or None when none has started."""
        started = [s for s in self.slots if s.started_at]
        return max(started, key=lambda s: s.started_at) if started else None

    @property
    def finished(self):
        """How many slots have a participant who finished."""
        return sum(1 for s in self.slots if s.state == "finished")

    @property
    def complete(self):
        """Whether every slot's participant has finished: time for the debrief."""
        return self.finished == len(self.slots)

    def key_matches(self, key):
        """Whether KEY opens this test day's facilitator page (constant time)."""
        return self.is_set_up and hmac.compare_digest(
            self.kiosk_key.encode(), (key or "").encode()
        )


def load_schedule(db, study_id):
    """The study's test day as stored, or the default five slots not yet set up."""
    found = store.testday(db, study_id)
    if found is None:
        return Schedule(study_id, tuple(Slot(n) for n in range(1, DEFAULT_SLOTS + 1)))
    slots = tuple(
        Slot(
            row["slot"],
            row["planned_at"],
            row["started_at"],
            row["participant_id"],
            row["completed_at"] is not None,
        )
        for row in store.testday_slots(db, study_id)
    )
    return Schedule(study_id, slots, found["kiosk_key"])


def parse_set_up(form):
    """(number of slots, {slot: "HH:MM" or None}) from a set-up form.

    SetUpError says what to fix: a count outside 1..MAX_SLOTS or a time
    that is not a time of day.
    """
    raw = (form.get("slots") or str(DEFAULT_SLOTS)).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_SLOTS:
        raise SetUpError(f"Give a number of slots from 1 to {MAX_SLOTS}.")
    count = int(raw)
    planned = {}
    for number in range(1, count + 1):
        planned[number] = _time(form.get(f"time-{number}"), number)
    return count, planned


def _time(raw, number):
    """A slot's time as "HH:MM", None when left empty; SetUpError when not a time."""
    raw = (raw or "").strip()
    if not raw:
        return None
    match = TIME.fullmatch(raw)
    if match is None:
        raise SetUpError(
            f"The time of {slot_label(number)} should look like 10:30,"
            f" not {raw[:20]!r}."
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def set_up(db, study_id, planned, by):
    """Save the test day with the slots in PLANNED; SetUpError if a started one goes."""
    existing = store.testday(db, study_id)
    key = existing["kiosk_key"] if existing else secrets.token_urlsafe(16)
    kept = store.save_testday(db, study_id, key, by, store.now(), planned)
    if kept:
        labels = ", ".join(slot_label(n) for n in kept)
        raise SetUpError(f"{labels} has started already, so it cannot be removed.")
    return load_schedule(db, study_id)


def start_slot(db, schedule, number):
    """Start slot NUMBER now; False when it has its participant already."""
    if schedule.slot(number) is None:
        raise SetUpError(f"This test day has no slot {slot_label(number)}.")
    return store.start_slot(db, schedule.study_id, number, store.now())


def link_participant(db, study_id, number, participant_id):
    """Link the person who just consented on the kiosk to slot NUMBER (once)."""
    return store.link_slot(db, study_id, number, participant_id)
