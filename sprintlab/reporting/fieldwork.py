"""Fieldwork as it goes: counts against targets, where people stop, who is busy.

What a researcher watches while a study runs, read straight from the
database (a few aggregate queries, cheap enough for every refresh): per
variant the messages started and answered against the target, per page how
many reached it and how many stopped there, per group of each segment
question how many took part (a group is tested on its own once every
variant has MIN_CELL answers in it), and when the latest participant
started.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sprintlab import db as store
from sprintlab import stats
from sprintlab.reporting.analysis import variant_order
from sprintlab.reporting.segments import MIN_CELL, segment_levels

ACTIVE_MINUTES = 120  # a participant not seen for longer has stopped


@dataclass(frozen=True)
class VariantProgress:
    """One variant's messages against the study's target per variant."""

    variant: str
    label: str
    started: int
    answered: int
    completed: int
    target: int


@dataclass(frozen=True)
class PageProgress:
    """One page of the flow: who reached it, stopped there, or is there now."""

    page: str
    reached: int
    stopped: int  # got here, went no further, not seen for ACTIVE_MINUTES
    busy: int  # got here, went no further yet, seen recently


@dataclass(frozen=True)
class GroupProgress:
    """One group of a segment question: its participants, and its thinnest arm."""

    segment: str
    question: str
    group: str
    participants: int
    fewest: int  # answered messages of the variant with the fewest in this group
    needed: int = MIN_CELL


@dataclass(frozen=True)
class Fieldwork:
    """How a study's fieldwork stands right now."""

    participants: int
    completed: int
    busy: int
    latest_start: datetime | None
    latest_activity: datetime | None
    variants: tuple
    pages: tuple
    groups: tuple
    mismatch: object | None  # stats sample-ratio check (between designs)
    counted_at: datetime | None = None


def _time(text):
    return datetime.fromisoformat(text) if text else None


def fieldwork(db, study, now=None):
    """The fieldwork of STUDY as it stands at NOW (default: the current time)."""
    now = now or datetime.now(UTC)
    since = (now - timedelta(minutes=ACTIVE_MINUTES)).isoformat(timespec="seconds")
    progress = store.progress_counts(db, study.id, since)
    latest_start, latest_activity = store.fieldwork_times(db, study.id)
    variants = _variants(db, study)
    mismatch = None
    started = [v.started for v in variants]
    if study.design == "between" and sum(started) >= 2 * len(started):
        mismatch = stats.sample_ratio_mismatch(started)
    return Fieldwork(
        participants=sum(row[-1] for row in progress),
        completed=sum(row[-1] for row in progress if row[3]),
        busy=sum(row[-1] for row in progress if row[4] and not row[3]),
        latest_start=_time(latest_start),
        latest_activity=_time(latest_activity),
        variants=variants,
        pages=_pages(study, progress),
        groups=_groups(db, study),
        mismatch=mismatch,
        counted_at=now,
    )


def _variants(db, study):
    counts = {row[0]: row[1:] for row in store.variant_progress(db, study.id)}
    return tuple(
        VariantProgress(
            vid,
            study.variant(vid).label["en"],
            *counts.get(vid, (0, 0, 0)),
            study.target_per_variant,
        )  # fmt: skip
        for vid in variant_order(study)
    )


def page_names(study):
    """The pages of the flow after consent, in order, with how to reach each."""
    messages = len(study.variants) if study.design == "within" else 1
    pages = [("Consent given", lambda s, a, seg, done: True)]
    for k in range(1, messages + 1):
        name = "Message" if messages == 1 else f"Message {k} of {messages}"
        pages.append((f"{name}: shown", lambda s, a, seg, done, k=k: s >= k))
        pages.append((f"{name}: answered", lambda s, a, seg, done, k=k: a >= k))
    if study.segments:
        pages.append(("About you: answered", lambda s, a, seg, done: bool(seg)))
    pages.append(("Finished", lambda s, a, seg, done: bool(done)))
    return pages


def _pages(study, progress):
    """Per page: reached, stopped there, still busy there."""
    pages = page_names(study)
    found = []
    for index, (name, reached_it) in enumerate(pages):
        following = pages[index + 1][1] if index + 1 < len(pages) else None
        reached = stopped = busy = 0
        for shown, answered, segments, completed, active, people in progress:
            marks = (shown, answered, segments, completed)
            if not reached_it(*marks):
                continue
            reached += people
            if following is None or following(*marks):
                continue
            if active:
                busy += people
            else:
                stopped += people
        found.append(PageProgress(name, reached, stopped, busy))
    return tuple(found)


def _groups(db, study):
    """Participants per group of every segment question, and the thinnest arm."""
    counts = {}
    for question, value, variant, people in store.group_counts(db, study.id):
        counts.setdefault((question, value), {})[variant] = people
    ids = variant_order(study)
    found = []
    for segment in study.tested_segments:
        for level, label in segment_levels(segment):
            by_variant = counts.get((segment.id, level), {})
            if segment.type == "likert7" and not by_variant:
                continue  # a scale point nobody chose says nothing here
            found.append(GroupProgress(
                segment.id, segment.text["en"], label["en"],
                sum(by_variant.values()), min(by_variant.get(v, 0) for v in ids),
            ))  # fmt: skip
    return tuple(found)


def ago(when, now=None):
    """How long ago WHEN was, in words: 'just now', '4 minutes ago', '2 days ago'."""
    if when is None:
        return "never"
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            amount = int(seconds // size)
            return f"{amount} {unit}{'s' if amount != 1 else ''} ago"
    return "just now"
