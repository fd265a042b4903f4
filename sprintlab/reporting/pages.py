"""A study's dashboard page as the report worker makes it: sections of HTML.

Runs in the worker process (sprintlab.reporting.worker), never in a thread
that serves participants: the evidence is read, the report computed and its
sections rendered here, and the report is kept in the worker for the segment
groups a researcher asks for next. sprintlab.reporting.reports keeps the
pages on the server's side.
"""

import functools
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sprintlab import db as store
from sprintlab import stats
from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.analysis import free_texts, report_from_evidence
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.exposure import exposure_by_variant
from sprintlab.reporting.html import render_sections, render_segment_level
from sprintlab.reporting.live import live_counts, live_intervals
from sprintlab.reporting.preregistration import status
from sprintlab.reporting.segment_formats import segmentation_json
from sprintlab.reporting.segmentation import SegmentationError, from_saved
from sprintlab.reporting.summary import answer_parts
from sprintlab.reporting.versions import version_rows

WORKER_REPORTS = 8  # reports a worker keeps for the groups asked for next
# In the worker process: the latest reports, for the segment groups asked for.
_worker_reports = OrderedDict()


@dataclass(frozen=True)
class StudyPage:
    """What a study's dashboard shows that depends only on the evidence.

    The report itself stays in the worker: the server gets its sections as
    HTML and the few numbers it needs, so showing a page costs the server
    next to nothing (no unpickling of a report, no rendering of tables).
    """

    key: tuple  # (database, study hash, data version, options): names the report
    sections: dict  # name -> HTML text; "segments": segment id -> HTML text
    counts: dict  # live counts: participants, flags, started and answered
    headline: str  # the summary's first sentence
    planning: dict  # what the planner needs (reporting.planning)
    made_at: datetime


def _report(key, study):
    """The report KEY names: kept in this worker, or made from the database."""
    database, _, _, exclude_speeders, all_pairs = key
    report = _worker_reports.get(key)
    if report is None:
        db = store.connect(database, create=False)
        try:
            evidence = load_evidence(db, study, exclude_speeders=exclude_speeders)
        finally:
            db.close()
        report = report_from_evidence(study, evidence, exclude_speeders, all_pairs)
        _keep_in_worker(key, report)
    _worker_reports.move_to_end(key)
    return report


def _keep_in_worker(key, report):
    _worker_reports[key] = report
    while len(_worker_reports) > WORKER_REPORTS:
        _worker_reports.popitem(last=False)


def planning_numbers(report):
    """What the sample-size planner needs from a report (plain numbers)."""
    family = report.family
    return {
        "binary": family.helpfulness.type == "yes_no",
        "paired": report.study.design == "within",
        "alpha": family.alpha,
        "family_size": family.size,
        "margin": smallest_difference(family.helpfulness),
        "now": min((v.current_n for v in report.verdicts.values()), default=0),
        "planned_n": max(
            (v.planned_n for v in report.verdicts.values() if v.planned_n),
            default=None,
        ),
        "helpfulness": family.helpfulness.text["en"],
    }


def planned(planning, margin):
    """The n per variant a helpfulness MARGIN needs in the page's verdict family."""
    return _planned(
        margin, planning["binary"], planning["paired"], planning["alpha"],
        planning["family_size"],
    )  # fmt: skip


@functools.lru_cache(maxsize=256)
def _planned(margin, binary, paired, alpha, family_size):
    """stats.planned_n once per margin and family (every view of a page asks)."""
    return stats.planned_n(
        margin, kind="binary" if binary else "ordinal", paired=paired,
        alpha=alpha, family_size=family_size,
    )  # fmt: skip


def make_study_page(database, study, data_version, exclude_speeders, all_pairs):
    """The dashboard's page of STUDY from the evidence in DATABASE (in the worker)."""
    db = store.connect(database, create=False)
    try:
        # One read of the evidence serves the report, free texts and live
        # intervals; counts, free texts and live intervals cover everyone.
        everyone = load_evidence(db, study)
        analysed = (
            load_evidence(db, study, exclude_speeders=True)
            if exclude_speeders
            else everyone
        )
        versions = version_rows(db, study)
        exposure = exposure_by_variant(db, study)
        report = report_from_evidence(study, analysed, exclude_speeders, all_pairs)
        report = replace(report, preregistration=status(db, study, report))
        segmentation = saved_segments(db, study, everyone)
    finally:
        db.close()
    key = (str(database), study.hash, data_version, exclude_speeders, all_pairs)
    _keep_in_worker(key, report)
    counts = live_counts(study, everyone.assignments)
    texts = {
        q.id: free_texts(everyone, study, q.id)
        for q in study.questions
        if q.type == "text"
    }
    sections = render_sections(
        report, "en", texts=texts, exposure=exposure, versions=versions,
        counts=counts, live=live_intervals(study, everyone),
        segmentation=segmentation,
    )  # fmt: skip
    return StudyPage(
        key=key,
        sections=sections,
        counts=counts,
        headline=answer_parts(report, "en")[0],
        planning=planning_numbers(report),
        made_at=datetime.now(UTC),
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


def make_segment_level(key, study, segment_id, level):
    """One group's map and differences as HTML, or None (in the worker)."""
    if segment_id not in {s.id for s in study.tested_segments}:
        return None
    return render_segment_level(_report(key, study), segment_id, level)
