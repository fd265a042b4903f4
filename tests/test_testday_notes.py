"""Notes through the observe page: defaults, slips, bad input, scrubbing, live."""

import json

import pytest

from tests.bot import Bot
from tests.testday_support import app_rows, log_in, note_form, post_note

NOTE_COLUMNS = "slot, participant_id, variant_id, kind, tags, text, observer_role"


def notes(app):
    return app_rows(app, f"SELECT {NOTE_COLUMNS} FROM testday_notes ORDER BY id")


def assigned(app, participant_id, position):
    return app_rows(
        app,
        "SELECT variant_id FROM assignments WHERE participant_id = ? AND position = ?",
        [participant_id, position],
    )[0][0]


def test_a_bare_note_goes_to_the_latest_participant_when_no_slot_runs(app, client):
    for seed in (1, 2):  # two people, each on their own device
        Bot(app.test_client(), "sprint-sms", seed=seed).take()
    log_in(app, client, "onderzoeker", "researcher")
    page = client.get("/research/sprint-sms/observe").get_data(as_text=True)
    form = note_form(page)
    # Only the text area filled in; every other field as the form has it.
    response = client.post(
        form["action"],
        data=dict(form["hidden"], text="Ze lacht om het woord geldcoach."),
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/research/sprint-sms/observe"
    # Both finished: no variant on screen, so a general note, and no slot.
    assert notes(app) == [
        (None, 2, None, "observation", "[]", "Ze lacht om het woord geldcoach.",
         "researcher")
    ]  # fmt: skip
    shown = client.get("/research/sprint-sms/observe").get_data(as_text=True)
    assert "Note added: no slot, general." in shown
    assert "Ze lacht om het woord geldcoach." in shown


def test_a_note_left_at_its_defaults_is_about_the_variant_on_screen(app, client):
    Bot(client, "sprint-sms", seed=4).take(stop_after=1)  # on the second message
    log_in(app, client, "lotte", "observer")
    assert (
        post_note(client, text="Twijfelt bij de tweede.", kind="negative").status_code
        == 303
    )
    ((slot, participant, variant, kind, *_),) = notes(app)
    assert (slot, participant, kind) == (None, 1, "negative")
    assert variant == assigned(app, 1, 1)


def test_a_note_names_its_slot_and_variant_when_the_observer_chooses(app, client):
    log_in(app, client, "onderzoeker", "researcher")
    response = post_note(
        client,
        text="Over de coach",
        slot="P4",
        variant="coach",
        kind="idea",
        tags="toon",
    )
    assert response.status_code == 303
    assert notes(app) == [
        (4, None, "coach", "idea", '["toon"]', "Over de coach", "researcher")
    ]
    post_note(client, text="Algemeen", slot="none", variant="none")
    assert notes(app)[1][:3] == (None, None, None)


def test_the_same_form_sent_twice_stores_one_note(app, client):
    log_in(app, client, "lotte", "observer")
    form = note_form(client.get("/research/sprint-sms/observe").get_data(as_text=True))
    data = dict(form["hidden"], text="Eén keer", kind="positive")
    assert client.post(form["action"], data=data).status_code == 303
    assert client.post(form["action"], data=data).status_code == 303
    assert len(notes(app)) == 1
    assert "That note was added already." in client.get(form["action"]).get_data(
        as_text=True
    )


@pytest.mark.parametrize("text", ["", "   \n  ", "\u202e"])
def test_an_empty_note_is_shown_back_and_stores_nothing(app, client, text):
    log_in(app, client, "lotte", "observer")
    response = post_note(client, text=text, tags="bewaard")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write the note first." in page and 'value="bewaard"' in page
    assert notes(app) == []


def test_a_long_note_or_too_many_tags_are_slips(app, client):
    log_in(app, client, "lotte", "observer")
    assert post_note(client, text="x" * 2001).status_code == 422
    tags = ", ".join(f"tag{n}" for n in range(9))
    response = post_note(client, text="Te veel tags", tags=tags)
    assert response.status_code == 422
    assert "at most 8 tags" in response.get_data(as_text=True)
    assert notes(app) == []


@pytest.mark.parametrize(
    "fields",
    [{"kind": "geweldig"}, {"slot": "P9"}, {"slot": "drie"}, {"variant": "onbekend"}],
)
def test_values_no_form_offers_get_a_clear_400(app, client, fields):
    log_in(app, client, "lotte", "observer")
    response = post_note(client, text="Iets", **fields)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    assert notes(app) == []


def test_notes_are_scrubbed_like_free_text(app, client):
    log_in(app, client, "lotte", "observer")
    text = "Bel 06-12345678 of mail jan [at] example [dot] nl, BSN 111222333\u202e."
    post_note(
        client, text=text, tags="#Vertrouwen, Jargon  taal, 0612345678, vertrouwen"
    )
    ((*_, tags, stored, _),) = notes(app)
    assert stored == "Bel [TELEFOON] of mail [E-MAIL], BSN [BSN]."
    assert json.loads(tags) == ["vertrouwen", "jargon-taal", "[telefoon]"]


def test_a_note_appears_in_the_live_json_for_the_other_observers(app, client):
    log_in(app, client, "lotte", "observer")
    first = client.get("/research/sprint-sms/observe.json").get_json()
    assert first["changed"] and first["count"] == 0
    unchanged = client.get(
        f"/research/sprint-sms/observe.json?since={first['version']}"
    )
    assert unchanged.get_json() == {"version": first["version"], "changed": False}
    post_note(client, text="Knikt bij de eerste zin.", kind="positive")
    later = client.get(f"/research/sprint-sms/observe.json?since={first['version']}")
    reply = later.get_json()
    assert reply["changed"] and reply["count"] == 1
    assert "Knikt bij de eerste zin." in reply["html"]["notes"]
    assert set(reply["text"]) == {"slot-current", "variant-current"}


def test_a_note_with_markup_is_shown_as_text(app, client):
    log_in(app, client, "lotte", "observer")
    post_note(client, text='<img src=x onerror="alert(1)">')
    page = client.get("/research/sprint-sms/observe").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x" in page
