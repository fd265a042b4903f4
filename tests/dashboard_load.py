"""Participants taking part while researchers open cold dashboards, over HTTP.

Shared by tests/test_reports.py (nothing fails, every answer is stored) and
benchmarks/dashboards.py (participants' submit latency with and without).
Loopback only; every loop is bounded by a count or a deadline.
"""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.web.secret_key import secret_beside
from tests.http_bot import HttpParticipant, walk

STUDY = "vroegsignalering"
RESEARCHER = ("onderzoeker", "lang-genoeg-1")
# Four dashboards that share no report: each is computed from cold.
DASHBOARDS = (
    "",
    "?exclude_speeders=1",
    "?all_pairs=1",
    "?exclude_speeders=1&all_pairs=1",
)


def filled_database(path, content, participants, seed=7):
    """A database with simulated participants, its secret key and a researcher.

    The key is made first, as `sprintlab simulate` does: a server refuses a
    database that holds participants but has no key beside it.
    """
    secret_beside(path)
    db = store.open_db(path)
    simulate_study(db, content, content.study(STUDY), participants, seed=seed)
    add_user(db, *RESEARCHER, "researcher")
    db.close()
    return path


def researcher_on(server, timeout=60):
    """A logged-in researcher's browser on SERVER."""
    person = HttpParticipant(server.url, STUDY, timeout=timeout)
    page = person.request("GET", "/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    login = {"csrf_token": token, "name": RESEARCHER[0], "password": RESEARCHER[1]}
    assert person.request("POST", "/login", login).status == 303
    return person


class Dashboards:
    """Researchers opening dashboards again and again, one thread each, until stopped.

    Participants keep adding answers meanwhile, so nearly every view asks for
    a data version that has no report yet: the worker is never idle. The
    researchers log in when made, before start(): a login hashes a password
    on purpose slowly, which is no dashboard's cost.
    """

    def __init__(self, server, options=DASHBOARDS, deadline=60.0, pause=0.0):
        self.server = server
        self.options = options
        self.pause = pause  # seconds each researcher waits between two views
        self.deadline = deadline
        self.stopping = threading.Event()
        self.statuses = []
        self.threads = []
        self.people = [researcher_on(server) for _ in options]

    def _keep_opening(self, person, option, deadline):
        try:
            while not self.stopping.is_set() and time.monotonic() < deadline:
                reply = person.request("GET", f"/research/{STUDY}{option}")
                self.statuses.append(reply.status)
                self.stopping.wait(self.pause)
        finally:
            person.close()

    def start(self):
        """Start one researcher per dashboard."""
        deadline = time.monotonic() + self.deadline
        for person, option in zip(self.people, self.options, strict=True):
            thread = threading.Thread(
                target=self._keep_opening, args=(person, option, deadline)
            )
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self, timeout=90):
        """Stop opening dashboards; the statuses of every view."""
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout)
        assert not any(t.is_alive() for t in self.threads), "a dashboard hung"
        return self.statuses


def take_part(server, seeds, clients=4):
    """Participants with SEEDS walk the study, CLIENTS at a time: their Walks."""
    with ThreadPoolExecutor(clients) as pool:
        return list(
            pool.map(lambda seed: walk(server.url, STUDY, f"/s/{STUDY}", seed), seeds)
        )


def submit_seconds(walks):
    """How long every answer submit (a POST) took, in seconds."""
    return [
        reply.seconds for w in walks for method, reply in w.replies if method == "POST"
    ]
