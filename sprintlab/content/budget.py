"""The render budget: the CPU time and memory one template render may use.

A designer's template runs on the server, on every participant's page. The
template language (template_rules) has no loops, no calls and no macros, so
every operation in a template runs at most once per render. Each operation
that can make something large (an output, a filter, +, *, ~) is charged to
the render's meter: the size of what it made, and from time to time the CPU
time so far. Past the budget the render stops with OverBudget, which
rendering turns into a RenderError at the template line.

Defaults: 200 ms of CPU (and, once a render has used a quarter of that, at
most 2.5 times that on the wall clock) and 64 MB per render; set
SPRINTLAB_RENDER_CPU_MS and SPRINTLAB_RENDER_MEMORY_MB (or the app's
RENDER_CPU_MS and RENDER_MEMORY_MB).
"""

import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

MB = 1024 * 1024
# Reading the thread's CPU clock is a system call: look at it every so many
# charges. No single charged operation takes more than a few milliseconds.
CLOCK_EVERY = 16
# On a busy machine a render's thread gets the CPU only part of the time; the
# wall clock also bounds it, at this many times the CPU budget, so a runaway
# template is refused in well under a second whatever the load. Only a render
# that has also used a good part of its CPU budget is stopped by the wall
# clock: an ordinary letter (under a millisecond) never fails because the
# server was busy.
WALL_FACTOR = 2.5
WALL_AFTER_CPU = 0.25


@dataclass(frozen=True)
class Budget:
    """What one render may use: CPU seconds and bytes made."""

    cpu_seconds: float = 0.2
    memory_bytes: int = 64 * MB

    @classmethod
    def of(cls, cpu_ms=None, memory_mb=None):
        """A budget from milliseconds and megabytes (None: the default)."""
        return cls(
            cpu_seconds=(cpu_ms if cpu_ms is not None else 200) / 1000,
            memory_bytes=int((memory_mb if memory_mb is not None else 64) * MB),
        )


class OverBudget(Exception):
    """A render used more CPU time or memory than its budget allows."""


_default = [
    Budget.of(
        float(os.environ.get("SPRINTLAB_RENDER_CPU_MS", 200)),
        float(os.environ.get("SPRINTLAB_RENDER_MEMORY_MB", 64)),
    )
]
_local = threading.local()


def default_budget():
    """The budget renders get unless they are given another."""
    return _default[0]


def set_default_budget(budget):
    """Use BUDGET for every render from now on (the app sets it from its config)."""
    _default[0] = budget


class Meter:
    """One render's account: bytes made, characters printed, and a CPU deadline."""

    __slots__ = (
        "budget", "bytes_left", "started", "wall_deadline", "printed_left", "ticks",
        "printed",
    )  # fmt: skip

    def __init__(self, budget, printed):
        self.budget = budget
        self.bytes_left = budget.memory_bytes
        self.printed = printed
        self.printed_left = printed
        self.started = time.thread_time()
        self.wall_deadline = time.monotonic() + WALL_FACTOR * budget.cpu_seconds
        self.ticks = 0

    def charge(self, size, printed=0):
        """Count SIZE bytes made (PRINTED characters printed); OverBudget past it."""
        self.bytes_left -= size
        if self.bytes_left < 0:
            raise OverBudget(
                f"the template makes more than {self.budget.memory_bytes / MB:.3g} MB"
                " of text"
            )
        self.printed_left -= printed
        if self.printed_left < 0:
            raise OverBudget(f"the template prints more than {self.printed} characters")
        self.ticks += 1
        if self.ticks % CLOCK_EVERY == 0:
            self.check_clock()

    def check_clock(self):
        """OverBudget when the render has used up its CPU time (or wall time)."""
        used = time.thread_time() - self.started
        if used > self.budget.cpu_seconds:
            raise OverBudget(
                "the template takes more than"
                f" {self.budget.cpu_seconds * 1000:.0f} ms to render"
            )
        busy = used > WALL_AFTER_CPU * self.budget.cpu_seconds
        if busy and time.monotonic() > self.wall_deadline:
            raise OverBudget(
                "the template takes more than"
                f" {WALL_FACTOR * self.budget.cpu_seconds * 1000:.0f} ms to render"
                " (on a busy server)"
            )


@contextmanager
def metered(budget=None, printed=200_000):
    """Charge the renders in this block (this thread) to a new meter.

    PRINTED bounds the characters printed in all, also into {% set %} blocks.
    Inside a metered block, a nested one joins the outer meter: the parts of
    one message share one budget.
    """
    outer = getattr(_local, "meter", None)
    if outer is not None:
        yield outer
        return
    meter = _local.meter = Meter(budget or default_budget(), printed)
    try:
        yield meter
    finally:
        _local.meter = None


def charge(size, printed=0):
    """Charge SIZE bytes (and PRINTED characters) to this thread's metered render."""
    meter = getattr(_local, "meter", None)
    if meter is not None:
        meter.charge(size, printed)


def check_clock():
    """OverBudget when this thread's metered render has used up its CPU time."""
    meter = getattr(_local, "meter", None)
    if meter is not None:
        meter.check_clock()
