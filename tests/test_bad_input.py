"""Bad input gets a clear 4xx page and changes nothing in the database."""

import sqlite3
import time
from functools import partial
from urllib.parse import quote_from_bytes

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from sprintlab.fieldwork.scrub import scrub_identifiers
from sprintlab.web.participant import COOKIE_AGE
from tests.bot import Bot, forms

STUDY = "sprint-sms"
PAGE = f"/s/{STUDY}/m/0"
COOKIE = f"sl-{STUDY}"
COOKIE_PATH = f"/s/{STUDY}"
FRIENDLY = "Dat lukte niet"
SLIP = "Er ontbreekt nog iets"
URLENCODED = "application/x-www-form-urlencoded"


def snapshot(app):
    """Every row of every table, so a test can show that nothing changed."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }
    finally:
        conn.close()


def refused(app, send, status, marker=FRIENDLY):
    """SEND a request; check its status, its friendly page and an unchanged db."""
    before = snapshot(app)
    response = send()
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:300]
    assert marker in html
    assert response.headers["Cache-Control"] == "no-store"
    assert snapshot(app) == before
    return response


def encode(data):
    """A urlencoded body from (name, value) pairs of bytes, kept as sent."""
    return b"&".join(
        quote_from_bytes(name).encode() + b"=" + quote_from_bytes(value).encode()
        for name, value in data
    )


@pytest.fixture
def answers(client):
    """A consenting participant on their first message page, and a valid form."""
    bot = Bot(client, STUDY, seed=11)
    assert bot.consent().status_code == 303
    page = client.get(PAGE)
    assert page.status_code == 200
    _, data = bot.answers_for(page.get_data(as_text=True), dont_know=0)
    return data


def cookie_value(client):
    """This browser's signed participant cookie."""
    return client.get_cookie(COOKIE, path=COOKIE_PATH).value


def set_participant_cookie(client, value):
    """Replace this browser's participant cookie with VALUE."""
    client.set_cookie(COOKIE, value, path=COOKIE_PATH)


@pytest.mark.parametrize("value", ["8", "0", "abc", "", "-1", "7.0", "1e0", " 7"])
def test_value_outside_the_scale_is_refused(app, client, answers, value):
    data = dict(answers, **{"q-understand": value})
    refused(app, lambda: client.post(PAGE, data=data), 400)


def test_unknown_option_of_a_choice_is_refused(app, client, answers):
    data = dict(answers, **{"q-channel": "postduif"})
    refused(app, lambda: client.post(PAGE, data=data), 400)


def test_unknown_question_field_is_refused(app, client, answers):
    data = dict(answers, **{"q-salary": "7"})
    refused(app, lambda: client.post(PAGE, data=data), 400)


def test_duplicated_field_is_refused(app, client, answers):
    pairs = [(k, v) for k, v in answers.items()] + [("q-understand", "1")]
    body = encode([(k.encode(), v.encode()) for k, v in pairs])
    refused(app, partial(client.post, PAGE, data=body, content_type=URLENCODED), 400)


def test_missing_required_answer_is_shown_back(app, client, answers):
    data = {k: v for k, v in answers.items() if k != "q-helps"}
    response = refused(app, lambda: client.post(PAGE, data=data), 422, SLIP)
    assert 'id="q-helps-error"' in response.get_data(as_text=True)


def test_empty_form_is_shown_back(app, client, answers):
    data = {"csrf_token": answers["csrf_token"]}
    refused(app, lambda: client.post(PAGE, data=data), 422, SLIP)


def test_too_long_free_text_is_shown_back(app, client, answers):
    data = dict(answers, **{"q-change": "x" * 2001})
    refused(app, lambda: client.post(PAGE, data=data), 422, SLIP)


@pytest.mark.parametrize("position", ["3", "99", "abc", "-1"])
def test_unknown_message_position_is_refused(app, client, answers, position):
    url = f"/s/{STUDY}/m/{position}"
    refused(app, lambda: client.post(url, data=answers), 404)
    refused(app, lambda: client.get(url), 404)


def test_unknown_position_in_a_between_study_is_refused(app, client):
    bot = Bot(client, "vroegsignalering", seed=12)
    assert bot.consent().status_code == 303
    page = client.get("/s/vroegsignalering/m/0").get_data(as_text=True)
    data = {"csrf_token": forms(page)[-1]["hidden"]["csrf_token"], "q-understand": "4"}
    refused(app, lambda: client.post("/s/vroegsignalering/m/1", data=data), 404)


