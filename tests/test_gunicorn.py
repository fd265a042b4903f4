"""More processes come from gunicorn on the same app factory, set by SPRINTLAB_*."""

import re
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT
from tests.http_bot import HttpParticipant, walk
from tests.server import GunicornProcess, descendant_pids

pytestmark = pytest.mark.server


def failed_login(server):
    """One wrong password for the researcher, on a new connection: the status."""
    person = HttpParticipant(server.url, "sprint-sms")
    try:
        page = person.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
        wrong = {"csrf_token": token, "name": "onderzoeker", "password": "fout"}
        return person.request("POST", "/login", wrong).status
    finally:
        person.close()


def login_workers(access_log):
    """The worker process ids that answered a POST /login, from the access log."""
    lines = access_log.read_text().splitlines() if access_log.exists() else []
    return {line.split()[0] for line in lines if line.endswith("POST /login")}


def failed_logins_on_both_workers(server, access_log, least=8, most=40):
    """Wrong passwords, four at a time, past the limit and on two workers."""
    statuses = []
    with ThreadPoolExecutor(4) as pool:
        while len(statuses) < least or (
            len(login_workers(access_log)) < 2 and len(statuses) < most
        ):
            statuses += list(pool.map(lambda _: failed_login(server), range(4)))
            time.sleep(0.2)  # gunicorn writes its access log after the reply
    return statuses


def test_gunicorn_serves_participants_with_two_worker_processes(tmp_path):
    from sprintlab import db as store
    from sprintlab.accounts import add_user

    database = tmp_path / "g.db"
    db = store.open_db(database)
    add_user(db, "onderzoeker", "lang-genoeg-1", "researcher")
    db.close()
    access_log = tmp_path / "access.log"
    server = GunicornProcess(database, content_root=ROOT, workers=2)
    server.extra = ["--access-logfile", str(access_log), "--access-logformat",
                    "%(p)s %(m)s %(U)s"]  # fmt: skip
    server.start()
    try:
        deadline = time.monotonic() + 15
        while len(descendant_pids(server.process.pid)) < 2:
            assert time.monotonic() < deadline, "gunicorn started no second worker"
            time.sleep(0.1)
        walks = [
            walk(server.url, "vroegsignalering", "/s/vroegsignalering", seed)
            for seed in range(4)
        ]
        # The login limit is counted in the database, so it holds whichever
        # worker process takes an attempt, even when they come at once.
        statuses = failed_logins_on_both_workers(server, access_log)
        workers = login_workers(access_log)
    finally:
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(20) == 0
    assert all("Bedankt voor het meedoen" in w.replies[-1][1].text for w in walks)
    assert all(len(w.acknowledged) == 2 for w in walks)  # message and segments
    assert len(workers) == 2, "every attempt went to one worker"
    assert sorted(statuses) == [401] * 5 + [429] * (len(statuses) - 5)
    conn = sqlite3.connect(database)
    try:
        people = conn.execute(
            "SELECT count(*), count(completed_at) FROM participants"
        ).fetchone()
        per_person = conn.execute(
            "SELECT count(*) FROM answers WHERE instr(question_id, ':') = 0"
            " GROUP BY participant_id"
        ).fetchall()
        data_rows = conn.execute(
            "SELECT count(*) FROM answers WHERE instr(question_id, ':') > 0"
            " GROUP BY participant_id"
        ).fetchall()
    finally:
        conn.close()
    assert people == (4, 4) and len(per_person) == 4
    assert {n for (n,) in per_person} == {11}  # 8 ratings, 2 yes/no, a remark each
    # and a data-use row per piece of data the message lists (none on a poster)
    assert {n for (n,) in data_rows} <= {2, 3}


def test_the_readme_gives_the_gunicorn_line_this_test_runs():
    readme = (ROOT / "README.md").read_text()
    (line,) = [line for line in readme.splitlines() if " gunicorn --workers" in line]
    for setting in ("DATABASE", "CONTENT", "PUBLIC_URL", "TRUSTED_PROXIES"):
        assert f"SPRINTLAB_{setting}=" in line
    command = GunicornProcess("x.db").command()
    flags = " ".join(
        command[command.index("--workers") : command.index("--graceful-timeout")]
    )
    assert f"gunicorn {flags} --bind " in line
    assert line.endswith(" 'sprintlab:create_app()'")
