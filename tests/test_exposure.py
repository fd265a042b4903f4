"""Exposure: the message first, when it was shown, whether it was opened, how long."""

import csv
import io
import json
from datetime import datetime

import pytest

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.export import export_answers, write_export
from sprintlab.reporting.spss import wide_table, write_r_csv
from tests.bot import Bot, forms
from tests.evidence import app_rows as rows
from tests.study_variants import content_with
from tests.test_research import login_as


def make_app(tmp_path, root):
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "app.db"),
            "CONTENT_ROOT": str(root),
            "SECRET_KEY": "test",
            "REPORT_WAIT_SECONDS": 60,  # a busy test machine is slow
        }
    )


@pytest.fixture
def staged(tmp_path):
    """sprint-sms (three text messages) with the staged opening, questions grouped."""
    root = content_with(
        tmp_path / "content", "sprint-sms", opening="staged", layout="grouped"
    )
    return make_app(tmp_path, root)


def answer(client, bot, location):
    page = client.get(location).get_data(as_text=True)
    _, data = bot.answers_for(page, dont_know=0)
    return client.post(location, data=data)


def test_a_message_is_shown_open_and_first_by_default(client):
    Bot(client, "sprint-sms").consent()
    html = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert "<details" not in html  # never folded away
    assert html.index('class="mockup sms"') < html.index('class="questions')
    assert "Uw telefoon trilt" in html  # the scene stays, as a moment, not a gate


def test_a_staged_message_is_an_envelope_until_opened_and_that_is_recorded(staged):
    client = staged.test_client()
    Bot(client, "sprint-sms").consent()
    closed = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    assert 'class="mockup' not in closed and "<details" not in closed
    assert "Open het bericht" in closed
    opener = next(f for f in forms(closed) if (f["action"] or "").endswith("/m/0/open"))
    assert rows(staged, "SELECT opened_at FROM assignments WHERE position = 0") == [
        (None,)
    ]
    response = client.post(opener["action"], data=opener["hidden"])
    assert response.status_code == 303
    assert response.headers["Location"] == "/s/sprint-sms/m/0#bericht"
    opened_at = rows(staged, "SELECT opened_at FROM assignments WHERE position = 0")
    assert opened_at[0][0] is not None
    assert 'class="mockup sms"' in client.get("/s/sprint-sms/m/0").get_data(
        as_text=True
    )
    client.post(opener["action"], data=opener["hidden"])  # opening again
    again = rows(staged, "SELECT opened_at FROM assignments WHERE position = 0")
    assert again == opened_at  # the first opening counts


def test_rating_without_opening_is_flagged_stored_and_exported(staged, tmp_path):
    client = staged.test_client()
    bot = Bot(client, "sprint-sms", seed=3)
    bot.consent()
    # Message 1 opened, messages 2 and 3 rated unopened.
    closed = client.get("/s/sprint-sms/m/0").get_data(as_text=True)
    opener = next(f for f in forms(closed) if (f["action"] or "").endswith("/open"))
    client.post(opener["action"], data=opener["hidden"])
    for position in range(3):
        assert answer(client, bot, f"/s/sprint-sms/m/{position}").status_code == 303
    answer(client, bot, "/s/sprint-sms/about-you")
    client.get("/s/sprint-sms/thanks")
    stored = rows(
        staged,
        "SELECT position, opening, opened_at IS NOT NULL, layout, seconds_on_message,"
        " shown_at, answered_at FROM assignments ORDER BY position",
    )
    assert [row[:4] for row in stored] == [
        (0, "staged", 1, "grouped"),
        (1, "staged", 0, "grouped"),
        (2, "staged", 0, "grouped"),
    ]
    for *_, seconds, shown, answered in stored:
        measured = datetime.fromisoformat(answered) - datetime.fromisoformat(shown)
        assert seconds == pytest.approx(measured.total_seconds(), abs=0.002)
    (flags,) = rows(staged, "SELECT flags FROM participants")[0]
    assert json.loads(flags)["rated_without_opening"] is True

    db = store.connect(staged.config["DATABASE"])
    study = Content(tmp_path / "content").study("sprint-sms")
    export = export_answers(db, study.id, [q.id for q in study.segments])
    out = io.StringIO()
    write_export(export, out, "csv")
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    opened = {(r["position"], r["opened"], r["opening"]) for r in table}
    assert opened == {("0", "TRUE", "staged"), ("1", "FALSE", "staged"),
                      ("2", "FALSE", "staged")}  # fmt: skip
    assert {r["flag_rated_without_opening"] for r in table} == {"TRUE"}
    assert all(float(r["seconds_on_message"]) >= 0 for r in table)
    wide = wide_table(db, study)
    assert sorted((r["position"], r["opened"]) for r in wide.rows) == [
        (0, 1), (1, 0), (2, 0)
    ]  # fmt: skip
    assert {r["flag_rated_without_opening"] for r in wide.rows} == {1}
    write_r_csv(db, study, tmp_path / "wide.csv")
    r_rows = list(csv.DictReader((tmp_path / "wide.csv").open(encoding="utf-8")))
    assert {r["layout"] for r in r_rows} == {"grouped"}
    assert {r["opened"] for r in r_rows} == {"TRUE", "FALSE"}
    db.close()


def test_an_open_message_has_no_opened_value_and_no_flag(client, app, content):
    bot = Bot(client, "sprint-sms", seed=4)
    bot.take()
    stored = rows(app, "SELECT opening, opened_at, layout FROM assignments")
    assert set(stored) == {("open", None, "grouped")}
    db = store.connect(app.config["DATABASE"])
    export = export_answers(db, "sprint-sms")
    db.close()
    assert {row["opened"] for row in export.rows} == {None}
    assert {row["flag_rated_without_opening"] for row in export.rows} == {False}


def test_the_dashboard_shows_exposure_per_variant(tmp_path):
    root = content_with(tmp_path / "content", "sprint-sms", opening="staged")
    app = make_app(tmp_path, root)
    db = store.open_db(app.config["DATABASE"])
    content = Content(root)
    simulate_study(db, content, content.study("sprint-sms"), 40, seed=2)
    unopened = db.execute(
        "SELECT count(*) FROM assignments WHERE answered_at IS NOT NULL"
        " AND opened_at IS NULL AND opening = 'staged'"
    ).fetchone()[0]
    db.close()
    client = app.test_client()
    login_as(app, client, "researcher")
    html = client.get("/research/sprint-sms").get_data(as_text=True)
    assert "Exposure per variant" in html
    section = html[html.index('id="exposure"') :]
    assert "Neutral reminder" in section or "neutral reminder" in section
    assert " of " in section  # opened of staged
    flagged = rows(
        app,
        "SELECT count(*) FROM participants"
        " WHERE json_extract(flags, '$.rated_without_opening')",
    )[0][0]
    assert unopened >= 1 and flagged >= 1
    assert f"{flagged} who rated a message without opening it" in html
