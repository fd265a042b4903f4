"""Reports are made in a worker process, kept, and never block a participant."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sprintlab import db as store
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting import reports
from tests.conftest import ROOT
from tests.dashboard_load import (
    Dashboards,
    filled_database,
    researcher_on,
    submit_seconds,
    take_part,
)
from tests.server import ServerProcess, descendant_pids


def test_no_worker_process_is_started_at_import_or_app_creation(tmp_path):
    check = (
        "import multiprocessing, sprintlab.reporting.worker as worker;"
        "from sprintlab import create_app;"
        f"create_app({{'DATABASE': {str(tmp_path / 'x.db')!r}}});"
        "assert worker._pool is None and not multiprocessing.active_children()"
    )
    subprocess.run([sys.executable, "-c", check], check=True, cwd=ROOT, timeout=60)


def test_a_report_asked_for_at_once_by_many_is_made_once(
    tmp_path, content, monkeypatch
):
    database = tmp_path / "once.db"
    db = store.open_db(database)
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 12, seed=3)
    version = store.data_version(db, study.id)
    db.close()
    submitted = []
    submit = reports.submit
    monkeypatch.setattr(
        reports, "submit", lambda *args: submitted.append(args) or submit(*args)
    )
    kept = reports.Reports()
    barrier = threading.Barrier(6)
    shown = []

    def ask():
        barrier.wait()
        shown.append(kept.study_page(database, study, version, wait=60))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert len(shown) == 6 and len(submitted) == 1
    assert all(s.page is shown[0].page and not s.updating for s in shown)
    assert shown[0].page.counts["participants"] == 12
    again = kept.study_page(database, study, version, wait=60)
    assert again.page is shown[0].page and len(submitted) == 1


@pytest.mark.server
def test_the_report_worker_ends_with_the_server_even_when_killed(tmp_path, content):
    database = filled_database(tmp_path / "k.db", content, 30)
    server = ServerProcess(database, content_root=ROOT).start()
    try:
        researcher = researcher_on(server)
        page = researcher.request("GET", "/research/vroegsignalering")
        assert page.status == 200 and "Verdicts" in page.text
        workers = descendant_pids(server.process.pid)
        assert workers, "no report worker process"
    finally:
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a report worker outlived the server"
        time.sleep(0.1)


def alive(pid):
    """Whether process PID runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.server
def test_participants_take_part_while_four_cold_dashboards_render(tmp_path, content):
    database = filled_database(tmp_path / "busy.db", content, 400)
    with ServerProcess(database, content_root=ROOT) as server:
        dashboards = Dashboards(server).start()
        try:
            walks = take_part(server, range(1000, 1024))
        finally:
            statuses = dashboards.stop()
    # Nothing failed: every participant got every page, every dashboard view
    # was a report or a clear "still computing" page.
    assert len(walks) == 24 and len(submit_seconds(walks)) == 24 * 3
    assert statuses and set(statuses) <= {200, 202}
    conn = store.connect(database)
    try:  # the 400 simulated people come first; the walkers after them
        people = conn.execute(
            "SELECT count(*), count(completed_at) FROM participants WHERE id > 400"
        ).fetchone()
        answers = conn.execute(
            "SELECT count(*) FROM answers WHERE participant_id > 400"
        ).fetchone()[0]
        segments = conn.execute(
            "SELECT count(*) FROM segment_answers WHERE participant_id > 400"
        ).fetchone()[0]
    finally:
        conn.close()
    acknowledged = sum(n for w in walks for _, n in w.acknowledged)
    assert (
        people == (24, 24) and answers + segments == acknowledged == 24 * 17
    )  # 11 answers, 6 about them


def crash(*args):
    """Stands in for the report maker: the worker process dies at once."""
    os._exit(3)


def test_a_worker_that_dies_is_replaced(tmp_path, content, monkeypatch):
    database = tmp_path / "crash.db"
    db = store.open_db(database)
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 6, seed=4)
    version = store.data_version(db, study.id)
    db.close()
    kept = reports.Reports()
    monkeypatch.setattr(reports, "make_study_page", crash)
    with pytest.raises(reports.ReportFailed):
        kept.study_page(database, study, version, wait=60)
    monkeypatch.undo()
    shown = kept.study_page(database, study, version, wait=60)
    assert shown.page.counts["participants"] == 6 and not shown.updating
