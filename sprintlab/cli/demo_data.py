"""The demo's data: plans frozen first, then simulated answers, then segments.

As a real study would go: each shipped study is pre-registered before its
simulated participants arrive, and a segment model is fitted and saved for
each study with segment questions, so the dashboard shows its segments.
"""

import json
from datetime import UTC, datetime, timedelta

import click

from sprintlab import db as store
from sprintlab.fieldwork.simulation import (
    DEMO_PARTICIPANTS,
    seed_demo,
    start_ending_at,
)
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.preregistration import preregister
from sprintlab.reporting.segmentation import SegmentationError, segment_study


def prepare_demo(db, content, sizes=None, end=None):
    """Pre-register, simulate and segment each shipped study not yet in DB.

    The simulated participants arrive over the hours before END (now); each
    plan is registered an hour before the first of them, as in a real study.
    """
    studies = content.studies()
    sizes = sizes or DEMO_PARTICIPANTS
    end = end or datetime.now(UTC)
    for study_id, count in sizes.items():
        study = studies.get(study_id)
        if study is None or store.participant_count(db, study_id):
            continue
        if store.preregistration_of(db, study_id) is None:
            before = start_ending_at(end, count) - timedelta(hours=1)
            preregister(db, study, content, now=before)
            click.echo(f"pre-registered {study_id} before its simulated participants")
    seeded = seed_demo(db, content, end=end, sizes=sizes)
    for study_id, result in seeded.items():
        click.echo(f"simulated {result.started} participants for {study_id}")
        _save_segments(db, studies[study_id])
    return seeded


def _save_segments(db, study):
    """Fit and save a segment model, when the study has enough respondents."""
    if not study.indicators:
        return
    try:
        found = segment_study(study, load_evidence(db, study), seed=0, resamples=10)
    except SegmentationError:
        return  # too few respondents: the dashboard says how to fit one
    store.save_segmentation(db, study.id, json.dumps(found.model), store.now())
    click.echo(f"saved a {found.k}-segment model of {study.id}")
