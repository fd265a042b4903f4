"""Study reports for the research dashboard: made in a worker process, then kept.

What a dashboard shows about a study's evidence (the summary, verdicts and
tests, charts, counts, live intervals, free texts, results per message
version, exposure) is a `StudyPage`: its sections rendered as HTML. Making
one takes about a second at thousands of participants, so it is made in a
worker process (sprintlab.reporting.worker: a ProcessPoolExecutor of one
process, started at the first request for a report, never at import), never
in a thread that serves participants. The worker renders the HTML too, so
the server only pastes finished sections into the page.

The API, for the web layer (web/research.py) and the dashboard:

- `Reports()`: the pages kept for one app. Thread-safe: one lock guards the
  kept pages and the computations running; one asked for twice runs once.
- `Reports.study_page(database, study, data_version, exclude_speeders,
  all_pairs, wait)` returns a `Shown(page, updating)`:
  - the page for exactly that data version, as soon as it is ready;
  - while that one is being made: the latest page of the same study and
    options, with `updating=True` (say so on the page);
  - when there is no page yet at all: it waits up to WAIT seconds, then raises
    `StillComputing` (say "still computing, refresh in a moment").
  Pages are kept per (database, study hash, data version, options), the
  newest REPORTS_KEPT of them.
- `Reports.refresh(...)`: start making the page of a data version without
  waiting (when data change, and when the server starts); `latest(...)`:
  the newest page made.
- `Reports.segment_level(page, study, segment_id, level, wait)`: the map and
  differences of one group of a segment question (HTML), made by the worker
  from the page's report, kept like the pages; StillComputing after WAIT.
- `ReportFailed`: the worker could not make it (the cause is logged).
- `shutdown()`: stop the worker process (the server calls it when it stops).
"""

import logging
import math
import threading
import time
from collections import OrderedDict
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import count

from sprintlab.reporting.pages import (  # noqa: F401 - part of this API
    StudyPage,
    make_segment_level,
    make_study_page,
    planned,
)
from sprintlab.reporting.worker import discard_pool, submit
from sprintlab.reporting.worker import shutdown as shutdown  # part of this API

REPORTS_KEPT = 16
# Seconds between two pages of a study while its data keep changing.
UPDATE_EVERY = 10.0
# Seconds a first view waits for its report before it says "still computing"
# (and reloads itself): a report takes about a second at 10,000 participants.
FIRST_WAIT = 5.0

log = logging.getLogger("sprintlab.reports")


@dataclass(frozen=True)
class Shown:
    """A page to show, and whether a newer one is being made meanwhile."""

    page: StudyPage
    updating: bool


class StillComputing(Exception):
    """No page of this study can be shown yet: the first one is being made."""


class ReportFailed(Exception):
    """The worker could not make the report."""


