"""Designers' and operators' mistakes, against the real server in a subprocess.

No mistake may strand a participant (except on the one clear page of a study
that was paused because its message cannot be shown), stop the server, or
lose an acknowledged answer; the other studies keep working. Every wait is
bounded: locks are held for seconds, and the server's write wait is set to
one second so a 503 comes quickly.
"""

import fcntl
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.cli import cli
from sprintlab.content.folder import STUDY_FRESH_FOR
from tests.bot import Bot, forms
from tests.conftest import ROOT, insert_one_participant
from tests.http_bot import HttpParticipant, answers_for
from tests.server import ServerProcess
from tests.studio_support import PASSWORD, copy_content
from tests.test_rendering import RUNAWAYS
from tests.test_server import (
    FIELDS_PER_PAGE,
    SEGMENT_FIELDS,
    pick_from,
    rows,
    study_cookie,
    token_of,
)

pytestmark = pytest.mark.server

FAST = {"SPRINTLAB_WRITE_WAIT_SECONDS": "1"}
TIME_BOMB = "{% if today.year > 2000 %}{{ persona.not_a_field }}{% endif %}\n"


def designer_session(server):
    """A logged-in designer on SERVER (a browser with its own cookie jar)."""
    browser = HttpParticipant(server.url, "-")
    page = browser.request("GET", "/login")
    token = forms(page.text)[-1]["hidden"]["csrf_token"]
    form = {"csrf_token": token, "next": "", "name": "designer", "password": PASSWORD}
    assert browser.request("POST", "/login", form).status == 303
    return browser


def with_designer(database):
    db = store.open_db(database)
    add_user(db, "designer", PASSWORD, "designer")
    db.close()


def answer(person, location, seed=0):
    """GET the page at LOCATION and POST a full form; the POST's reply."""
    page = person.request("GET", location)
    assert page.status == 200, (location, page.status)
    return person.request("POST", location, answers_for(page.text, pick_from(seed)))


def finish(person, seed=0, limit=12):
    """Answer every page left until the thanks page; return what was acknowledged."""
    acknowledged = []
    for _ in range(limit):
        location = person.next_page()
        if location.endswith("/thanks"):
            assert "Bedankt" in person.request("GET", location).text
            return acknowledged
        assert answer(person, location, seed).status == 303, location
        acknowledged.append(location)
    raise AssertionError(f"no thanks page after {limit} pages")


def message_pages(database, token):
    """(position, answers stored) for each answered message page of TOKEN."""
    return rows(
        database,
        "SELECT a.position, count(*) FROM answers a JOIN participants p"
        " ON p.id = a.participant_id WHERE p.token = ? GROUP BY a.position",
        [token],
    )


def test_runaway_previews_are_refused_within_a_second_and_participants_go_on(tmp_path):
    content = copy_content(tmp_path / "content")
    database = tmp_path / "runaway.db"
    with_designer(database)
    with ServerProcess(database, content_root=content) as server:
        designer = designer_session(server)
        editor = designer.request("GET", "/studio/t/letter/controle?lang=nl")
        token = re.search(r'name="csrf_token" value="([^"]+)"', editor.text)[1]
        served, failed, stop = [], [], threading.Event()

        def take_part():
            while not stop.is_set():
                person = HttpParticipant(server.url, "sprint-sms", timeout=10)
                try:
                    assert person.consent().status == 303
                    served.append(len(finish(person)))
                except (AssertionError, OSError) as error:
                    failed.append(error)
                    return
                person.close()

        participant = threading.Thread(target=take_part)
        participant.start()
        try:
            for family, payload in RUNAWAYS.items():
                body = "Beste {{ persona.first_name }},\n" + payload + "\n"
                form = {"csrf_token": token, "lang": "nl", "seed": "0",
                        "front": 'channel = "letter"\nsender = "Gemeente"\n'
                        'subject = "Hulp"\nlanguage = "nl"\ndescription = "x"',
                        "body": body}  # fmt: skip
                began = time.monotonic()
                panel = designer.request(
                    "POST", "/studio/t/letter/controle/preview", form
                )
                assert time.monotonic() - began < 1.0, family
                assert panel.status == 200, family
                assert "This template cannot be shown" in panel.text, family
        finally:
            stop.set()
            participant.join(60)
        assert not participant.is_alive() and not failed, failed
        assert served and all(pages == 4 for pages in served)  # 3 messages, about-you
        # And the server still serves everyone after the last runaway.
        assert HttpParticipant(server.url, "vroegsignalering").consent().status == 303


