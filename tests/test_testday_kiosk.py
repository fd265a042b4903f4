"""Setting up a test day and starting its slots on the kiosk device."""

import re

import pytest

from tests.bot import Bot, forms, withdrawal_code
from tests.test_participant_bots import tables_with_participant_rows
from tests.testday_support import (
    KioskBot,
    app_rows,
    csrf_of,
    facilitator_link,
    log_in,
    post_note,
    set_up,
    start,
)

LABEL = re.compile(r'<span class="slot-label" title="Test-day slot">([^<]*)</span>')


@pytest.fixture
def day(app, client):
    """A researcher's client with a test day set up, and its facilitator link."""
    log_in(app, client, "onderzoeker", "researcher")
    assert set_up(client, **{"time-1": "9:30", "time-3": "11.00"}).status_code == 303
    return facilitator_link(client)


def test_a_set_up_test_day_has_numbered_slots_with_times(app, client, day):
    assert app_rows(app, "SELECT slot, planned_at FROM testday_slots") == [
        (1, "09:30"), (2, None), (3, "11:00"), (4, None), (5, None)
    ]  # fmt: skip
    page = client.get("/research/sprint-sms/test-day").get_data(as_text=True)
    assert 'value="09:30"' in page and 'value="11:00"' in page


def test_a_slot_started_on_the_kiosk_links_the_next_person_who_consents(
    app, client, day
):
    kiosk = app.test_client()
    post_note(client, text="Komt binnen, kijkt rond.", slot="P3", variant="none")
    response = start(kiosk, day, 3)
    assert response.status_code == 303
    assert response.headers["Location"] == "/s/sprint-sms?kiosk=1"
    landing = kiosk.get("/s/sprint-sms?kiosk=1").get_data(as_text=True)
    assert LABEL.findall(landing) == ["P3"]
    # Someone on another device at the same time is not put in the slot.
    Bot(app.test_client(), "sprint-sms", seed=9).take()
    html = KioskBot(kiosk, "sprint-sms", seed=5).take()
    assert LABEL.findall(html) == ["P3"]  # on the thanks page too
    kiosk_person = app_rows(app, "SELECT id FROM participants WHERE kiosk = 1")[0][0]
    assert app_rows(
        app, "SELECT slot, participant_id FROM testday_slots WHERE slot = 3"
    ) == [(3, kiosk_person)]
    # The note written while P3 waited is now about that person.
    assert app_rows(app, "SELECT participant_id FROM testday_notes") == [
        (kiosk_person,)
    ]
    # The next person on the device is in no slot until one is started.
    thanks_form = next(
        f for f in forms(html) if f["action"].endswith("next-participant")
    )
    kiosk.post(thanks_form["action"], data=thanks_form["hidden"])
    assert (
        LABEL.findall(kiosk.get("/s/sprint-sms?kiosk=1").get_data(as_text=True)) == []
    )


def test_pages_elsewhere_show_no_slot_label(app, client, day):
    start(app.test_client(), day, 2)
    other = app.test_client()
    assert (
        LABEL.findall(other.get("/s/sprint-sms?kiosk=1").get_data(as_text=True)) == []
    )
    html = Bot(other, "sprint-sms", seed=1).take()
    assert LABEL.findall(html) == []


def test_a_slot_with_its_participant_cannot_be_started_again(app, client, day):
    kiosk = app.test_client()
    start(kiosk, day, 1)
    KioskBot(kiosk, "sprint-sms", seed=2).take()
    response = start(app.test_client(), day, 1)
    assert response.status_code == 409
    assert "P1 has its participant already" in response.get_data(as_text=True)


def test_the_facilitator_page_needs_the_test_days_key(app, client, day):
    kiosk = app.test_client()
    assert kiosk.get(day).status_code == 200
    assert kiosk.get(day[:-3] + "abc").status_code == 404
    assert (
        kiosk.get(
            "/s/vroegsignalering/facilitator/" + day.rsplit("/", 1)[1]
        ).status_code
        == 404
    )
    token = csrf_of(kiosk.get(day).get_data(as_text=True))
    assert kiosk.post(day, data={"csrf_token": token, "slot": "9"}).status_code == 400
    assert kiosk.post(day, data={"slot": "1"}).status_code == 400
    assert app_rows(
        app, "SELECT count(*) FROM testday_slots WHERE started_at IS NOT NULL"
    ) == [(0,)]
    # The page tells the slots apart, nothing about anyone in them.
    page = kiosk.get(day).get_data(as_text=True)
    assert "Start P1" in page and "Start P5" in page


@pytest.mark.parametrize(
    "slots, times, message",
    [
        ("0", {}, "from 1 to 12"),
        ("13", {}, "from 1 to 12"),
        ("vijf", {}, "from 1 to 12"),
        ("5", {"time-2": "25:00"}, "The time of P2 should look like 10:30"),
        ("5", {"time-1": "half tien"}, "The time of P1 should look like 10:30"),
    ],
)
def test_a_set_up_with_slips_is_shown_back(app, client, slots, times, message):
    log_in(app, client, "onderzoeker", "researcher")
    response = set_up(client, slots, **times)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert app_rows(app, "SELECT count(*) FROM testday_slots") == [(0,)]


def test_a_started_slot_cannot_be_set_up_away(app, client, day):
    start(app.test_client(), day, 4)
    response = set_up(client, "3")
    assert response.status_code == 422
    assert "P4 has started already" in response.get_data(as_text=True)
    assert len(app_rows(app, "SELECT slot FROM testday_slots")) == 5
    assert set_up(client, "4").status_code == 303
    assert len(app_rows(app, "SELECT slot FROM testday_slots")) == 4


def test_withdrawal_deletes_the_notes_and_frees_the_slot(app, client, day):
    kiosk = app.test_client()
    start(kiosk, day, 2)
    code = withdrawal_code(KioskBot(kiosk, "sprint-sms", seed=6).take())
    post_note(client, text="Over P2", slot="P2", kind="quote")
    post_note(client, text="Ook over P2", kind="negative")  # now: P2, finished
    post_note(client, text="Over niemand", slot="none")
    ((participant,),) = app_rows(app, "SELECT id FROM participants")
    assert {"testday_notes", "testday_slots", "answers"} <= set(
        tables_with_participant_rows(app, participant)
    )
    page = kiosk.get("/withdraw").get_data(as_text=True)
    kiosk.post("/withdraw", data={"csrf_token": csrf_of(page), "code": code})
    assert tables_with_participant_rows(app, participant) == {}
    assert app_rows(app, "SELECT text FROM testday_notes") == [("Over niemand",)]
    # The slot is free again, for someone else.
    assert start(app.test_client(), day, 2).status_code == 303
