"""Serving: one waitress process that drains requests in flight when it stops."""

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.server import ServerProcess, alive, descendant_pids, free_port
from tests.serving_app import LAST_LINE, SLOW_LINES, SLOW_SECONDS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.server


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode()


def start_serving_app(tmp_path):
    """tests/serving_app.py on loopback; (process, base URL) once it answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serving_app", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "serving.log").open("wb"),
        text=True,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            assert get(base + "/started", timeout=1) == (200, "0")
            return process, base
        except OSError:
            assert process.poll() is None, (tmp_path / "serving.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)


@pytest.mark.parametrize(
    "ending", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"]
)
def test_a_request_in_flight_gets_its_whole_answer_when_the_server_stops(
    tmp_path, ending
):
    process, base = start_serving_app(tmp_path)
    try:
        replies = []
        slow = threading.Thread(
            target=lambda: replies.append(get(base + "/slow", timeout=15))
        )
        slow.start()
        deadline = time.monotonic() + 10
        while get(base + "/started")[1] != "1":
            assert time.monotonic() < deadline, "/slow never started"
            time.sleep(0.02)
        process.send_signal(ending)
        stopped_at = time.monotonic()
        time.sleep(0.2)  # the signal has been handled: nothing new is taken
        with pytest.raises((OSError, http.client.HTTPException)):
            get(base + "/started", timeout=10)
        slow.join(15)
        assert process.wait(10) == 0
        assert time.monotonic() - stopped_at < SLOW_SECONDS + 5
        assert "drained and stopped" in process.stdout.read()
    finally:
        process.kill()
        process.wait(10)
    ((status, body),) = replies
    lines = body.split("\n")
    assert status == 200 and len(lines) == SLOW_LINES + 1 and lines[-1] == LAST_LINE


def test_sprintlab_serve_is_one_process_and_ends_with_status_0(tmp_path):
    server = ServerProcess(tmp_path / "one.db", content_root=ROOT).start()
    try:
        assert get(server.url + "/s/sprint-sms")[0] == 200
        # One serving process: nothing forks to serve. Beside it only the
        # report worker, forked at the start to make the dashboards ready,
        # which runs only when a core would otherwise be idle.
        helpers = descendant_pids(server.process.pid)
        assert len(helpers) == 1
        assert {os.sched_getscheduler(pid) for pid in helpers} == {os.SCHED_IDLE}
    finally:
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(10) == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers):
        assert time.monotonic() < deadline, "a helper process outlived the server"
        time.sleep(0.1)
    with pytest.raises(OSError):
        get(server.url + "/s/sprint-sms", timeout=1)