def _without_variant(text, variant_id):
    """A study file's TEXT with VARIANT_ID's [[variants]] table taken out."""
    block = re.compile(
        r'\[\[variants\]\]\nid = "' + variant_id + r'"\n.*?(?=\n\[\[)', re.S
    )
    version = int(re.search(r"^version = (\d+)$", text, re.M).group(1))
    return block.sub("", text).replace(
        f"version = {version}\n", f"version = {version + 1}\n", 1
    )


def _non_control_participant(server):
    """A vroegsignalering participant assigned a variant other than the control."""
    for _ in range(12):
        person = HttpParticipant(server.url, "vroegsignalering")
        assert person.consent().status == 303
        token = token_of(study_cookie_of(person, "vroegsignalering"), server.database)
        [(variant,)] = rows(
            server.database,
            "SELECT a.variant_id FROM assignments a JOIN participants p"
            " ON p.id = a.participant_id WHERE p.token = ?",
            [token],
        )
        if variant != "controle":
            return person, token, variant
    raise AssertionError("every participant got the control")


def study_cookie_of(person, study_id):
    return next(c.value for c in person.jar if c.name == f"sl-{study_id}")


def edit_study_file(path, text):
    """Write a study file, then wait until a running server looks at it again."""
    path.write_text(text)
    time.sleep(STUDY_FRESH_FOR + 0.1)


def test_content_mistakes_strand_no_one_and_touch_only_their_study(tmp_path):
    content = copy_content(tmp_path / "content")
    studies, messages = content / "prototypes", content / "messages"
    (studies / "kapot.toml").write_text('id = "kapot"\nversion = = 1\n')
    database = tmp_path / "content.db"
    with_designer(database)
    with ServerProcess(database, content_root=content) as server:
        # serve checked the content at start, said what is wrong, and started.
        assert "kapot.toml" in server.log_path.read_text()
        gallery = HttpParticipant(server.url, "-").request("GET", "/").text
        assert "prototypes/kapot.toml" in gallery and "TOML error" in gallery
        # People already taking part when the files change under them.
        texter = HttpParticipant(server.url, "sprint-sms")
        assert texter.consent().status == 303
        assert answer(texter, texter.next_page()).status == 303
        reader, reader_token, variant = _non_control_participant(server)
        waiting = HttpParticipant(server.url, "vroegsignalering")
        assert waiting.consent().status == 303
        waiting_at = waiting.next_page()  # consented, message not opened yet

        # A variant removed and the version raised: the reader keeps theirs.
        vroeg = studies / "vroegsignalering.toml"
        edit_study_file(vroeg, _without_variant(vroeg.read_text(), variant))
        page = reader.request("GET", reader.next_page())
        assert page.status == 200 and "Stel u voor" in page.text
        finish(reader)
        assert len(message_pages(database, reader_token)) == 1
        newcomer = HttpParticipant(server.url, "vroegsignalering")
        assert newcomer.consent().status == 303

        # A time bomb saved into a template of sprint-sms, straight into the file.
        keuze = messages / "sms" / "keuze.nl.md"
        keuze.write_text(keuze.read_text() + TIME_BOMB)
        late = HttpParticipant(server.url, "sprint-sms")
        refused = late.consent()
        assert refused.status == 503 and "staat even stil" in refused.text
        assert not [c for c in late.jar if c.name == "sl-sprint-sms"]
        [(state, why)] = rows(
            database,
            "SELECT state, reason FROM study_state_changes WHERE study_id = ?",
            ["sprint-sms"],
        )
        assert state == "paused" and "sms/keuze" in why and "not_a_field" in why
        studio = designer_session(server).request("GET", "/studio/studies/sprint-sms")
        assert "not_a_field" in studio.text
        # The texter started before the bomb: they see what they were assigned.
        finish(texter)
        assert HttpParticipant(server.url, "vroegsignalering").consent().status == 303

        # A broken study file: only that study stops taking people.
        edit_study_file(vroeg, vroeg.read_text().replace("design =", "design = ="))
        visitor = HttpParticipant(server.url, "-")
        assert visitor.request("GET", "/s/vroegsignalering").status == 503
        assert "prototypes/vroegsignalering.toml" in visitor.request("GET", "/").text
        finish(newcomer)  # in flight: goes on under the version it started with
        # sprint-sms is paused: its own page, not an error.
        assert visitor.request("GET", "/s/sprint-sms").status == 503
        edit_study_file(vroeg, vroeg.read_text().replace("design = =", "design ="))
        port = server.port
    counts = rows(database, "SELECT count(*), count(completed_at) FROM participants")
    assert counts[0][1] == 3  # the texter, the reader and the newcomer finished

    # The operator restarts with a render budget no message fits in: a stored
    # message that cannot be shown gives its participant a clear page, and its
    # study is paused, saying why.
    tight = {"SPRINTLAB_RENDER_MEMORY_MB": "0.00001"}
    with ServerProcess(database, content, port=port, env=tight) as server:
        waiting.close()
        page = waiting.request("GET", waiting_at)
        assert page.status == 503 and "Dit bericht werkt nu niet" in page.text
        studio = designer_session(server).request(
            "GET", "/studio/studies/vroegsignalering"
        )
    assert "Paused by sprintlab" in studio.text and "MB" in studio.text


