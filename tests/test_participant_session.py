"""The participant's browser: its signed cookie, its form token, no Flask session."""

import pytest
from flask_wtf.csrf import CSRFError

from sprintlab.web.participant_session import (
    RefusedCookie,
    check_form_token,
    form_token,
    signed_cookie,
    token_from_cookie,
)
from tests.bot import Bot, forms
from tests.studio_support import log_in, studio_app

STUDY = "sprint-sms"
PAGE = f"/s/{STUDY}/m/0"


def test_a_kept_cookie_still_ages_and_follows_the_secret(app, monkeypatch):
    from sprintlab.web import participant_session

    with app.app_context():
        cookie = signed_cookie("participant-a")
        assert token_from_cookie(cookie) == "participant-a"
        assert token_from_cookie(cookie) == "participant-a"  # kept: age checked
        forged = cookie[:-2] + ("xx" if not cookie.endswith("xx") else "yy")
        for _ in range(2):  # a refused cookie is never kept
            with pytest.raises(RefusedCookie) as refused:
                token_from_cookie(forged)
            assert refused.value.code == 403
        later = participant_session.time.time() + participant_session.COOKIE_AGE + 5
        monkeypatch.setattr(participant_session.time, "time", lambda: later)
        with pytest.raises(RefusedCookie) as refused:
            token_from_cookie(cookie)
        assert refused.value.code == 410
        monkeypatch.undo()
        app.config["SECRET_KEY"] = "another secret"
        with pytest.raises(RefusedCookie) as refused:
            token_from_cookie(cookie)
        assert refused.value.code == 403


def test_form_token_is_fixed_per_participant_and_secret_bound(app):
    with app.app_context():
        first = form_token("participant-a")
        assert form_token("participant-a") == first
        assert form_token("participant-b") != first
        check_form_token("participant-a", first)
        for wrong in (None, "", form_token("participant-b"), first[:-1], "é" * 64):
            with pytest.raises(CSRFError):
                check_form_token("participant-a", wrong)
        app.config["SECRET_KEY"] = "another secret"
        assert form_token("participant-a") != first


def test_cookie_round_trip_and_refusals(app):
    with app.app_context():
        cookie = signed_cookie("participant-a")
        assert token_from_cookie(cookie) == "participant-a"
        with pytest.raises(RefusedCookie) as refused:
            token_from_cookie(cookie[:-2] + "xx")
        assert refused.value.code == 403


def test_pages_carry_the_participant_form_token(app, client):
    bot = Bot(client, STUDY, seed=3)
    assert bot.consent().status_code == 303
    token = forms(client.get(PAGE).get_data(as_text=True))[-1]["hidden"]["csrf_token"]
    (participant_token,) = _tokens(app)
    with app.app_context():
        assert token == form_token(participant_token)


def test_after_consent_a_participant_has_no_session_cookie(client):
    bot = Bot(client, STUDY, seed=4)
    assert client.get_cookie("session") is None
    bot.get(f"/s/{STUDY}/consent")
    assert client.get_cookie("session") is not None  # the consent form's token
    assert bot.consent().status_code == 303
    assert client.get_cookie("session") is None
    _, data = bot.answers_for(client.get(PAGE).get_data(as_text=True))
    assert client.post(PAGE, data=data).status_code == 303


def test_consenting_keeps_a_staff_session_in_the_same_browser(tmp_path):
    app = studio_app(tmp_path)
    client = app.test_client()
    log_in(client, "designer")
    assert Bot(client, STUDY, seed=5).consent().status_code == 303
    assert client.get_cookie("session") is not None
    assert client.get("/studio/").status_code == 200


def test_a_replayed_consent_resumes_without_a_session_token(app, client):
    bot = Bot(client, STUDY, seed=6)
    page = bot.get(f"/s/{STUDY}/consent").get_data(as_text=True)
    form = forms(page)[0]
    assert (
        client.post(
            form["action"], data=dict(form["hidden"], decision="yes")
        ).status_code
        == 303
    )
    # The session (and with it the consent form's token) is gone; this browser
    # takes part already, so the replay resumes and creates nobody.
    replay = client.post(form["action"], data=dict(form["hidden"], decision="yes"))
    assert replay.status_code == 303 and replay.headers["Location"].endswith("/m/0")
    assert len(_tokens(app)) == 1


def test_a_consent_without_its_session_token_is_refused(app, client):
    page = client.get(f"/s/{STUDY}/consent").get_data(as_text=True)
    form = forms(page)[0]
    data = dict(form["hidden"], decision="yes", csrf_token="forged")
    assert client.post(form["action"], data=data).status_code == 400
    assert _tokens(app) == []


def _tokens(app):
    from sprintlab import db as store

    db = store.connect(app.config["DATABASE"])
    try:
        return [row[0] for row in db.execute("SELECT token FROM participants")]
    finally:
        db.close()


def test_a_page_kept_for_everyone_carries_each_participants_own_token(app):
    pages = []
    for seed in (31, 32):
        client = app.test_client()
        bot = Bot(client, "vroegsignalering", seed=seed)
        location = bot.consent().headers["Location"]
        page = client.get(location).get_data(as_text=True)
        answered = client.post(location, data=bot.answers_for(page, dont_know=0)[1])
        location = answered.headers["Location"]
        assert location.endswith("/about-you")
        html = client.get(location).get_data(as_text=True)
        token = forms(html)[-1]["hidden"]["csrf_token"]
        _, data = bot.answers_for(html, dont_know=0)
        pages.append((html, token, client.post(location, data=data).status_code))
    (first, first_token, stored), (second, second_token, _) = pages
    assert stored == 303  # the token in the kept page is the participant's own
    assert first_token != second_token
    assert first_token not in second and second_token not in first
    assert "form-token-" not in first + second
    assert first.replace(first_token, "") == second.replace(second_token, "")
