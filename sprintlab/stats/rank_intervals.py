"""Shift intervals that invert the rank test reported next to them.

The Hodges-Lehmann interval is the set of shifts d for which the rank test
of (variant - d) against the control does not reject: Mann-Whitney for two
arms, the signed-rank test for pairs. The test of d changes only where d
creates or breaks a tie: at a pairwise difference (two arms) or a Walsh
average (pairs) -- the *breakpoints*. So the test is evaluated, with the
very same p-value function as the reported test (exact with ties, or the
tie-corrected normal approximation), at every breakpoint and once inside
every gap between them:

- whole-number answers (rating scales): a shift model can only move
  whole-number answers by whole numbers (pairs: half-numbers, the centre of
  a symmetric difference), so the interval is the set of such shifts the
  test does not reject, from the smallest to the largest. Then "the
  interval excludes 0" and "the test rejects" are the same statement, ties
  and all;
- other answers: the closure of the non-rejected shifts (a gap that is not
  rejected brings in its end points).

When no data could give p < 1 - confidence (3 + 3 answers, 5 pairs) the
shifts far out are not rejected either and the interval is unbounded.
Beyond MAX_BREAKPOINTS (many distinct continuous answers) the caller uses
the order-statistic form of the same inversion instead.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: Above this many distinct breakpoints the interval is not evaluated point by point.
MAX_BREAKPOINTS = 2_000


def candidate_shifts(breakpoints: np.ndarray, unit: float | None) -> np.ndarray:
    """Return the shifts to test: a lattice of step UNIT, or breakpoints and gaps.

    The first and last candidates lie beyond every breakpoint, where the arms
    (or signs) are completely separated.
    """
    breakpoints = np.unique(breakpoints)
    if unit is not None:
        low = np.floor(breakpoints[0] / unit) - 1
        high = np.ceil(breakpoints[-1] / unit) + 1
        return np.arange(low, high + 1) * unit
    gaps = 0.5 * (breakpoints[:-1] + breakpoints[1:])
    outside = [breakpoints[0] - 1.0, breakpoints[-1] + 1.0]
    return np.sort(np.concatenate([breakpoints, gaps, outside]))


def inverted_interval(
    p_value: Callable[[float], float],
    breakpoints: np.ndarray,
    confidence: float,
    unit: float | None,
) -> tuple[float, float, str]:
    """Return (low, high, note): the shifts whose two-sided p is >= 1 - confidence.

    ``unit`` is the lattice step for whole-number data, None otherwise. A side
    where even complete separation is not rejected is infinite. An end that
    is not itself in the set (the test rejects the breakpoint but not the gap
    next to it) is given as the next representable number inside, so that
    "excludes 0" and "rejects 0" stay the same statement; the note says so.
    """
    alpha = 1.0 - confidence
    note = ""
    if unit is not None:
        candidates = candidate_shifts(breakpoints, unit)
        accepted = np.array([p_value(float(d)) >= alpha for d in candidates])
        if accepted.any():
            first, last = np.flatnonzero(accepted)[[0, -1]]
            low = -np.inf if first == 0 else float(candidates[first])
            high = np.inf if last == candidates.size - 1 else float(candidates[last])
            return low, high, note
        note = "no whole-number shift fits the data; the interval is open"
    candidates = candidate_shifts(breakpoints, None)
    accepted = np.array([p_value(float(d)) >= alpha for d in candidates])
    if not accepted.any():  # cannot happen for a valid test; be safe
        return float("nan"), float("nan"), "no shift fits the data"
    first, last = np.flatnonzero(accepted)[[0, -1]]
    # Candidates alternate: gap (even index, the ends beyond every
    # breakpoint included) and breakpoint (odd index).
    low = -np.inf if first == 0 else float(candidates[first])
    if first > 0 and first % 2 == 0:
        low = float(np.nextafter(candidates[first - 1], np.inf))
    high = np.inf if last == candidates.size - 1 else float(candidates[last])
    if last < candidates.size - 1 and last % 2 == 0:
        high = float(np.nextafter(candidates[last + 1], -np.inf))
    return low, high, note


def lattice_unit(values: np.ndarray, step: float) -> float | None:
    """Return STEP when every value is a whole number, else None."""
    return step if np.all(values == np.round(values)) else None
