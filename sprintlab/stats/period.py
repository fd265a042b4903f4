"""Period (position) effects in within-subject designs.

When every participant sees several variants in turn, the rating may
depend on the position (first seen, second seen, ...) as well as on the
variant: fatigue, learning, anchoring. Counterbalancing spreads that effect
over the variants, but it still adds noise and, with unbalanced orders,
bias. This module tests it: Friedman's test over positions (which needs
participants with a rating at every position) and the mean rating per
position (from every rating given at that position).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import join_notes
from .omnibus import as_complete_rows, friedman
from .results import TestResult


@dataclass(frozen=True)
class PeriodEffect:
    """Does the rating depend on the position in which a variant was seen?

    Attributes:
        test: Friedman's test over positions (complete rows only).
        mean_by_position: Mean rating at each position, from every rating.
        n_by_position: Ratings at each position.
        n_complete: Participants with a rating at every position.
        note: Who was left out of the test and why.
    """

    test: TestResult
    mean_by_position: tuple[float, ...]
    n_by_position: tuple[int, ...]
    n_complete: int
    note: str = ""


def period_effect(ratings_by_position) -> PeriodEffect:
    """Return the period effect from participants x positions ratings (NaN = none).

    Column j holds each participant's rating of the variant they saw j-th,
    whichever variant that was.
    """
    table = np.asarray(ratings_by_position, dtype=float)
    rows, dropped = as_complete_rows(table)
    test = friedman(rows)
    given = ~np.isnan(table)
    n_by = given.sum(axis=0)
    with np.errstate(invalid="ignore"):
        means = np.nansum(table, axis=0) / np.where(n_by > 0, n_by, np.nan)
    note = ""
    if dropped:
        note = (
            f"{dropped} participant(s) without a rating at every position left out "
            "of the test (the means use every rating)"
        )
    return PeriodEffect(
        test, tuple(float(m) for m in means), tuple(int(n) for n in n_by),
        rows.shape[0], join_notes(note),
    )  # fmt: skip