class Reports:
    """The dashboard pages of one app: kept, and made in the worker process.

    One page of a study (with given options) is made at a time: versions
    asked for meanwhile wait, and only the newest of them is made next, so
    a study whose data change every second never queues a stale page. And
    an update of a page already shown waits until UPDATE_EVERY seconds have
    passed since the last one was made: while answers pour in, the worker
    makes a study's page a few times a minute, not without a break.
    """

    def __init__(self, kept=REPORTS_KEPT, update_every=UPDATE_EVERY):
        self._kept = kept
        self._update_every = update_every
        self._made_at = {}  # lineage -> when its latest page was made (monotonic)
        self._timers = {}  # lineage -> the Timer that starts its next update
        self._closed = False
        self._lock = threading.Lock()
        self._done = OrderedDict()  # key -> StudyPage, or HTML of a group
        self._running = {}  # key -> Future
        self._newest = {}  # (database, study hash, options) -> (order, StudyPage)
        self._making = {}  # lineage -> the Future of the page being made
        self._wanted = {}  # lineage -> (key, args) of the newest page asked for
        self._order = count()

    def __len__(self):
        """How many pages and group views are kept."""
        return len(self._done)

    @staticmethod
    def _page_job(database, study, data_version, exclude_speeders, all_pairs):
        """(lineage, key, arguments of make_study_page) of one page."""
        lineage = (str(database), study.hash, bool(exclude_speeders), bool(all_pairs))
        args = (str(database), study, data_version, *lineage[2:])
        return lineage, ("page", *lineage, data_version), args

    def study_page(
        self,
        database,
        study,
        data_version,
        exclude_speeders=False,
        all_pairs=False,
        wait=FIRST_WAIT,
    ):
        """The page for DATA_VERSION, or the latest one while it is made (Shown)."""
        lineage, key, args = self._page_job(
            database, study, data_version, exclude_speeders, all_pairs
        )
        with self._lock:
            page = self._kept_value(key)
            newest = self._newest.get(lineage)
        if page is not None:
            return Shown(page, updating=False)
        future = self._page(lineage, key, args)
        if newest is not None:
            return Shown(newest[1], updating=True)
        try:
            page = self._result(future, wait)
        except FutureTimeout:
            raise StillComputing(study.id) from None
        return Shown(page, updating=page.key[2] != data_version)

    def refresh(self, database, study, data_version, exclude_speeders=False,
                all_pairs=False):  # fmt: skip
        """Start making the page for DATA_VERSION unless it is kept or being made.

        Returns at once: the page is made in the worker, off the request path.
        """
        lineage, key, args = self._page_job(
            database, study, data_version, exclude_speeders, all_pairs
        )
        with self._lock:
            if self._kept_value(key) is not None:
                return
        self._page(lineage, key, args)

    def latest(self, database, study, exclude_speeders=False, all_pairs=False):
        """The newest page made of STUDY with these options, or None."""
        lineage = (str(database), study.hash, bool(exclude_speeders), bool(all_pairs))
        with self._lock:
            newest = self._newest.get(lineage)
        return newest[1] if newest else None

    def _page(self, lineage, key, args):
        """The Future of the page KEY, or of the page of LINEAGE being made now.

        None when KEY updates a page already shown and waits its turn.
        """
        with self._lock:
            future = self._running.get(key)
            if future is not None:
                return future
            making = self._making.get(lineage)
            if making is not None:
                self._wanted[lineage] = (key, args)  # made when that one is done
                return making
            since = time.monotonic() - self._made_at.get(lineage, -math.inf)
            if lineage in self._newest and since < self._update_every:
                self._wanted[lineage] = (key, args)
                self._later(lineage, self._update_every - since)
                return None
        future = self._start(key, lineage, make_study_page, *args)
        with self._lock:
            if not future.done():
                self._making[lineage] = future
        return future

    def segment_level(self, page, study, segment_id, level, wait=FIRST_WAIT):
        """One group's map and differences (HTML, or None when there are none)."""
        key = ("group", *page.key, segment_id, level)
        with self._lock:
            found = self._kept_value(key)
        if found is not None:
            return found
        future = self._start(
            key, None, make_segment_level, page.key, study, segment_id, level
        )
        try:
            return self._result(future, wait)
        except FutureTimeout:
            raise StillComputing(study.id) from None

    def _kept_value(self, key):
        value = self._done.get(key)
        if value is not None:
            self._done.move_to_end(key)
        return value

    def _start(self, key, lineage, make, *args):
        """The computation of KEY: the running one, or a new one in the worker."""
        with self._lock:
            future = self._running.get(key)
            if future is None:
                future = self._running[key] = submit(make, *args)
                order = next(self._order)
            else:
                return future
        # Outside the lock: a future that is already done calls back at once.
        future.add_done_callback(lambda done: self._finished(key, lineage, order, done))
        return future

    def _later(self, lineage, seconds):
        """Start LINEAGE's wanted page in SECONDS (with the lock held)."""
        if lineage in self._timers or self._closed:
            return
        timer = threading.Timer(seconds, self._due, args=(lineage,))
        timer.daemon = True
        self._timers[lineage] = timer
        timer.start()

    def _due(self, lineage):
        """Its turn has come: make LINEAGE's newest wanted page (a Timer runs it)."""
        with self._lock:
            self._timers.pop(lineage, None)
            wanted = None if self._closed else self._wanted.pop(lineage, None)
        if wanted is not None:
            self._make_next(lineage, *wanted)

    def close(self):
        """Start no more pages: the server stops (updates waiting their turn)."""
        with self._lock:
            self._closed = True
            timers, self._timers = list(self._timers.values()), {}
        for timer in timers:
            timer.cancel()

    def _finished(self, key, lineage, order, future):
        """Keep what a computation made (run by the executor when it is done)."""
        with self._lock:
            self._running.pop(key, None)
            if self._making.get(lineage) is future:
                del self._making[lineage]
                self._made_at[lineage] = time.monotonic()
            wanted = self._wanted.pop(lineage, None) if lineage else None
            self._keep(key, lineage, order, future)
        if wanted is not None:  # the newest version asked for meanwhile
            self._make_next(lineage, *wanted)

    def _make_next(self, lineage, key, args):
        """Make page KEY of LINEAGE next, unless it is kept by now."""
        with self._lock:
            if self._kept_value(key) is not None:
                return
        self._page(lineage, key, args)

    def _keep(self, key, lineage, order, future):
        """Keep FUTURE's value under KEY (with the lock held)."""
        if future.cancelled() or future.exception() is not None:
            return
        value = future.result()
        if value is None:
            return
        self._done[key] = value
        while len(self._done) > self._kept:
            self._done.popitem(last=False)
        if lineage is not None and order >= self._newest.get(lineage, (-1,))[0]:
            self._newest[lineage] = (order, value)

    def _result(self, future, wait):
        """FUTURE's value within WAIT seconds; ReportFailed if the worker failed."""
        try:
            return future.result(timeout=wait)
        except FutureTimeout:
            raise
        except BrokenProcessPool as broken:
            discard_pool()
            log.error("the report worker process ended: %s", broken)
            raise ReportFailed(str(broken)) from None
        except Exception as error:
            log.exception("the report worker could not make a report")
            raise ReportFailed(str(error)) from error
