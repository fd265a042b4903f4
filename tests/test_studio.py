"""The studio's guards: roles, CSRF, headers, login limits, names that are paths."""

import re

import pytest

from sprintlab import db as store
from sprintlab.accounts import can
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.answers import field_name
from tests.studio_support import PASSWORD, TOKEN, csrf, log_in, snapshot, studio_app

PAGES = [
    "/studio/",
    "/studio/t/letter/controle?lang=nl",
    "/studio/t/sms/coach?lang=en",
    "/studio/t/letter/controle/history?lang=nl",
    "/studio/t/letter/controle/diff?lang=nl",
    "/studio/compare?t=letter/controle&t=letter/keuze",
    "/studio/studies",
    "/studio/studies/sprint-sms",
    "/studio/studies/new",
]
FORMS = [
    "/studio/t/letter/controle",
    "/studio/t/letter/controle/preview",
    "/studio/t/letter/controle/restore",
    "/studio/t/letter/controle/duplicate",
    "/studio/studies/sprint-sms/state",
    "/studio/studies/new",
]
PATH_LIKE = [
    "..%2F..%2Fetc%2Fpasswd",
    "..%2Fcontrole",
    "%2e%2e",
    "controle.nl",
    "Controle",
    "contr%20ole",
    "controle%00",
    "~root",
    "../../etc/passwd",
]


@pytest.fixture
def app(tmp_path):
    return studio_app(tmp_path)


def as_role(app, role):
    client = app.test_client()
    if role != "anonymous":
        assert log_in(client, role).status_code == 303
    return client


@pytest.mark.parametrize("url", PAGES)
def test_each_page_checks_the_role(app, url):
    anonymous = as_role(app, "anonymous").get(url)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/login?next=")
    assert as_role(app, "researcher").get(url).status_code == 403
    assert as_role(app, "designer").get(url).status_code == 200
    assert as_role(app, "admin").get(url).status_code == 200


@pytest.mark.parametrize("url", FORMS)
def test_each_form_checks_the_role(app, url):
    researcher = as_role(app, "researcher")
    token = csrf(researcher, "/")
    assert researcher.post(url, data={"csrf_token": token}).status_code == 403
    anonymous = as_role(app, "anonymous")
    response = anonymous.post(url, data={"csrf_token": csrf(anonymous)})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("url", FORMS)
def test_a_form_without_its_csrf_token_gets_400(app, url):
    client = as_role(app, "designer")
    before = snapshot(app.extensions["sprintlab.content"].root)
    data = {
        "lang": "nl",
        "front": "x",
        "body": "y",
        "action": "save",
        "confirm": "1",
        "state": "paused",
        "new_name": "kopie",
    }
    assert client.post(url, data=data).status_code == 400
    assert (
        client.post(url, data=data, headers={"X-CSRFToken": "forged"}).status_code
        == 400
    )
    assert snapshot(app.extensions["sprintlab.content"].root) == before
    db = store.open_db(app.config["DATABASE"])
    assert store.study_state(db, "sprint-sms") == "open"
    assert store.template_edits(db, "letter/controle", "nl") == []


