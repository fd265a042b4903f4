"""More processes come from gunicorn on the same app factory, set by SPRINTLAB_*."""

import re
import signal
import sqlite3
import time

import pytest

from tests.conftest import ROOT
from tests.http_bot import HttpParticipant, walk
from tests.server import GunicornProcess, descendant_pids

pytestmark = pytest.mark.server


def failed_logins(server, attempts):
    """Wrong passwords for one account, each on a new connection: the statuses."""
    statuses = []
    for _ in range(attempts):
        person = HttpParticipant(server.url, "sprint-sms")
        page = person.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
        wrong = {"csrf_token": token, "name": "onderzoeker", "password": "fout"}
        statuses.append(person.request("POST", "/login", wrong).status)
        person.close()
    return statuses


def test_gunicorn_serves_participants_with_two_worker_processes(tmp_path):
    from sprintlab import db as store
    from sprintlab.accounts import add_user

    database = tmp_path / "g.db"
    db = store.open_db(database)
    add_user(db, "onderzoeker", "lang-genoeg-1", "researcher")
    db.close()
    server = GunicornProcess(database, content_root=ROOT, workers=2).start()
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
        # worker process takes an attempt.
        statuses = failed_logins(server, 7)
    finally:
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(20) == 0
    assert all("Bedankt voor het meedoen" in w.replies[-1][1].text for w in walks)
    assert all(len(w.acknowledged) == 2 for w in walks)  # message and segments
    assert statuses == [401] * 5 + [429] * 2
    conn = sqlite3.connect(database)
    try:
        people = conn.execute(
            "SELECT count(*), count(completed_at) FROM participants"
        ).fetchone()
        per_person = conn.execute(
            "SELECT count(*) FROM answers GROUP BY participant_id"
        ).fetchall()
    finally:
        conn.close()
    assert people == (4, 4) and len(per_person) == 4
    assert {n for (n,) in per_person} == {11}  # 8 ratings, 2 yes/no, a remark each


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
