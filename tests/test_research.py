"""The researcher dashboard: login required, renders at every size, downloads."""

import csv
import io
import re
import time
from html import unescape

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


def fill(app, content, study_id, people, effects=None):
    db = store.open_db(app.config["DATABASE"])
    study = content.study(study_id)
    simulate_study(db, content, study, people, seed=people, effects=effects)
    db.close()


def page_text(html):
    """What a reader sees of an HTML fragment: tags out, entities read, spaces one."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def svg_texts(html, tag):
    """The text of every <title> or <desc> inside the page's charts."""
    found = re.findall(rf'<{tag} id="[^"]+">(.*?)</{tag}>', html, re.S)
    return [page_text(text) for text in found]


TRANSPARENCY = "Transparency: box 'Why are you getting this letter?'"


@pytest.mark.parametrize("people", [0, 1, 5, 2000])
def test_dashboard_renders_at_every_size(app, client, content, people):
    # At 2000 people one variant truly helps more (+1.5 scale points).
    effects = {("transparantie", "helps"): 1.5} if people == 2000 else None
    if people:
        fill(app, content, "vroegsignalering", people, effects)
    login_as(app, client, "researcher")
    listing = client.get("/research/")
    assert listing.status_code == 200
    page = client.get("/research/vroegsignalering")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="summary"' in html and "Planning: how many participants?" in html
    assert html.index('id="summary"') < html.index("<table")
    if people >= 5:  # the charts, each with its own text alternative
        titles = svg_texts(html, "title")
        assert "Helpfulness: each variant's difference from the control" in " ".join(
            titles
        )
        assert any(desc.startswith("Differences from the control") for desc in
                   svg_texts(html, "desc"))  # fmt: skip
    if people == 2000:
        summary = page_text(html[html.index('id="summary"') :])
        assert f"{TRANSPARENCY}: more helpful than the control" in summary
        ranked = summary[summary.index("Variants ranked") :]
        assert ranked.index(TRANSPARENCY) < min(
            ranked.index(study.label["en"]) for study in
            content.study("vroegsignalering").variants
            if study.id not in ("transparantie", "controle")
        )  # fmt: skip
        forest = svg_texts(html, "desc")[0]
        estimate = re.search(re.escape(TRANSPARENCY) + r": \+(\d\.\d\d)", forest)
        assert 1.0 < float(estimate[1]) < 2.0  # the planted +1.5, found again
        segment = client.get(
            "/research/vroegsignalering?segment=vertrouwen&level=helemaal-geen"
        ).get_data(as_text=True)
        seen = page_text(segment[segment.index('id="for-whom"') :])
        assert (
            "Helpfulness against intrusiveness for None at all only "
            "(How much trust do you have in the municipality?)" in seen
        )
        assert "helemaal-geen" not in seen  # labels, never the raw ids
        assert re.search(r"1 " + re.escape(TRANSPARENCY) + r" \(n = \d+\)", seen)


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
    versions = html[html.index('id="versions"') :]
    versions = versions[: versions.index("</section>")]
    assert '<th scope="col">Language</th>' in versions
    coach = content.template("sms/coach", "nl").hash
    assert new_hash[:8] in versions and coach[:8] in versions
    label = content.study("sprint-sms").variant("coach").label["en"]
    rows = [row for row in versions.split("<tr>") if row.startswith(
        f'<th scope="row">{label}</th>')]  # fmt: skip
    # Version 1 (as frozen) and version 2 (the edit), each in the language read.
    assert {re.search(r'data-label="Version">(\d+)', row)[1] for row in rows} == {
        "1", "2"}  # fmt: skip
    assert all('data-label="Language">Dutch' in row or 'data-label="Language">English'
               in row for row in rows)  # fmt: skip


def test_reports_are_kept_per_data_version_and_the_latest_shown_meanwhile(
    app, client, content
):
    fill(app, content, "sprint-sms", 5)
    login_as(app, client, "researcher")
    first = client.get("/research/sprint-sms").get_data(as_text=True)
    # The report's own count, in the line under the title (the live fieldwork
    # counts below it are read afresh on every view).
    assert "Updating" not in first and "· 5 participants ·" in first
    client.get("/research/sprint-sms")
    assert len(app.extensions["sprintlab.reports"]) == 1
    fill(app, content, "sprint-sms", 3)  # new evidence: a new data version
    meanwhile = client.get("/research/sprint-sms").get_data(as_text=True)
    if "Updating" in meanwhile:  # the worker may already be done: it is quick
        assert "· 5 participants ·" in meanwhile
    deadline = time.monotonic() + 30
    while "· 8 participants ·" not in client.get("/research/sprint-sms").get_data(
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
    assert ready.status_code == 200 and 'id="summary"' in ready.get_data(as_text=True)


def test_the_dashboard_shows_the_verdict_family_checks_and_the_planner(
    app, client, content
):
    fill(app, content, "sprint-sms", 12)
    login_as(app, client, "researcher")
    html = client.get("/research/sprint-sms?margin=1").get_data(as_text=True)
    assert "The 4 claims form one family" in html
    assert "verdict outcome: helpfulness" in html and "exploratory" in html
    assert "Order and carry-over (within subjects)" in html
    assert "Period effect per question" in html and "First message only" in html
    planned = stats.planned_n(1.0, paired=True, family_size=4).n_per_variant
    assert f"Planned <strong>{planned} per variant</strong>" in html
    assert "never from the difference seen so far" in html
    between = client.get("/research/vroegsignalering").get_data(as_text=True)
    assert "segment tests could be run" in between
    assert "Planned <strong>262 per" in between


def test_beyond_two_waiting_dashboards_a_view_says_still_computing_at_once(
    app, client, content
):
    # Participants share the server's threads: a third dashboard waiting for
    # the worker would hold one more, so it gets the page that reloads itself.
    fill(app, content, "sprint-sms", 5)
    login_as(app, client, "researcher")
    slots = app.extensions["sprintlab.waiting"]
    assert slots.acquire(blocking=False) and slots.acquire(blocking=False)
    try:
        waiting = client.get("/research/sprint-sms")
    finally:
        slots.release()
        slots.release()
    assert waiting.status_code == 202
    assert 'data-reload-seconds="3"' in waiting.get_data(as_text=True)
    assert client.get("/research/sprint-sms").status_code == 200  # a slot: it waits


@pytest.mark.parametrize(
    "query",
    ["margin=nan", "margin=inf", "margin=-1e999", "margin=abc",
     "group=%00", "group=vertrouwen:%3Cscript%3E", "segment=x&level=y"],
)  # fmt: skip
def test_odd_dashboard_queries_get_the_page_never_an_error(app, client, content, query):
    fill(app, content, "vroegsignalering", 30)
    login_as(app, client, "researcher")
    response = client.get(f"/research/vroegsignalering?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)
