"""Where the participant the team is watching is now: which variant is on screen.

Observers see this and nothing more about the participant: no answers.
"""

from dataclasses import dataclass

from sprintlab import db as store


@dataclass(frozen=True)
class Progress:
    """The watched participant's place in the study.

    state: nobody (no one has taken part yet), waiting (a slot was started
    and no one has consented on the kiosk yet), message (variant_id is on
    screen, message `number` of `total`), about-you (the segment questions)
    or finished. A participant's messages are counted without the pages
    after them.
    """

    slot: object | None
    participant_id: int | None
    state: str
    variant_id: str | None = None
    number: int | None = None
    total: int | None = None


def watched(db, schedule):
    """(slot, participant id) the team is watching: the slot started last.

    Before any slot was started, the study's most recent participant (and
    no slot), so a note is never without a person when there is one.
    """
    slot = schedule.current
    if slot is not None:
        return slot, slot.participant_id
    participant_id = store.latest_participant(db, schedule.study_id)
    if participant_id is None:
        return None, None
    return schedule.slot(store.slot_of_participant(db, participant_id)), participant_id


def progress_of(db, study, slot, participant_id):
    """The Progress of PARTICIPANT_ID (in SLOT, which may be None)."""
    if participant_id is None:
        return Progress(slot, None, "waiting" if slot else "nobody")
    row, assignments = store.participant_progress(db, participant_id)
    if row is None or row["withdrawn_at"]:
        return Progress(slot, None, "waiting" if slot else "nobody")
    total = len(assignments)
    for number, (_, variant_id, _, answered_at) in enumerate(assignments, start=1):
        if answered_at is None:
            return Progress(slot, participant_id, "message", variant_id, number, total)
    if row["completed_at"] is None and study.segments and row["segments_at"] is None:
        return Progress(slot, participant_id, "about-you")
    return Progress(slot, participant_id, "finished")


def current_progress(db, study, schedule):
    """The Progress of the participant the team is watching now."""
    slot, participant_id = watched(db, schedule)
    return progress_of(db, study, slot, participant_id)
