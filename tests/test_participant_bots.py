"""A bot per shipped study walks the real pages and checks what was stored."""

import re

import pytest

from tests.bot import Bot, forms, withdrawal_code
from tests.evidence import app_rows as rows


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_bot_takes_each_shipped_study(app, client, content, study_id):
    study = content.study(study_id)
    html = Bot(client, study_id, seed=1).take()
    assert "Bedankt voor het meedoen" in html
    code = withdrawal_code(html)
    assert code
    (participant,) = rows(
        app,
        "SELECT id, study_hash, completed_at, flags, withdrawal_code FROM participants",
    )
    assert participant[1] == study.hash and participant[2] and participant[4] == code
    assigned = rows(
        app, "SELECT variant_id, template_hash, answered_at FROM assignments"
    )
    expected_pages = 1 if study.design == "between" else len(study.variants)
    assert len(assigned) == expected_pages and all(a[2] for a in assigned)
    answers = rows(
        app, "SELECT variant_id, question_id, template_hash, position FROM answers"
    )
    answered_questions = {q.id for q in study.questions}
    # A data_use question's rows are stored as <question>:<source>.
    assert {a[1].partition(":")[0] for a in answers} <= answered_questions
    assert len(answers) >= expected_pages * len(study.rated_questions) - 3
    hashes = {a[0]: a[1] for a in assigned}
    assert all(hashes[a[0]] == a[2] for a in answers)
    if study.design == "within":
        assert sorted(a[0] for a in assigned) == sorted(v.id for v in study.variants)
    segments = rows(app, "SELECT question_id FROM segment_answers")
    assert {s[0] for s in segments} <= {q.id for q in study.segments}


def test_english_participant_sees_english_pages_and_message(client):
    html = Bot(client, "sprint-sms", language="en", seed=2).take()
    assert 'lang="en"' in html and "Thank you for taking part" in html


def test_declining_consent_stores_nothing(app, client):
    response = Bot(client, "vroegsignalering").consent(decision="no")
    assert response.status_code == 303  # to a page of its own, in either language
    page = client.get(response.headers["Location"])
    assert "niets van u bewaard" in page.get_data(as_text=True)
    english = client.get(response.headers["Location"].replace("lang=nl", "lang=en"))
    assert "not kept anything" in english.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM participants")[0][0] == 0


def test_landing_and_consent_pages_create_no_participant(app, client):
    for url in (
        "/s/vroegsignalering",
        "/s/vroegsignalering/consent",
        "/s/vroegsignalering?lang=en",
    ):
        assert client.get(url).status_code == 200
        assert client.head(url).status_code == 200
    assert rows(app, "SELECT count(*) FROM participants")[0][0] == 0


def test_each_answer_leads_straight_to_the_next_page(client):
    bot = Bot(client, "sprint-sms", seed=12)
    response = bot.consent()
    visited = []
    while response.status_code == 303:
        location = response.headers["Location"]
        visited.append(location)
        page = client.get(location)
        assert page.status_code == 200  # a page, not another hop
        if location.endswith("/thanks"):
            break
        _, data = bot.answers_for(page.get_data(as_text=True))
        response = client.post(location, data=data)
    assert visited == [
        *(f"/s/sprint-sms/m/{position}" for position in range(3)),
        "/s/sprint-sms/about-you",
        "/s/sprint-sms/thanks",
    ]


def test_participant_resumes_where_they_left(client):
    bot = Bot(client, "sprint-sms", seed=3)
    bot.take(stop_after=1)
    response = client.get("/s/sprint-sms/next")
    assert response.headers["Location"].endswith("/s/sprint-sms/m/1")


def test_back_button_and_replayed_submit_never_double(app, client):
    bot = Bot(client, "sprint-sms", seed=4)
    bot.consent()
    page = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    form, data = bot.answers_for(page, dont_know=0)
    assert client.post("/s/sprint-sms/m/0", data=data).status_code == 303
    before = rows(app, "SELECT * FROM answers ORDER BY id")
    changed = dict(data, **{k: "1" for k in data if k.startswith("q-understand")})
    replay = client.post("/s/sprint-sms/m/0", data=changed)
    assert replay.status_code == 409
    assert "al bewaard" in replay.get_data(as_text=True)
    assert 'href="/s/sprint-sms/next"' in replay.get_data(as_text=True)
    assert rows(app, "SELECT * FROM answers ORDER BY id") == before
    back = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert "al bewaard" in back