def test_a_database_moved_away_while_serving_answers_503_and_loses_nothing(tmp_path):
    database = tmp_path / "moved.db"
    aside = tmp_path / "aside.db"
    acknowledged = {}
    with ServerProcess(database, content_root=copy_content(tmp_path / "c")) as server:
        people = [HttpParticipant(server.url, "sprint-sms") for _ in range(3)]
        for seed, person in enumerate(people):
            assert person.consent().status == 303
            location = person.next_page()
            assert answer(person, location, seed).status == 303
            acknowledged[person] = [location]
        pending = {}
        for person in people:
            location = person.next_page()
            page = person.request("GET", location)
            pending[person] = (location, answers_for(page.text, pick_from(1)))
        database.rename(aside)  # an operator's mistake: the file is gone
        deadline = time.monotonic() + 0.8
        while time.monotonic() < deadline:
            for person, (location, form) in pending.items():
                reply = person.request("POST", location, form)
                assert reply.status == 503, reply.status  # never acknowledged
                assert "Opnieuw proberen" in reply.text
        assert HttpParticipant(server.url, "sprint-sms").consent().status == 503
        assert not database.exists()  # never a new, empty database
        aside.rename(database)  # put back: the same file, so the server goes on
        for seed, person in enumerate(people):
            location, form = pending[person]
            assert person.request("POST", location, form).status == 303
            acknowledged[person] += [location, *finish(person, seed)]
    for person, locations in acknowledged.items():
        token = token_of(study_cookie(person), database)
        stored = message_pages(database, token)
        assert len(stored) == len([page for page in locations if "/m/" in page]) == 3
        assert all(count == FIELDS_PER_PAGE for _, count in stored)
        assert rows(
            database,
            "SELECT count(*) FROM segment_answers s JOIN participants p"
            " ON p.id = s.participant_id WHERE p.token = ?",
            [token],
        ) == [(SEGMENT_FIELDS,)]
    # Started on a database that is not there, serve refuses in one line.
    database.rename(aside)
    refused = subprocess.run(
        [sys.executable, "-m", "sprintlab", "serve", "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "no database at" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not database.exists()


def test_a_foreign_write_lock_gives_503_then_the_participant_goes_on(tmp_path):
    database = tmp_path / "locked.db"
    content = copy_content(tmp_path / "c")
    with ServerProcess(database, content_root=content, env=FAST) as server:
        for holder in ("file lock", "sqlite lock"):
            person = HttpParticipant(server.url, "sprint-sms", timeout=30)
            assert person.consent().status == 303
            location = person.next_page()
            release = hold_write_lock(database, holder)
            try:
                began = time.monotonic()
                page = person.request("GET", location)  # a view never waits long
                assert page.status == 200 and time.monotonic() - began < 2, holder
                form = answers_for(page.text, pick_from(0))
                began = time.monotonic()
                busy = person.request("POST", location, form)
                assert busy.status == 503 and time.monotonic() - began < 10, holder
                assert "Het is nu even te druk" in busy.text
                assert "Opnieuw proberen" in busy.text and 'name="q-' in busy.text
                if holder == "file lock":
                    newcomer = HttpParticipant(server.url, "sprint-sms")
                    assert newcomer.consent().status == 503
            finally:
                release()
            again = forms(busy.text)[-1]
            assert person.request("POST", location, again["hidden"]).status == 303
            finish(person)
            token = token_of(study_cookie(person), database)
            stored = [n for _, n in message_pages(database, token)]
            assert stored == [FIELDS_PER_PAGE] * 3, holder
            [(shown,)] = rows(
                database,
                "SELECT count(shown_at) FROM assignments a JOIN participants p"
                " ON p.id = a.participant_id WHERE p.token = ? AND a.position = 0",
                [token],
            )
            assert shown == 1, holder  # the view recorded after the fact


def hold_write_lock(database, holder):
    """Take the write lock as another program would; return the release."""
    if holder == "file lock":
        lock_file = open(f"{database}.lock", "a+b")  # noqa: SIM115
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        return lock_file.close
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")

    def release():
        conn.execute("ROLLBACK")
        conn.close()

    return release


def test_a_connection_that_failed_is_replaced_not_pooled(tmp_path):
    # As root, chmod cannot make the file read-only for this process; a
    # connection opened read-only (as SQLite does when it may not write) is
    # what a read-only moment leaves in the pool.
    from sprintlab import create_app
    from sprintlab.db import connection

    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "ro.db"), "SECRET_KEY": "t",
         "CONTENT_ROOT": str(ROOT)}
    )  # fmt: skip
    client = app.test_client()
    path = app.config["DATABASE"]
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    app.extensions["sprintlab.db_pool"].append(
        connection._configure(read_only, str(Path(path).resolve()), 0.2)
    )
    person = Bot(client, "sprint-sms")
    consent = person.consent()
    assert consent.status_code == 503
    assert "Het is nu even te druk" in consent.get_data(as_text=True)
    assert list(app.extensions["sprintlab.db_pool"]) == []  # not pooled again
    assert person.consent().status_code == 303  # a fresh connection writes


