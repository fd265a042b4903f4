"""Reports are made in a worker process, kept, and never block a participant."""

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future

import pytest

from sprintlab import db as store
from sprintlab.content.data_sources import data_used
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
from tests.server import ServerProcess, alive, descendant_pids


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
        assert page.status == 200 and 'id="summary"' in page.text
        workers = descendant_pids(server.process.pid)
        assert workers, "no report worker process"
    finally:
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a report worker outlived the server"
        time.sleep(0.1)


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
        variants = [row[0] for row in conn.execute(
            "SELECT variant_id FROM assignments WHERE participant_id > 400"
        )]  # fmt: skip
    finally:
        conn.close()
    acknowledged = sum(n for w in walks for _, n in w.acknowledged)
    # Per walker: each question about the message (a data_use question once
    # per piece of data its message lists) and each segment question with
    # radio buttons (the walkers leave the optional ranking open).
    study = content.study("vroegsignalering")
    asked = len(study.questions) - len(study.data_use_questions)
    radios = len([q for q in study.segments if q.type != "rank"])
    rows = {v.id: len(data_used(content.template(v.template, "nl").front_matter))
            for v in study.variants}  # fmt: skip
    expected = sum(asked + radios + rows[variant] for variant in variants)
    assert people == (24, 24) and answers + segments == acknowledged == expected


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


def test_a_report_of_a_database_moved_away_creates_no_new_one(tmp_path, content):
    # The worker may start a report after an operator moved the file away:
    # it must fail, never leave a new, empty database in its place.
    gone = tmp_path / "gone.db"
    with pytest.raises(store.NotAStore):
        reports.make_study_page(gone, content.study("sprint-sms"), "1", False, False)
    assert not gone.exists()


def held_submits(monkeypatch):
    """Stand in for the worker: a (version, Future) per page, completed by hand."""
    made = []

    def held(make, *args):
        made.append((args[2], Future()))
        return made[-1][1]

    monkeypatch.setattr(reports, "submit", held)
    return made


def test_a_study_whose_data_keep_changing_queues_one_page_not_one_per_version(
    content, monkeypatch
):
    made = held_submits(monkeypatch)
    kept = reports.Reports(update_every=0)
    study = content.study("sprint-sms")
    for version in ("v1", "v2", "v3", "v4"):
        kept.refresh("study.db", study, version)
    assert [version for version, _ in made] == ["v1"]  # one at a time

    def finish(index):
        version, future = made[index]
        key = ("study.db", study.hash, version, False, False)
        future.set_result(reports.StudyPage(key, {}, {}, "", {}, None))

    finish(0)
    assert [version for version, _ in made] == ["v1", "v4"]  # the newest next
    shown = kept.study_page("study.db", study, "v4", wait=1)
    assert shown.updating and shown.page.key[2] == "v1"
    finish(1)
    shown = kept.study_page("study.db", study, "v4", wait=1)
    assert not shown.updating and shown.page.key[2] == "v4"
    assert len(made) == 2


def blas_threads():
    """The thread count of every BLAS this process has loaded (run in the worker)."""
    import scipy.stats  # noqa: F401 - loads scipy's own BLAS too
    from threadpoolctl import threadpool_info

    return [(i["internal_api"], i["num_threads"]) for i in threadpool_info()]


def test_the_worker_computes_on_one_core_at_most():
    # A BLAS thread per core would let the worker take both cores of a small
    # server, which slows participants even at idle priority.
    from sprintlab.reporting import worker

    found = worker.submit(blas_threads).result(timeout=60)
    assert found and {threads for _, threads in found} == {1}


def test_an_update_waits_its_turn_and_then_comes_by_itself(content, monkeypatch):
    made = held_submits(monkeypatch)
    kept = reports.Reports(update_every=0.5)
    study = content.study("sprint-sms")
    kept.refresh("study.db", study, "v1")  # a first page: made at once
    key = ("study.db", study.hash, "v1", False, False)
    made[0][1].set_result(reports.StudyPage(key, {}, {}, "", {}, None))
    kept.refresh("study.db", study, "v2")  # an update, right after: it waits
    kept.refresh("study.db", study, "v3")
    assert [version for version, _ in made] == ["v1"]
    shown = kept.study_page("study.db", study, "v3", wait=0)
    assert shown.updating and shown.page.key[2] == "v1"
    deadline = time.monotonic() + 30
    while len(made) < 2:  # its turn comes without anyone asking again
        assert time.monotonic() < deadline, "the update never started"
        time.sleep(0.05)
    assert [version for version, _ in made] == ["v1", "v3"]  # the newest only
    kept.close()