def test_missing_required_answer_is_shown_back_and_nothing_stored(app, client):
    bot = Bot(client, "vroegsignalering", seed=5)
    bot.consent()
    location = client.get("/s/vroegsignalering/next").headers["Location"]
    page = client.get(location).get_data(as_text=True)
    form, data = bot.answers_for(page, dont_know=0)
    del data["q-understand"]
    response = client.post(location, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert (
        "Er ontbreekt nog iets" in html
        and "aria-invalid" not in html.split("q-understand")[0][-5:]
    )
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0
    chosen = [v for k, v in data.items() if k.startswith("q-") and k != "q-change"]
    assert all(f'value="{v}" checked' in html for v in chosen[:1])


def test_withdrawal_deletes_answers(app, client):
    html = Bot(client, "sprint-sms", seed=6).take()
    code = withdrawal_code(html)
    assert rows(app, "SELECT count(*) FROM answers")[0][0] > 0
    page = client.get("/withdraw").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], code=code.lower().replace("-", " "))
    response = client.post("/withdraw", data=data)
    assert response.status_code == 200 and "gewist" in response.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0
    assert rows(app, "SELECT count(*) FROM segment_answers")[0][0] == 0
    assert rows(app, "SELECT withdrawn_at IS NOT NULL FROM participants")[0][0] == 1
    assert client.get("/s/sprint-sms/next").status_code == 410


def tables_with_participant_rows(app, participant_id):
    """{table: rows} for every table with a participant_id column that has rows."""
    tables = [
        name
        for (name,) in rows(app, "SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    found = {}
    for table in tables:
        columns = [c[1] for c in rows(app, f"PRAGMA table_info({table})")]
        if "participant_id" in columns:
            count = rows(
                app,
                f"SELECT count(*) FROM {table} WHERE participant_id = ?",
                [participant_id],
            )[0][0]
            if count:
                found[table] = count
    return found


def test_withdrawal_leaves_no_row_that_refers_to_the_participant(app, client):
    bot = Bot(client, "sprint-sms", seed=16)
    bot.take(stop_after=2)
    page = client.get("/s/sprint-sms/stop").get_data(as_text=True)
    client.post(
        "/s/sprint-sms/stop", data=dict(forms(page)[0]["hidden"], choice="keep")
    )
    ((participant_id, code),) = rows(
        app, "SELECT id, withdrawal_code FROM participants"
    )
    assert {"answers", "assignments", "events"} <= set(
        tables_with_participant_rows(app, participant_id)
    )
    page = client.get("/withdraw").get_data(as_text=True)
    client.post("/withdraw", data=dict(forms(page)[0]["hidden"], code=code))
    assert tables_with_participant_rows(app, participant_id) == {}
    # What stays is a tombstone: the participant row says they withdrew.
    assert rows(app, "SELECT withdrawn_at IS NOT NULL FROM participants") == [(1,)]


def test_withdrawal_without_its_form_token_is_refused_and_changes_nothing(app, client):
    code = withdrawal_code(Bot(client, "sprint-sms", seed=17).take())
    before = rows(app, "SELECT count(*) FROM answers")
    client.get("/withdraw")
    response = client.post("/withdraw", data={"code": code})
    assert response.status_code == 400
    assert rows(app, "SELECT count(*) FROM answers") == before != [(0,)]
    assert rows(app, "SELECT withdrawn_at FROM participants") == [(None,)]


def test_unknown_withdrawal_code_changes_nothing(app, client):
    Bot(client, "sprint-sms", seed=7).take()
    before = rows(app, "SELECT count(*) FROM answers")
    page = client.get("/withdraw").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], code="AAAA-AAAA-AAAA-AAAA")
    response = client.post("/withdraw", data=data)
    assert response.status_code == 200 and "kennen deze code niet" in response.text
    assert rows(app, "SELECT count(*) FROM answers") == before


def stop_and_keep(client, study_id, kiosk=False, seed=30):
    """Take part in STUDY_ID, answer its first message, then stop keeping it."""
    bot = Bot(client, study_id, seed=seed)
    location = bot.consent(kiosk=kiosk).headers["Location"]
    html = client.get(location).get_data(as_text=True)
    _, answers = bot.answers_for(html, dont_know=0)
    assert client.post(location, data=answers).status_code == 303
    page = client.get(f"/s/{study_id}/stop").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], choice="keep")
    return client.post(f"/s/{study_id}/stop", data=data)


