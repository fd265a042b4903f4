"""How each variant's messages were shown: seen, opened, and for how long.

A rating means little from someone who never opened the message. Per
variant: how many messages were shown and answered, the median seconds from
first shown to answers stored (measured by the server), the layouts the
questions were asked in, and, where the study stages the opening (an
envelope, a lock screen), how many were opened and how many were rated
without opening.
"""

import statistics
from collections import Counter
from dataclasses import dataclass

from sprintlab import db as store
from sprintlab.reporting.analysis import variant_order


@dataclass(frozen=True)
class VariantExposure:
    """The exposure of one variant's messages."""

    variant: str
    label: str
    shown: int
    answered: int
    median_seconds: float | None
    staged: int
    opened: int
    rated_unopened: int
    layouts: dict


def exposure_by_variant(db, study):
    """One VariantExposure per variant of STUDY, in the report's order."""
    rows = {}
    for variant, *exposure in store.exposure_rows(db, study.id):
        rows.setdefault(variant, []).append(exposure)
    order = variant_order(study)
    order += sorted(set(rows) - set(order))  # variants since removed
    labels = {v.id: v.label["en"] for v in study.variants}
    return [
        _summary(variant, labels.get(variant, variant), rows.get(variant, []))
        for variant in order
    ]


def _summary(variant, label, rows):
    seconds = [row[4] for row in rows if row[1] and row[4] is not None]
    staged = [row for row in rows if row[2] == "staged" and row[1]]
    return VariantExposure(
        variant=variant,
        label=label,
        shown=sum(1 for row in rows if row[0]),
        answered=sum(1 for row in rows if row[1]),
        median_seconds=statistics.median(seconds) if seconds else None,
        staged=len(staged),
        opened=sum(1 for row in staged if row[3]),
        rated_unopened=sum(1 for row in staged if not row[3]),
        layouts=dict(Counter(row[5] for row in rows if row[1] and row[5])),
    )
