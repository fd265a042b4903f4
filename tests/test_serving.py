"""Serving: participant pages have their own worker, apart from the rest."""

import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from sprintlab.cli.serving import SplitDispatcher, is_participant_path
from tests.server import free_port, worker_pids

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "path, participant",
    [
        ("/s/sprint-sms", True),
        ("/s/sprint-sms/m/0", True),
        ("/withdraw", True),
        ("/research/", False),
        ("/studio/t/sms/coach", False),
        ("/static/sprintlab.css", False),
        ("/", False),
        ("/sprint-sms", False),
    ],
)
def test_participant_paths(path, participant):
    assert is_participant_path(path) is participant


def channel(path):
    """What waitress hands add_task: a connection with its next request first."""
    return SimpleNamespace(requests=[SimpleNamespace(path=path)], cancel=lambda: None)


def test_requests_queue_by_path():
    dispatcher = SplitDispatcher(participant_threads=0)  # no workers: queues stay
    try:
        dispatcher.add_task(channel("/s/sprint-sms/m/0"))
        dispatcher.add_task(channel("/research/sprint-sms"))
        dispatcher.add_task(SimpleNamespace(requests=[], cancel=lambda: None))
        assert len(dispatcher.participants.queue) == 1
        assert len(dispatcher.others.queue) == 2
    finally:
        dispatcher.shutdown(timeout=1)


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


@pytest.mark.server
def test_a_busy_research_worker_never_holds_up_participant_pages(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (tmp_path / "serving.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.serving_app", "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                assert get(base + "/s/ping", timeout=1) == "pong"
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        replies = {}

        def fetch(path):
            replies[path] = get(base + path, timeout=15)

        slow = threading.Thread(target=fetch, args=("/slow",))
        slow.start()
        time.sleep(0.5)  # /slow now holds the one worker of the shared pool
        queued = threading.Thread(target=fetch, args=("/other",))
        queued.start()
        started = time.monotonic()
        assert get(base + "/s/ping") == "pong"
        assert time.monotonic() - started < 2
        # The shared pool really was busy: /slow and /other are still waiting.
        assert slow.is_alive() and queued.is_alive() and not replies
        assert get(base + "/s/release") == "released"
        slow.join(15)
        queued.join(15)
        assert replies == {"/slow": "slow done", "/other": "other"}
    finally:
        process.kill()
        process.wait(10)


def test_default_processes_follow_the_cores_up_to_a_cap(monkeypatch):
    from sprintlab.cli import serving

    monkeypatch.setattr(serving, "can_prefork", lambda: True)
    for cores, expected in [(1, 1), (2, 2), (4, 4), (64, serving.MAX_PROCESSES)]:
        monkeypatch.setattr(serving.os, "cpu_count", lambda cores=cores: cores)
        assert serving.default_processes() == expected
    monkeypatch.setattr(serving, "can_prefork", lambda: False)
    assert serving.default_processes() == 1


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.server
@pytest.mark.parametrize("ending", ["SIGKILL", "SIGTERM"])
def test_worker_processes_end_with_the_server(tmp_path, ending):
    from sprintlab.cli.serving import can_prefork
    from tests.server import ServerProcess

    if not can_prefork():
        pytest.skip("worker processes are Linux only")
    server = ServerProcess(tmp_path / "w.db", content_root=ROOT).start()
    try:
        workers = worker_pids(server.process.pid)
        assert len(workers) >= 1
        assert get(server.url + "/s/sprint-sms").startswith("<!doctype html>")
    finally:
        if ending == "SIGKILL":
            server.kill()
        else:
            server.stop()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker process outlived the server"
        time.sleep(0.1)
    with pytest.raises(OSError):
        get(server.url + "/s/sprint-sms", timeout=1)