def test_the_live_preview_accepts_the_token_as_a_header(app):
    client = as_role(app, "designer")
    token = csrf(client, "/studio/t/sms/coach?lang=nl")
    front = 'channel = "sms"\nsender = "Gemeente"\nlanguage = "nl"\ndescription = "x"'
    response = client.post(
        "/studio/t/sms/coach/preview",
        data={"lang": "nl", "front": front, "body": "Hallo {{ persona.first_name }}"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This template cannot be shown" not in page
    assert re.search(r"Hallo [A-Z]\w+", page), page[:800]


def test_security_headers_and_cookies(app):
    client = app.test_client()
    login = log_in(client, "designer")
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    response = client.get("/studio/t/letter/controle")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert (
        policy["script-src"] == "'self'" and "unsafe-inline" not in policy["script-src"]
    )
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_secure_behind_https(tmp_path):
    app = studio_app(tmp_path, PREFER_HTTPS=True)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = app.test_client()
    response = log_in(client, "designer")
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("url", PAGES)
def test_studio_pages_have_no_inline_scripts_styles_or_handlers(app, url):
    page = as_role(app, "designer").get(url).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\sstyle\s*=", page)
    assert not re.search(r"\son[a-z]+\s*=", page)
    assert "<style" not in page


def test_login_for_the_studio_is_rate_limited(app):
    client = app.test_client()
    assert client.get("/studio/").headers["Location"] == "/login?next=/studio/?"
    for _ in range(5):
        assert log_in(client, "designer", "verkeerd-wachtwoord").status_code == 401
    assert log_in(client, "designer").status_code == 429
    assert client.get("/studio/").status_code == 302


def studio_urls_taking_a_name(name):
    """Every studio address that takes a template name, with NAME in it."""
    return [
        ("get", f"/studio/t/letter/{name}?lang=nl", {}),
        ("post", f"/studio/t/letter/{name}", {"action": "save", "confirm": "1"}),
        ("post", f"/studio/t/letter/{name}/preview", {}),
        ("get", f"/studio/t/letter/{name}/history?lang=nl", {}),
        ("get", f"/studio/t/letter/{name}/diff?lang=nl", {}),
        ("post", f"/studio/t/letter/{name}/restore", {"hash": "0" * 64}),
        ("post", f"/studio/t/letter/{name}/duplicate", {"new_name": "kopie"}),
        ("post", "/studio/t/letter/controle/duplicate", {"new_name": name}),
        ("get", f"/studio/t/{name}/controle?lang=nl", {}),
        ("get", f"/studio/compare?t=letter/{name}&t=letter/controle", {}),
        ("post", "/studio/studies/new", {"v0_template": f"letter/{name}"}),
    ]


@pytest.mark.parametrize("name", PATH_LIKE)
def test_path_like_template_names_are_refused_everywhere(app, name):
    client = as_role(app, "designer")
    root = app.extensions["sprintlab.content"].root
    before = snapshot(root)
    token = csrf(client, "/studio/")
    body = {"lang": "nl", "front": 'channel = "letter"', "body": "Hallo", "id": "x"}
    for method, url, data in studio_urls_taking_a_name(name):
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token, **body, **data})
        assert response.status_code in (400, 404), (url, response.status_code)
    assert snapshot(root) == before
    db = store.open_db(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM template_edits").fetchone()[0] == 0


def test_a_language_that_is_a_path_is_refused_when_saving(app):
    client = as_role(app, "designer")
    root = app.extensions["sprintlab.content"].root
    before = snapshot(root)
    response = client.post(
        "/studio/t/letter/controle",
        data={
            "csrf_token": csrf(client, "/studio/"),
            "lang": "../../nl",
            "front": "x",
            "body": "y",
            "action": "save",
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    assert snapshot(root) == before


def take_part_with_a_remark(app, remark):
    """One participant answers the first message of sprint-sms with REMARK."""
    content = app.extensions["sprintlab.content"]
    study = content.study("sprint-sms")
    db = store.open_db(app.config["DATABASE"])
    person = participation.start_participant(db, content, study, "nl")
    form = {
        field_name(q): {"likert7": "4", "yes_no": "no"}[q.type]
        for q in study.questions
        if q.type in ("likert7", "yes_no")
    }
    form.update({field_name(study.question("change")): remark})
    result = participation.submit_message(db, person, study, 0, form)
    assert result.stored, result.errors
    template = store.assignments_of(db, person["id"])[0]["template_id"]
    db.close()
    return template


def test_a_designer_sees_answer_counts_but_never_answers(app):
    template = take_part_with_a_remark(app, "GEHEIM-ANTWOORD van deelnemer")
    client = as_role(app, "designer")
    channel, name = template.split("/")
    history = client.get(f"/studio/t/{channel}/{name}/history?lang=nl")
    db = store.open_db(app.config["DATABASE"])
    answers = db.execute("SELECT count(*) FROM answers").fetchone()[0]
    assert f"{answers} from 1 participant" in history.get_data(as_text=True)
    pages = PAGES + [
        f"/studio/t/{channel}/{name}?lang=nl",
        "/studio/studies/sprint-sms",
    ]
    for url in pages + [f"/studio/t/{channel}/{name}/history?lang=nl"]:
        assert "GEHEIM-ANTWOORD" not in client.get(url).get_data(as_text=True), url
    designer = store.user_by_name(db, "designer")
    assert not can(designer, "research")
    assert can(store.user_by_name(db, "admin"), "research")
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("research.") and rule.arguments <= {"study_id"}:
            url = rule.rule.replace("<study_id>", "sprint-sms")
            assert client.get(url).status_code == 403, url


def test_forms_work_behind_https(tmp_path):
    """Flask-WTF checks the Referer on HTTPS; the referrer policy must allow it."""
    app = studio_app(tmp_path, PREFER_HTTPS=True)
    client = app.test_client()
    base = "https://localhost"
    page = client.get("/login", base_url=base)
    assert page.headers["Referrer-Policy"] == "same-origin"
    token = TOKEN.search(page.get_data(as_text=True)).group(1)
    response = client.post(
        "/login",
        base_url=base,
        headers={"Referer": f"{base}/login"},
        data={"csrf_token": token, "name": "designer", "password": PASSWORD},
    )
    assert response.status_code == 303