def test_the_default_write_wait_gives_a_503_well_within_ten_seconds():
    from sprintlab.db import transactions

    assert 1 <= transactions.WRITE_WAIT_SECONDS <= 5


SECRET = "a" * 64


def serve_args(database, *more):
    return ["serve", "--db", str(database), "--content", str(ROOT), *more]


@pytest.fixture
def served(monkeypatch):
    started = []
    monkeypatch.setattr("sprintlab.cli._serve", lambda *args: started.append(args))
    monkeypatch.setattr("sprintlab.cli.guards.port_free", lambda host, port: None)
    return started


def one_line_error(result, code):
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output


def test_the_secret_is_made_whole_private_and_never_remade_quietly(
    tmp_path, runner, served
):
    database = tmp_path / "study.db"
    secret = tmp_path / "study.db.secret"
    assert runner.invoke(cli, serve_args(database, "--init")).exit_code == 0
    assert secret.stat().st_mode & 0o777 == 0o600
    assert len(secret.read_text().strip()) == 64
    assert sorted(p.name for p in tmp_path.iterdir() if "secret" in p.name) == [
        "study.db.secret"
    ]  # no temporary file left
    key = secret.read_text()
    db = store.open_db(database)
    insert_one_participant(db, "sms/a", store.store_template_version(
        db, "sms/a", "nl", "sms", "Hoi"))  # fmt: skip
    db.close()
    assert runner.invoke(cli, serve_args(database)).exit_code == 0
    assert secret.read_text() == key  # read, not remade

    secret.unlink()  # lost while people are taking part
    result = runner.invoke(cli, serve_args(database))
    one_line_error(result, 2)
    assert "restore the file from a backup" in result.output
    assert "--new-secret" in result.output and not secret.exists()

    secret.write_text("x" * 64)  # junk
    one_line_error(runner.invoke(cli, serve_args(database)), 2)
    secret.write_text(SECRET)  # a valid key, but not this database's
    one_line_error(runner.invoke(cli, serve_args(database)), 2)

    assert runner.invoke(cli, serve_args(database, "--new-secret")).exit_code == 0
    assert secret.read_text().strip() not in (SECRET, key.strip())
    assert len(served) == 3


