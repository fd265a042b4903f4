"""Confidence limits as the set of differences a test does not reject.

An interval built this way agrees with its test by construction: it
excludes a value exactly when the test of that value rejects. The limits
are found by bisection on the test's one-sided p-value; the values a verdict
reads (0 and the margins) are passed as *checkpoints* and tested directly,
so the interval's position relative to them is decided by the test itself,
never by the bisection's tolerance. Should the p-value not be monotone in
the hypothesised difference, a checkpoint the test does not reject is kept
inside the interval (the interval is then the hull of the non-rejected
values, which keeps its coverage).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

#: Bisection stops when the bracket is this small relative to the step.
RELATIVE_TOLERANCE = 1e-10
MAX_DOUBLINGS = 64


def lower_limit(
    upper_tail_p: Callable[[float], float],
    estimate: float,
    tail: float,
    *,
    step: float = 1.0,
    floor: float = -np.inf,
    checkpoints: Iterable[float] = (),
) -> float:
    """Return the smallest difference whose upper-tail p-value is at least TAIL.

    ``upper_tail_p(d)`` is the p-value of "difference = d" against "difference
    > d"; it grows with d. The search starts at ``estimate`` (not rejected)
    and walks down by doubling ``step`` until a rejected value is found, never
    below ``floor`` (returned when even the floor is not rejected).
    """

    def accepted(d: float) -> bool:
        """Return whether the test does not reject difference D."""
        return upper_tail_p(d) >= tail

    below = sorted(float(x) for x in checkpoints if x < estimate)
    kept = [x for x in below if accepted(x)]
    rejected = [x for x in below if x not in kept]
    low = max(rejected) if rejected else None
    if low is None:
        width = step
        for _ in range(MAX_DOUBLINGS):
            candidate = max(estimate - width, floor)
            if not accepted(candidate):
                low = candidate
                break
            if candidate == floor:
                return floor
            width *= 2
        else:
            return floor
    high = float(estimate)
    tolerance = RELATIVE_TOLERANCE * max(step, 1e-300)
    while high - low > tolerance:
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if accepted(middle):
            high = middle
        else:
            low = middle
    return min([high, *kept])


def upper_limit(
    lower_tail_p: Callable[[float], float],
    estimate: float,
    tail: float,
    *,
    step: float = 1.0,
    ceiling: float = np.inf,
    checkpoints: Iterable[float] = (),
) -> float:
    """Return the largest difference whose lower-tail p-value is at least TAIL."""
    return -lower_limit(
        lambda d: lower_tail_p(-d),
        -estimate,
        tail,
        step=step,
        floor=-ceiling,
        checkpoints=[-x for x in checkpoints],
    )


def reach_note(max_confidence: float, confidence: float, what: str) -> str:
    """Return the sentence saying which level WHAT allow, when it is too low."""
    if confidence <= max_confidence + 1e-12:
        return ""
    return (
        f"{what} allow at most {100 * max_confidence:.4g}% confidence, not "
        f"the {100 * confidence:.4g}% asked for: the interval is unbounded"
    )


def sizes_phrase(n_control: int, n_variant: int, paired: bool) -> str:
    """Return "5 pairs" or "3 + 3 answers"."""
    return f"{n_control} pairs" if paired else f"{n_control} + {n_variant} answers"


class InvertibleTest:
    """A test of "difference = d" for every d, and the interval it implies.

    Subclasses set ``estimate``, ``test``, ``method`` and implement
    :meth:`tails`; they may override :meth:`limits` with a closed form.
    ``max_confidence`` is the highest two-sided level the (exact) test can
    reach at these sample sizes; ``floor``/``ceiling`` bound the parameter
    (a risk difference lies in [-1, 1]); ``step`` is a natural scale for the
    search (a standard error).
    """

    estimate: float = np.nan
    test: str = ""
    method: str = ""
    max_confidence: float = 1.0
    step: float = 1.0
    floor: float = -np.inf
    ceiling: float = np.inf
    note: str = ""
    exact_limits: bool = False

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        raise NotImplementedError

    def p_value(self, difference: float = 0.0) -> float:
        """Return the two-sided p-value (twice the smaller tail) of "difference = d"."""
        return float(min(1.0, 2.0 * min(self.tails(difference))))

    def limits(self, tail: float, checkpoints=()) -> tuple[float, float]:
        """Return the limits whose one-sided p-values are TAIL, by bisection."""
        return (
            lower_limit(
                lambda d: self.tails(d)[1], self.estimate, tail, step=self.step,
                floor=self.floor, checkpoints=checkpoints,
            ),
            upper_limit(
                lambda d: self.tails(d)[0], self.estimate, tail, step=self.step,
                ceiling=self.ceiling, checkpoints=checkpoints,
            ),
        )  # fmt: skip

    def interval(self, confidence: float, checkpoints=()) -> tuple[float, float, float]:
        """Return (low, high, achieved confidence) of the two-sided interval.

        Unreachable levels give the whole parameter range and the highest
        reachable level. The checkpoints are tested directly, so the interval
        contains each of them exactly when the test does not reject it.
        """
        if confidence > self.max_confidence + 1e-12:
            return self.floor, self.ceiling, self.max_confidence
        tail = (1.0 - confidence) / 2.0
        low, high = self.limits(tail, checkpoints)
        for x in checkpoints:
            less, greater = self.tails(x)
            if greater < tail and low <= x <= self.estimate:
                low = float(np.nextafter(x, np.inf))
            if less < tail and self.estimate <= x <= high:
                high = float(np.nextafter(x, -np.inf))
        for x in checkpoints:
            less, greater = self.tails(x)
            if greater >= tail and less >= tail:
                low, high = min(low, x), max(high, x)
        return float(low), float(high), float(confidence)