@pytest.mark.parametrize(
    "url", ["/s/nope", "/s/nope/consent", "/s/nope/next", "/s/nope/m/0"]
)
def test_unknown_study_is_refused(app, client, answers, url):
    refused(app, lambda: client.get(url), 404)


@pytest.mark.parametrize("url", ["/s/nope/consent", "/s/nope/m/0", "/s/nope/stop"])
def test_posting_to_an_unknown_study_is_refused(app, client, answers, url):
    data = dict(answers, decision="yes", consent_version="2026-11-28")
    refused(app, lambda: client.post(url, data=data), 404)


def test_post_without_csrf_token_is_refused(app, client, answers):
    data = {k: v for k, v in answers.items() if k != "csrf_token"}
    refused(app, lambda: client.post(PAGE, data=data), 400)


def test_forged_csrf_token_is_refused(app, client, answers):
    token = answers["csrf_token"]
    data = dict(answers, csrf_token=token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    refused(app, lambda: client.post(PAGE, data=data), 400)


def test_body_over_the_limit_is_refused(app, client, answers):
    assert app.config["MAX_CONTENT_LENGTH"] < 1024 * 1024
    body = encode(
        [(b"csrf_token", answers["csrf_token"].encode()), (b"q-change", b"a" * 2**20)]
    )
    refused(app, partial(client.post, PAGE, data=body, content_type=URLENCODED), 413)


@pytest.mark.parametrize(
    "pair",
    [
        (b"q-change", b"caf\xe9 \xff\xfe"),
        (b"q-understand", b"\xc3"),
        (b"q-\xffunderstand", b"4"),
    ],
)
def test_invalid_utf8_is_refused(app, client, answers, pair):
    pairs = [(k.encode(), v.encode()) for k, v in answers.items() if k != pair[0]]
    body = encode([*pairs, pair])
    refused(app, partial(client.post, PAGE, data=body, content_type=URLENCODED), 400)


def test_tampered_participant_cookie_is_refused(app, client, answers):
    value = cookie_value(client)
    set_participant_cookie(
        client, value[:-3] + ("abc" if value[-3:] != "abc" else "xyz")
    )
    refused(app, lambda: client.post(PAGE, data=answers), 403)
    refused(app, lambda: client.get(PAGE), 403)


def test_cookie_signed_with_another_key_is_refused(app, client, answers):
    (token,) = snapshot(app)["participants"][0][1:2]
    forged = URLSafeTimedSerializer("not-the-key", salt="participant").dumps(token)
    set_participant_cookie(client, forged)
    refused(app, lambda: client.post(PAGE, data=answers), 403)


def test_cookie_for_an_unknown_participant_is_refused(app, client, answers):
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="participant")
    set_participant_cookie(client, serializer.dumps("no-such-token"))
    refused(app, lambda: client.post(PAGE, data=answers), 403)


def test_cookie_of_another_study_is_refused(app, client, answers):
    other = "/s/vroegsignalering"
    client.set_cookie("sl-vroegsignalering", cookie_value(client), path=other)
    refused(app, lambda: client.get(f"{other}/next"), 403)
    refused(app, lambda: client.post(f"{other}/m/0", data=answers), 403)


def test_missing_participant_cookie_is_refused(app, client, answers):
    client.delete_cookie(COOKIE, path=COOKIE_PATH)
    refused(app, lambda: client.post(PAGE, data=answers), 403)


def test_expired_participant_cookie_is_refused(app, client, answers, monkeypatch):
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="participant")
    token = serializer.loads(cookie_value(client))
    long_ago = int(time.time()) - COOKIE_AGE - 60
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: long_ago)
        expired = serializer.dumps(token)
    set_participant_cookie(client, expired)
    refused(app, lambda: client.post(PAGE, data=answers), 410)
    refused(app, lambda: client.get(PAGE), 410)


def test_form_replayed_in_another_session_is_refused(app, client, answers):
    stranger = app.test_client()
    Bot(stranger, STUDY, seed=13).consent()
    assert stranger.get(PAGE).status_code == 200
    refused(app, lambda: stranger.post(PAGE, data=answers), 400)