def test_stop_and_keep_shows_a_withdrawal_code_that_deletes_the_answers(app, client):
    response = stop_and_keep(client, "sprint-sms")
    html = response.get_data(as_text=True)
    assert (
        response.status_code == 200 and "Uw antwoorden tot nu toe zijn bewaard" in html
    )
    code = withdrawal_code(html)
    assert code and 'class="withdraw-code"' in html and "/withdraw?lang=nl" in html
    ((stored_code, stopped),) = rows(
        app, "SELECT withdrawal_code, stopped_at IS NOT NULL FROM participants"
    )
    assert code == stored_code and stopped
    # The other language shows the same code; nothing else goes on.
    english = client.get("/s/sprint-sms/stopped?done=stopped_kept&lang=en").text
    assert withdrawal_code(english) == code and "Delete your answers" in english
    assert client.get("/s/sprint-sms/next").status_code == 403
    assert client.get("/s/sprint-sms/m/1").status_code == 403
    answered = rows(app, "SELECT count(*) FROM answers")[0][0]
    assert answered > 0
    page = client.get("/withdraw").get_data(as_text=True)
    reply = client.post("/withdraw", data=dict(forms(page)[0]["hidden"], code=code))
    assert reply.status_code == 200
    assert rows(app, "SELECT count(*) FROM answers") == [(0,)]
    assert (
        withdrawal_code(client.get("/s/sprint-sms/stopped?done=stopped_kept").text)
        is None
    )


def test_stop_and_keep_on_a_shared_device_shows_the_code_once(app, client):
    response = stop_and_keep(client, "sprint-sms", kiosk=True, seed=31)
    html = response.get_data(as_text=True)
    assert withdrawal_code(html) and "stopped?done=stopped_kept&amp;lang=en" not in html
    assert "sl-sprint-sms=;" in response.headers["Set-Cookie"]  # forgotten
    again = client.get("/s/sprint-sms/stopped?done=stopped_kept").text
    assert withdrawal_code(again) is None


def test_nobody_sees_a_code_on_the_stopped_page_without_having_stopped(app, client):
    bot = Bot(client, "sprint-sms", seed=32)
    bot.consent()
    page = client.get("/s/sprint-sms/stopped?done=stopped_kept").get_data(as_text=True)
    assert withdrawal_code(page) is None
    assert client.get("/s/sprint-sms/next").status_code == 303  # still taking part


def test_stop_and_delete(app, client):
    bot = Bot(client, "sprint-sms", seed=8)
    bot.take(stop_after=1)
    page = client.get("/s/sprint-sms/stop").get_data(as_text=True)
    data = dict(forms(page)[0]["hidden"], choice="delete")
    response = client.post("/s/sprint-sms/stop", data=data)
    assert response.status_code == 200
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0


def test_kiosk_starts_a_fresh_participant_after_thanks(app, client):
    bot = Bot(client, "sprint-sms", seed=9)
    response = bot.consent(kiosk=True)
    assert "Max-Age" not in response.headers["Set-Cookie"]  # gone with the browser
    location = response.headers["Location"]  # straight to the first page
    while not location.endswith("/thanks"):
        page = client.get(location).get_data(as_text=True)
        _, data = bot.answers_for(page)
        location = client.post(location, data=data).headers["Location"]
    html = client.get("/s/sprint-sms/thanks").get_data(as_text=True)
    assert "Volgende deelnemer" in html
    form = forms(html)[-1]
    response = client.post(form["action"], data=form["hidden"])
    assert response.headers["Location"].endswith("/s/sprint-sms?kiosk=1")
    assert client.get("/s/sprint-sms/next").status_code == 403
    Bot(client, "sprint-sms", seed=10).take()
    assert rows(app, "SELECT count(*) FROM participants")[0][0] == 2


def test_error_summary_links_point_at_their_questions(client):
    bot = Bot(client, "sprint-sms", seed=11)
    bot.consent()
    response = client.post(
        "/s/sprint-sms/m/0",
        data=forms(client.get("/s/sprint-sms/m/0").get_data(as_text=True))[-1][
            "hidden"
        ],
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    targets = re.findall(r'<li><a href="#([^"]+)">', html)
    assert targets and all(f'id="{target}"' in html for target in targets)


def test_no_ip_address_is_stored(app):
    address = "203.0.113.77"  # TEST-NET-3: appears nowhere else
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    Bot(client, "sprint-sms", seed=21).take()
    from sprintlab import db as store

    db = store.connect(app.config["DATABASE"])
    try:
        tables = db.table_names()
        stored = [
            value
            for table in tables
            for row in db.execute(f"SELECT * FROM [{table}]")  # noqa: S608 -- our table names
            for value in row
        ]
    finally:
        db.close()
    assert len(rows(app, "SELECT id FROM participants")) == 1
    assert stored and not any(address in str(value) for value in stored)
