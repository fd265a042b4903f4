"""Study reports for the research dashboard: made in a worker process, then kept.

What a dashboard shows about a study's evidence (the report with its verdicts
and tests, the live counts and intervals, free texts, results per template
version, and the figures) is a `StudyPage`. Making one takes seconds at
thousands of participants, so it is made in a worker process
(sprintlab.reporting.worker: a ProcessPoolExecutor of one process, started
at the first request for a report, never at import), never in a thread that
serves participants: their pages keep their turns on the server's core while
the worker uses another.

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
- `Reports.segment_figure(page, segment_id, level, wait)`: the
  helpfulness-intrusiveness map of one segment level, drawn by the worker
  and kept like the pages (None when the study has no map); StillComputing
  while it is still being drawn after WAIT.
- `ReportFailed`: the worker could not make it (the cause is logged).
- `shutdown()`: stop the worker process (the server calls it when it stops).
"""

import logging
import threading
from collections import OrderedDict
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import count

from sprintlab import db as store
from sprintlab.hashing import content_hash
from sprintlab.reporting.analysis import free_texts, report_from_evidence
from sprintlab.reporting.dashboard import report_figures, segment_map
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.exposure import exposure_by_variant
from sprintlab.reporting.formats import report_json
from sprintlab.reporting.live import live_counts, live_intervals
from sprintlab.reporting.preregistration import status
from sprintlab.reporting.segment_formats import segmentation_json
from sprintlab.reporting.segmentation import SegmentationError, from_saved
from sprintlab.reporting.segments import report_outcomes
from sprintlab.reporting.worker import discard_pool, submit
from sprintlab.reporting.worker import shutdown as shutdown  # part of this API

REPORTS_KEPT = 16
FIRST_WAIT = 30.0  # seconds the first view of a report waits before "still computing"

log = logging.getLogger("sprintlab.reports")


@dataclass(frozen=True)
class StudyPage:
    """What a study's dashboard shows that depends only on the evidence."""

    report: object
    counts: dict
    texts: dict
    live: list
    versions: list
    figures: dict  # name -> SVG text (the map, one bar chart per 7-point question)
    data: dict  # the report as JSON-ready data
    figure_version: str  # names this page's figures in the plot cache
    exposure: list = ()  # how each variant's messages were shown (VariantExposure)
    segmentation: dict | None = None  # the saved segment model's segments (JSON)


@dataclass(frozen=True)
class Shown:
    """A page to show, and whether a newer one is being made meanwhile."""

    page: StudyPage
    updating: bool


class StillComputing(Exception):
    """No page of this study can be shown yet: the first one is being made."""


class ReportFailed(Exception):
    """The worker could not make the report."""


def make_study_page(database, study, data_version, exclude_speeders, all_pairs):
    """The dashboard's page of STUDY from the evidence in DATABASE (in the worker)."""
    db = store.connect(database)
    try:
        # One read of the evidence serves the report, free texts and live
        # intervals; counts, free texts and live intervals cover everyone.
        everyone = load_evidence(db, study)
        analysed = (
            load_evidence(db, study, exclude_speeders=True)
            if exclude_speeders
            else everyone
        )
        outcomes = {q.id for q in report_outcomes(study)}
        versions = [
            row
            for row in store.answers_by_template_version(db, study.id)
            if row[3] in outcomes
        ]
        exposure = exposure_by_variant(db, study)
        report = report_from_evidence(study, analysed, exclude_speeders, all_pairs)
        report = replace(report, preregistration=status(db, study, report))
        segments = saved_segments(db, study, everyone)
    finally:
        db.close()
    # The worker serves every database this process uses: the plot cache
    # must not take one database's figure for another's.
    figure_version = (
        f"{content_hash(database)[:12]}:{data_version}"
        f"-{int(exclude_speeders)}-{int(all_pairs)}"
    )
    return StudyPage(
        report=report,
        counts=live_counts(study, everyone.assignments),
        texts={
            q.id: free_texts(everyone, study, q.id)
            for q in study.questions
            if q.type == "text"
        },
        live=live_intervals(study, everyone),
        versions=versions,
        figures=report_figures(report, figure_version),
        data=report_json(report),
        figure_version=figure_version,
        exposure=exposure,
        segmentation=segments,
    )


def saved_segments(db, study, evidence):
    """The saved segment model's segments of everyone (JSON-ready), or None.

    Classified with the model, not refitted: people who arrived after it was
    saved get a segment too, and a page costs no fit.
    """
    row = store.latest_segmentation(db, study.id)
    if row is None:
        return None
    try:
        return segmentation_json(from_saved(study, evidence, row))
    except SegmentationError as error:
        return {"error": str(error)}


def make_segment_figure(report, segment_id, level, figure_version):
    """The map of one segment level as SVG text, or None (in the worker)."""
    return segment_map(report, segment_id, level, figure_version)


class Reports:
    """The dashboard pages of one app: kept, and made in the worker process."""

    def __init__(self, kept=REPORTS_KEPT):
        self._kept = kept
        self._lock = threading.Lock()
        self._done = OrderedDict()  # key -> StudyPage, or SVG text of a figure
        self._running = {}  # key -> Future
        self._newest = {}  # (database, study hash, options) -> (order, StudyPage)
        self._order = count()

    def __len__(self):
        """How many pages and figures are kept."""
        return len(self._done)

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
        lineage = (str(database), study.hash, bool(exclude_speeders), bool(all_pairs))
        key = ("page", *lineage, data_version)
        with self._lock:
            page = self._kept_value(key)
            newest = self._newest.get(lineage)
        if page is not None:
            return Shown(page, updating=False)
        future = self._start(
            key,
            lineage,
            make_study_page,
            str(database),
            study,
            data_version,
            bool(exclude_speeders),
            bool(all_pairs),
        )
        if newest is not None:
            return Shown(newest[1], updating=True)
        try:
            return Shown(self._result(future, wait), updating=False)
        except FutureTimeout:
            raise StillComputing(study.id) from None

    def segment_figure(self, page, segment_id, level, wait=FIRST_WAIT):
        """The map of one segment level (SVG text, or None when there is none)."""
        study = page.report.study
        key = ("figure", study.hash, page.figure_version, segment_id, level)
        with self._lock:
            figure = self._kept_value(key)
        if figure is not None:
            return figure
        future = self._start(
            key,
            None,
            make_segment_figure,
            page.report,
            segment_id,
            level,
            page.figure_version,
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

    def _finished(self, key, lineage, order, future):
        """Keep what a computation made (run by the executor when it is done)."""
        with self._lock:
            self._running.pop(key, None)
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
