"""The test-day slot a kiosk device runs, and the label it shows the facilitator.

The facilitator starts a slot on the kiosk device (web/testday/setup.py).
The device then carries a signed cookie naming the slot until the next
person consents on it, who is linked to the slot. Kiosk pages show the
slot's label ("P3") small in the header, for the facilitator; never
anything about the person. Used by the participant and test-day
blueprints, which do not import each other.
"""

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from sprintlab import db as store
from sprintlab.testday.slots import link_participant, load_schedule, slot_label
from sprintlab.web.context import get_db
from sprintlab.web.deployment import over_https


def cookie_name(study):
    """The cookie that names the slot a kiosk device is about to run."""
    return f"sl-slot-{study.id}"


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="testday slot")


def remember_slot(response, study, number, key):
    """Make this device run slot NUMBER: its next consenting person is linked to it."""
    response.set_cookie(
        cookie_name(study),
        _serializer().dumps([number, key]),
        httponly=True,
        samesite="Lax",
        secure=over_https(),
        path=f"/s/{study.id}",
    )


def forget_slot(response, study):
    """Stop this device running a slot."""
    response.delete_cookie(cookie_name(study), path=f"/s/{study.id}")


def device_slot(study):
    """The slot number this device was started for, while it waits for its person."""
    raw = request.cookies.get(cookie_name(study))
    if raw is None:
        return None
    try:
        number, key = _serializer().loads(raw)
    except (BadSignature, TypeError, ValueError):
        return None
    schedule = load_schedule(get_db(), study.id)
    slot = schedule.slot(number) if isinstance(number, int) else None
    if slot is None or not schedule.key_matches(key) or slot.state != "waiting":
        return None
    return number


def link_device_slot(study, participant, response):
    """Link PARTICIPANT, who just consented on this device, to its slot (if any)."""
    if cookie_name(study) not in request.cookies:
        return
    number = device_slot(study)
    if number is not None:
        link_participant(get_db(), study.id, number, participant["id"])
    forget_slot(response, study)


def slot_label_for(study, participant=None, kiosk=False):
    """The label a kiosk page shows ("P3"), or None (and no query) elsewhere."""
    if study is None:
        return None
    if participant is not None:
        if not participant["kiosk"]:
            return None
        number = store.slot_of_participant(get_db(), participant["id"])
        return slot_label(number) if number else None
    if not kiosk or cookie_name(study) not in request.cookies:
        return None
    number = device_slot(study)
    return slot_label(number) if number else None