def test_simulating_into_a_new_database_makes_its_secret_too(tmp_path, runner, served):
    database = tmp_path / "sim.db"
    simulate = ["simulate", "sprint-sms", "--db", str(database), "--participants", "3"]
    assert runner.invoke(cli, simulate).exit_code == 0
    key = (tmp_path / "sim.db.secret").read_text()
    assert runner.invoke(cli, simulate).exit_code == 0  # more people, same key
    assert runner.invoke(cli, serve_args(database)).exit_code == 0
    assert (tmp_path / "sim.db.secret").read_text() == key


def test_commands_that_read_never_create_a_database(tmp_path, runner):
    missing = tmp_path / "typo" / "study.db"
    for args in (
        ["analyze", "vroegsignalering", "--db", str(missing)],
        ["export", "vroegsignalering", "--db", str(missing)],
        ["users", "list", "--db", str(missing)],
    ):
        result = runner.invoke(cli, args)
        one_line_error(result, 1)
        assert "no database at" in result.output
    assert not missing.parent.exists()


def test_bad_paths_are_one_line_errors(tmp_path, runner):
    database = tmp_path / "study.db"
    assert (
        runner.invoke(
            cli,
            ["simulate", "sprint-sms", "--db", str(database), "--participants", "2"],
        ).exit_code
        == 0
    )
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n" * 200)
    nowhere = str(tmp_path / "nowhere" / "out.csv")
    cases = [
        (["export", "sprint-sms", "--db", str(database), "--out", nowhere],
         "no folder"),
        (["analyze", "sprint-sms", "--db", str(database), "--out", nowhere],
         "no folder"),
        (["preview", "letter/controle", "--out", nowhere], "no folder"),
        (["analyze", "sprint-sms", "--db", str(tmp_path)], "is a folder"),
        (["export", "sprint-sms", "--db", str(text_file)], "not a SQLite"),
        (["users", "list", "--db", str(text_file)], "not a SQLite"),
        (["simulate", "sprint-sms", "--db", str(tmp_path), "--participants", "2"],
         "is a folder"),
    ]  # fmt: skip
    for args, words in cases:
        result = runner.invoke(cli, args)
        one_line_error(result, 1)
        assert words in result.output, (args, result.output)
    assert not (tmp_path / "nowhere").exists()
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path)])
    one_line_error(result, 2)


@pytest.mark.parametrize("shift", ["nan", "inf", "-inf", "1e308"])
def test_a_non_finite_effect_is_refused_and_leaves_no_data(tmp_path, runner, shift):
    database = tmp_path / "sim.db"
    result = runner.invoke(
        cli,
        ["simulate", "sprint-sms", "--db", str(database), "--participants", "5",
         "--effect", f"keuze:intrusiveness={shift}"],
    )  # fmt: skip
    one_line_error(result, 1)
    assert "SHIFT" in result.output and not database.exists()


def test_check_names_the_file_and_key_of_options_that_are_not_tables(tmp_path, runner):
    content = copy_content(tmp_path / "content")
    study = content / "prototypes" / "sprint-sms.toml"
    text = study.read_text()
    segment = text.index('id = "vertrouwen"')
    wording = text.index("[segments.text]", segment)
    options = text.index("[[segments.options]]", segment)
    following = text.index("\n\n[[segments]]", options)
    study.write_text(
        text[:wording]
        + 'options = ["a", "b"]\n'
        + text[wording:options]
        + text[following:]
    )
    result = runner.invoke(cli, ["check", "--content", str(content)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "sprint-sms.toml" in result.output
    assert "segments[0] (vertrouwen).options: error" in result.output
    assert 'items 0, 1 are not: got "a"' in result.output


def test_demo_on_a_busy_port_says_so_before_anything_else(tmp_path, runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        database = tmp_path / "demo.db"
        result = runner.invoke(
            cli, ["demo", "--db", str(database), "--port", str(port)]
        )
    one_line_error(result, 2)
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output
    assert not database.exists()
