"""What a report says in its own language beyond its fixed words.

The notes of the statistics, the names of their tests, why a claim could
not be made, the deviations from a pre-registration and the segments' rules:
each comes from English data (the JSON's) and is said here in the report's
language, for the report templates (reporting.html).
"""

import functools

from sprintlab.reporting.latent_words import WORDS as LATENT_WORDS
from sprintlab.reporting.note_words import note_text
from sprintlab.reporting.preregistration_words import (
    deviation_kind,
    deviation_text,
    outside_text,
)
from sprintlab.reporting.segment_formats import said
from sprintlab.reporting.segment_words import interaction_note, segment_tests_text
from sprintlab.reporting.stat_names import stat_name
from sprintlab.reporting.verdicts import says_why
from sprintlab.reporting.wording import claim_why, verdict_notes


def said_in(report, language, segmentation=None):
    """The template context of REPORT's words in LANGUAGE (SEGMENTATION: its JSON)."""
    return {
        "stat_name": functools.partial(stat_name, language=language),
        "note_text": functools.partial(note_text, language=language),
        "deviation_kind": deviation_kind, "deviation_text": deviation_text,
        "outside_text": outside_text, "seg_words": LATENT_WORDS[language],
        "seg_said": said(segmentation, report.study, language)
        if segmentation and not segmentation.get("error") else {},
    } | _segment_words(report, language) | _verdict_words(report, language)  # fmt: skip


def _segment_words(report, language):
    """The line on the segment tests, and each test's note, in LANGUAGE."""
    summary = report.segment_summary
    notes = {
        (s.segment.id, s.outcome.id, variant): interaction_note(s, variant, language)
        for s in report.segments
        for variant in s.interactions
    }
    return {
        "segment_line": segment_tests_text(summary, language) if summary else "",
        "segment_notes": notes,
    }


def _verdict_words(report, language):
    """Each verdict's notes, and why each claim could not be made, in LANGUAGE."""
    verdicts = report.verdicts.items()
    return {
        "verdict_notes": {
            variant: verdict_notes(v.claims, says_why, language)
            for variant, v in verdicts
        },
        "claim_notes": {
            (variant, role): claim_why(claim, language)
            for variant, v in verdicts
            for role, claim in v.claims.items()
        },
    }
