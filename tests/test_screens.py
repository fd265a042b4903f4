"""One question per screen: drafts kept across screens, each message stored once."""

import re

import pytest

from tests.bot import Bot, forms
from tests.evidence import app_rows as rows

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"}


@pytest.fixture
def phone(app):
    """A test client that says it is a phone, as a phone's browser does."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = PHONE["User-Agent"]
    return client


def screen_answer(client, url, value=None):
    """Answer the one question on the screen at URL; return the response."""
    html = client.get(url).get_data(as_text=True)
    form = forms(html)[-1]
    data = dict(form["hidden"])
    for name, values in form["radios"].items():
        data[name] = value or values[0]
    for name in form["texts"]:
        data[name] = "Korter graag."
    return client.post(url, data=data)


def walk_message(client, study_id, position, screens, value=None):
    url = f"/s/{study_id}/m/{position}/q/1"
    for number in range(1, screens + 1):
        assert url.endswith(f"/q/{number}")
        response = screen_answer(client, url, value)
        assert response.status_code == 303, (url, response.status_code)
        url = response.headers["Location"]
    return url


def test_auto_gives_a_phone_one_question_per_screen(app, phone, client):
    Bot(phone, "sprint-sms").consent()
    html = phone.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert 'class="questions' not in html  # no grouped form at all
    assert 'href="/s/sprint-sms/m/0/q/1"' in html
    hinted = app.test_client()
    Bot(hinted, "sprint-sms").consent()
    hinted.environ_base["HTTP_SEC_CH_UA_MOBILE"] = "?1"
    assert 'class="questions' not in hinted.get("/s/sprint-sms/m/0").get_data(
        as_text=True
    )
    # Another browser gets both; its screen width picks one (CSS, no script).
    Bot(client, "sprint-sms").consent()
    desktop = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert 'class="questions wide-only"' in desktop
    assert 'class="to-screens narrow-only"' in desktop


def test_each_screen_holds_one_question_and_the_message_is_stored_once(app, phone):
    study_screens = 8  # sprint-sms asks eight questions about each message
    Bot(phone, "sprint-sms", seed=2).consent()
    page = phone.get("/s/sprint-sms/m/0/q/1").get_data(as_text=True)
    assert len(re.findall(r'<fieldset id="q-', page)) == 1
    assert "Stap 1 van 4 · Vraag 1 van 8" in page
    after = walk_message(phone, "sprint-sms", 0, study_screens)
    assert after == "/s/sprint-sms/m/1"
    answers = rows(app, "SELECT question_id FROM answers WHERE position = 0")
    assert len(answers) == study_screens  # every question, each once
    assert rows(app, "SELECT count(*) FROM draft_answers")[0][0] == 0
    assert rows(app, "SELECT layout FROM assignments WHERE position = 0") == [
        ("one-per-screen",)
    ]
    assert rows(app, "SELECT count(*) FROM answers WHERE position = 1")[0][0] == 0


def test_a_repeated_screen_replaces_its_draft_and_never_counts_twice(app, phone):
    Bot(phone, "sprint-sms", seed=3).consent()
    first = screen_answer(phone, "/s/sprint-sms/m/0/q/1", "2")
    again = screen_answer(phone, "/s/sprint-sms/m/0/q/1", "6")  # back, changed
    assert first.status_code == again.status_code == 303
    assert rows(app, "SELECT question_id, value FROM draft_answers") == [
        ("understand", 6.0)
    ]
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0
    back = phone.get("/s/sprint-sms/m/0/q/1").get_data(as_text=True)
    assert re.search(r'value="6" checked', back)  # the back button shows it
    walk_message(phone, "sprint-sms", 0, 8)
    stored = rows(app, "SELECT * FROM answers ORDER BY id")
    replay = screen_answer(phone, "/s/sprint-sms/m/0/q/8")
    assert replay.status_code == 409
    replay = screen_answer(phone, "/s/sprint-sms/m/0/q/2")
    assert replay.status_code == 409
    assert rows(app, "SELECT * FROM answers ORDER BY id") == stored
    assert rows(app, "SELECT count(*) FROM draft_answers")[0][0] == 0


def test_the_last_screen_never_stores_half_a_message(app, phone):
    Bot(phone, "sprint-sms", seed=4).consent()
    screen_answer(phone, "/s/sprint-sms/m/0/q/1")
    response = screen_answer(phone, "/s/sprint-sms/m/0/q/8")  # skipped 2 to 7
    assert response.status_code == 303
    assert response.headers["Location"] == "/s/sprint-sms/m/0/q/2?missing=1"
    page = phone.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kies een antwoord bij deze vraag" in page
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0
    kept = {row[0] for row in rows(app, "SELECT question_id FROM draft_answers")}
    assert kept == {"understand", "change"}


def test_a_slip_on_a_screen_is_shown_back_and_nothing_kept(app, phone):
    Bot(phone, "sprint-sms", seed=5).consent()
    html = phone.get("/s/sprint-sms/m/0/q/1").get_data(as_text=True)
    response = phone.post("/s/sprint-sms/m/0/q/1", data=forms(html)[-1]["hidden"])
    assert response.status_code == 422
    assert "Kies een antwoord" in response.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM draft_answers")[0][0] == 0
    other = dict(forms(html)[-1]["hidden"], **{"q-helps": "3"})
    assert phone.post("/s/sprint-sms/m/0/q/1", data=other).status_code == 400


def test_progress_is_kept_and_the_message_page_leads_to_the_next_screen(app, phone):
    Bot(phone, "sprint-sms", seed=6).consent()
    for number in (1, 2, 3):
        screen_answer(phone, f"/s/sprint-sms/m/0/q/{number}")
    resumed = phone.get("/s/sprint-sms/next")
    assert resumed.headers["Location"] == "/s/sprint-sms/m/0"
    html = phone.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert 'href="/s/sprint-sms/m/0/q/4"' in html


def test_stopping_or_withdrawing_forgets_the_drafts(app, phone):
    bot = Bot(phone, "sprint-sms", seed=7)
    bot.consent()
    screen_answer(phone, "/s/sprint-sms/m/0/q/1")
    stop = forms(phone.get("/s/sprint-sms/stop").get_data(as_text=True))[-1]
    phone.post("/s/sprint-sms/stop", data=dict(stop["hidden"], choice="keep"))
    assert rows(app, "SELECT count(*) FROM draft_answers")[0][0] == 0
    other = app.test_client()
    other.environ_base["HTTP_USER_AGENT"] = PHONE["User-Agent"]
    Bot(other, "sprint-sms", seed=8).consent()
    screen_answer(other, "/s/sprint-sms/m/0/q/1")
    stop = forms(other.get("/s/sprint-sms/stop").get_data(as_text=True))[-1]
    other.post("/s/sprint-sms/stop", data=dict(stop["hidden"], choice="delete"))
    (withdrawn,) = rows(
        app, "SELECT id FROM participants WHERE withdrawn_at IS NOT NULL"
    )
    for table in ("draft_answers", "assignment_translations", "answers"):
        sql = f"SELECT count(*) FROM {table} WHERE participant_id = ?"  # noqa: S608
        assert rows(app, sql, withdrawn)[0][0] == 0, table


def test_switching_language_keeps_the_page_the_answers_and_the_drafts(app, phone):
    bot = Bot(phone, "sprint-sms", seed=9)
    bot.consent()
    walk_message(phone, "sprint-sms", 0, 8)
    hashes = dict(rows(app, "SELECT position, template_hash FROM assignments"))
    screen_answer(phone, "/s/sprint-sms/m/1/q/1", "5")
    page = phone.get("/s/sprint-sms/m/1/q/2").get_data(as_text=True)
    switch = next(f for f in forms(page) if (f["action"] or "").endswith("/language"))
    assert switch["hidden"]["back"] == "/s/sprint-sms/m/1/q/2"
    response = phone.post(switch["action"], data=dict(switch["hidden"], lang="en"))
    assert response.status_code == 303
    assert response.headers["Location"] == "/s/sprint-sms/m/1/q/2"
    english = phone.get("/s/sprint-sms/m/1/q/2").get_data(as_text=True)
    assert '<html lang="en">' in english and "Question 2 of 8" in english
    back = phone.get("/s/sprint-sms/m/1/q/1").get_data(as_text=True)
    assert re.search(r'value="5" checked', back)  # the draft stayed
    # Answers given stay as they were; messages to come follow the language.
    translations = dict(
        rows(
            app,
            "SELECT position, template_hash FROM assignment_translations"
            " WHERE language = 'en'",
        )
    )
    now = dict(rows(app, "SELECT position, template_hash FROM assignments"))
    assert now[0] == hashes[0]
    assert now[1] == translations[1] != hashes[1]
    assert now[2] == translations[2]
    message = phone.get("/s/sprint-sms/m/1").get_data(as_text=True)
    assert 'class="mockup sms" lang="en"' in message
    assert rows(app, "SELECT language FROM participants") == [("en",)]


def test_the_language_switch_only_goes_back_to_the_study(app, phone):
    Bot(phone, "sprint-sms", seed=10).consent()
    page = phone.get("/s/sprint-sms/m/0").get_data(as_text=True)
    switch = next(f for f in forms(page) if (f["action"] or "").endswith("/language"))
    for elsewhere in (
        "https://example.org/",
        "//example.org/s/sprint-sms/",
        "/login",
        "/s/sprint-sms//example.org",
        "/s/sprint-sms/m/0\r\nSet-Cookie: x=1",
        "/s/other-study/m/0",
    ):
        response = phone.post(
            switch["action"], data=dict(switch["hidden"], back=elsewhere, lang="nl")
        )
        assert response.headers["Location"] == "/s/sprint-sms/next"
    bad = dict(switch["hidden"], lang="fr")
    assert phone.post(switch["action"], data=bad).status_code == 400
    forged = dict(switch["hidden"], csrf_token="x", lang="en")
    assert phone.post(switch["action"], data=forged).status_code == 400
    assert rows(app, "SELECT language FROM participants") == [("nl",)]
