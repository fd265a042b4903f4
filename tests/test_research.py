"""The researcher dashboard: login required, renders at every size, downloads."""

import csv
import io
import re
import time

import pytest

from sprintlab import db as store
from sprintlab import stats
from sprintlab.accounts import add_user
from sprintlab.fieldwork.simulation import simulate_study

PAGES = ["/research/", "/research/vroegsignalering", "/research/sprint-sms",
         "/research/vroegsignalering/export.csv",
         "/research/vroegsignalering/export.json",
         "/research/vroegsignalering/export.sav"]  # fmt: skip


def login_as(app, client, role):
    db = store.open_db(app.config["DATABASE"])
    add_user(db, role, "lang-genoeg-1", role)
    db.close()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"csrf_token": token, "name": role, "password": "lang-genoeg-1"}
    )
    assert response.status_code == 303


@pytest.mark.parametrize("url", PAGES)
def test_every_research_page_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("url", PAGES)
def test_designers_do_not_see_answers(app, client, url):
    login_as(app, client, "designer")
    assert client.get(url).status_code == 403


def fill(app, content, study_id, people):
    db = store.open_db(app.config["DATABASE"])
    simulate_study(db, content, content.study(study_id), people, seed=people)
    db.close()


@pytest.mark.parametrize("people", [0, 1, 5, 2000])
def test_dashboard_renders_at_every_size(app, client, content, people):
    if people:
        fill(app, content, "vroegsignalering", people)
    login_as(app, client, "researcher")
    listing = client.get("/research/")
    assert listing.status_code == 200
    page = client.get("/research/vroegsignalering")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Verdicts" in html and "How many participants?" in html
    if people >= 5:
        assert "<svg" in html and "<title" in html  # the map, with a text alternative
    if people == 2000:
        assert "more helpful" in html or "less intrusive" in html or "no clear" in html
        segment = client.get(
            "/research/vroegsignalering?segment=vertrouwen&level=helemaal-geen"
        )
        assert segment.status_code == 200


def test_downloads_match_the_database(app, client, content):
    fill(app, content, "sprint-sms", 5)
    login_as(app, client, "researcher")
    response = client.get("/research/sprint-sms/export.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    db = store.open_db(app.config["DATABASE"])
    assert len(rows) == db.execute("SELECT count(*) FROM answers").fetchone()[0]
    db.close()
    sav = client.get("/research/sprint-sms/export.sav")
    assert sav.status_code == 200 and sav.data[:4] == b"$FL2"
    assert client.get("/research/sprint-sms/export.xlsx").status_code == 404


def test_free_text_is_escaped(app, client, content):
    db = store.open_db(app.config["DATABASE"])
    study = content.study("sprint-sms")
    from werkzeug.datastructures import MultiDict

    from sprintlab.fieldwork import participation

    person = participation.start_participant(db, content, study, "nl")
    form = {
        f"q-{q.id}": {"likert7": "4", "yes_no": "no"}[q.type]
        for q in study.rated_questions
        if q.type in ("likert7", "yes_no")
    }
    form["q-change"] = "<script>alert('x')</script>"
    submitted = participation.submit_message(db, person, study, 0, MultiDict(form))
    assert submitted.stored, submitted.errors
    db.close()
    login_as(app, client, "researcher")
    html = client.get("/research/sprint-sms").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_results_split_by_template_version(app, client, content):
    fill(app, content, "sprint-sms", 5)
    db = store.open_db(app.config["DATABASE"])
    # A designer edits a template mid-study: later answers point at a new version.
    new_hash = store.store_template_version(db, "sms/coach", "nl", "sms", "nieuw")
    db.execute(
        "UPDATE answers SET template_hash = ? WHERE variant_id = 'coach'"
        " AND participant_id = (SELECT min(id) FROM participants)",
        [new_hash],
    )
    db.close()
    login_as(app, client, "researcher")
    html = client.get("/research/sprint-sms").get_data(as_text=True)
    assert "By template version" in html
    assert new_hash[:12] in html
    coach = content.template("sms/coach", "nl").hash
    assert coach[:12] in html


def test_reports_are_kept_per_data_version_and_the_latest_shown_meanwhile(
    app, client, content
):
    fill(app, content, "sprint-sms", 5)
    login_as(app, client, "researcher")
    first = client.get("/research/sprint-sms").get_data(as_text=True)
    assert "Updating" not in first and "5 participants" in first
    client.get("/research/sprint-sms")
    assert len(app.extensions["sprintlab.reports"]) == 1
    fill(app, content, "sprint-sms", 3)  # new evidence: a new data version
    meanwhile = client.get("/research/sprint-sms").get_data(as_text=True)
    if "Updating" in meanwhile:  # the worker may already be done: it is quick
        assert "5 participants" in meanwhile
    deadline = time.monotonic() + 30
    while "8 participants" not in client.get("/research/sprint-sms").get_data(
        as_text=True
    ):
        assert time.monotonic() < deadline, "the new report never came"
        time.sleep(0.1)
    assert len(app.extensions["sprintlab.reports"]) == 2


def test_a_first_report_not_ready_in_time_says_so_and_comes_later(app, client, content):
    fill(app, content, "vroegsignalering", 300)
    login_as(app, client, "researcher")
    app.config["REPORT_WAIT_SECONDS"] = 0.001
    waiting = client.get("/research/vroegsignalering")
    assert waiting.status_code == 202
    assert "still being computed" in waiting.get_data(as_text=True)
    assert waiting.headers["Retry-After"] == "5"
    app.config["REPORT_WAIT_SECONDS"] = 60
    ready = client.get("/research/vroegsignalering")
    assert ready.status_code == 200 and "Verdicts" in ready.get_data(as_text=True)


def test_the_dashboard_shows_the_verdict_family_checks_and_the_planner(
    app, client, content
):
    fill(app, content, "sprint-sms", 12)
    login_as(app, client, "researcher")
    html = client.get("/research/sprint-sms?margin=1").get_data(as_text=True)
    assert "These 4 claims form one family" in html
    assert "verdict outcome: helpfulness" in html and "exploratory" in html
    assert "Within-subject checks: order and carry-over" in html
    assert "Period effect per question" in html and "First message only" in html
    planned = stats.planned_n(1.0, paired=True, family_size=4).n_per_variant
    assert f"Planned <strong>{planned} per variant</strong>" in html
    assert "never from the difference seen so far" in html
    between = client.get("/research/vroegsignalering").get_data(as_text=True)
    assert "Segment findings" in between and "Planned <strong>262 per" in between