def test_form_replayed_after_withdrawal_is_refused(app, client, answers):
    assert client.post(PAGE, data=answers).status_code == 303
    value = cookie_value(client)
    stop = forms(client.get(f"/s/{STUDY}/stop").get_data(as_text=True))[0]
    response = client.post(
        f"/s/{STUDY}/stop", data=dict(stop["hidden"], choice="delete")
    )
    assert response.status_code == 200
    set_participant_cookie(client, value)  # a copy of the cookie, kept by someone
    refused(app, lambda: client.post(PAGE, data=answers), 410)
    refused(app, lambda: client.post(f"/s/{STUDY}/m/1", data=answers), 410)


def test_form_replayed_in_the_same_session_changes_nothing(app, client, answers):
    assert client.post(PAGE, data=answers).status_code == 303
    before = snapshot(app)
    changed = dict(answers, **{"q-understand": "1", "q-change": "Toch anders."})
    response = client.post(PAGE, data=changed)
    assert response.status_code == 409
    assert "al bewaard" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_replayed_consent_starts_no_second_participant(app, client, answers):
    page = client.get(f"/s/{STUDY}/consent").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], decision="yes")
    before = snapshot(app)
    response = client.post(f"/s/{STUDY}/consent", data=data)
    # It resumes at the first page not yet answered, straight away.
    assert response.headers["Location"].endswith(f"/s/{STUDY}/m/0")
    assert snapshot(app) == before


@pytest.mark.parametrize(
    "change",
    [{"decision": None}, {"decision": "maybe"}, {"consent_version": "2020-01-01"}],
)
def test_bad_consent_is_refused(app, client, change):
    page = client.get(f"/s/{STUDY}/consent").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], decision="yes")
    data = {k: v for k, v in {**data, **change}.items() if v is not None}
    refused(app, lambda: client.post(f"/s/{STUDY}/consent", data=data), 400)


def test_wrong_method_is_refused(app, client, answers):
    refused(app, lambda: client.put(PAGE, data=answers), 405)


def test_bad_segment_answer_is_refused(app, client, answers):
    bot = Bot(client, STUDY, seed=14)
    for _ in range(5):
        location = client.get(f"/s/{STUDY}/next").headers["Location"]
        if "/m/" not in location:
            break
        _, data = bot.answers_for(client.get(location).get_data(as_text=True))
        assert client.post(location, data=data).status_code == 303
    assert location.endswith("/about-you")
    page = client.get(location).get_data(as_text=True)
    _, data = bot.answers_for(page)
    bad = dict(data, **{"q-levensgebeurtenis": "misschien"})
    refused(app, lambda: client.post(location, data=bad), 400)


HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> "
    "'); DROP TABLE answers; -- \" OR 1=1; mail me op jan@example.nl"
)


def test_script_and_sql_in_free_text_are_stored_inert(app, client, answers):
    before = snapshot(app)
    data = dict(answers, **{"q-change": HOSTILE})
    assert client.post(PAGE, data=data).status_code == 303
    after = snapshot(app)
    expected = scrub_identifiers(HOSTILE.strip()).text
    assert "jan@example.nl" not in expected and "DROP TABLE answers" in expected
    texts = [row[6] for row in after["answers"] if row[4] == "change"]
    assert texts == [expected]
    new = [row for row in after["answers"] if row not in before["answers"]]
    assert len(new) == len(after["answers"]) == len(answers) - 1  # all but csrf
    unchanged = {"answers", "assignments", "participants"}
    assert {k: v for k, v in after.items() if k not in unchanged} == {
        k: v for k, v in before.items() if k not in unchanged
    }
    # The page is claimed, with its exposure (how it was shown, for how long).
    exposure = {"answered_at", "opening", "layout", "seconds_on_message"}
    assert_only_columns_changed(app, before, after, "assignments", exposure)
    assert_only_columns_changed(app, before, after, "participants", {"last_seen_at"})


def assert_only_columns_changed(app, before, after, table, allowed):
    """Rows of TABLE are the same rows, changed only in ALLOWED columns."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()
    assert len(before[table]) == len(after[table])
    for old, new in zip(before[table], after[table], strict=True):
        changed = {c for c, a, b in zip(columns, old, new, strict=True) if a != b}
        assert changed <= allowed, (table, changed)


def test_script_in_free_text_is_shown_back_escaped(app, client, answers):
    data = {k: v for k, v in answers.items() if k != "q-understand"}
    data["q-change"] = HOSTILE
    response = refused(app, lambda: client.post(PAGE, data=data), 422, SLIP)
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
