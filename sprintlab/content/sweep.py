"""Rendering a template across time and people, as `check` and the studio do.

A template can depend on the date (``{% if today.month != 1 %}``) and on the
persona (``{% if persona.arrears > 500 %}``), so one rendering proves little:
a time bomb passes on the day it is saved and breaks a month later. So a
template is checked on a year of dates (the first, the fifteenth and the last
day of each of the next twelve months, which takes in the year's end, and the
next leap day), each date with personas of its own, 32 personas in all; a
factorial template takes its cells in turn, so each is rendered on several
dates. Every
render runs under the render budget, and the whole sweep within
SWEEP_BUDGETS render budgets, so a slow template cannot stall a check.
"""

import calendar
import itertools
import time
from datetime import date
from functools import lru_cache

from sprintlab.content import budget
from sprintlab.content.personas import make_persona
from sprintlab.content.rendering import RenderError, compile_message

SEEDS = 32
PERSONAS_PER_DATE = 2
SWEEP_BUDGETS = 10
MONTHS = 12


class SweepTooSlow(RenderError):
    """Every render kept its budget, but all of them together took too long."""


def sweep_dates(start):
    """The 1st, 15th and last day of twelve months from START, and a leap day."""
    days = set()
    year, month = start.year, start.month
    for _ in range(MONTHS):
        last = calendar.monthrange(year, month)[1]
        days.update(date(year, month, day) for day in (1, 15, last))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    days.add(_next_leap_day(start))
    return sorted(days)


def _next_leap_day(start):
    year = start.year if start <= date(start.year, 2, 28) else start.year + 1
    while not calendar.isleap(year):
        year += 1
    return date(year, 2, 29)


def sweep(start):
    """(day, persona seed) pairs: every date, each with personas of its own."""
    pairs = []
    for number, day in enumerate(sweep_dates(start)):
        for offset in range(PERSONAS_PER_DATE):
            pairs.append((day, (number * PERSONAS_PER_DATE + offset) % SEEDS))
    return pairs


@lru_cache(maxsize=4096)
def _persona(seed, language, day):
    # The same across templates of one check; templates cannot change it
    # (the sandbox is immutable).
    return make_persona(seed, language, day)


def render_across(template, start=None, limits=None):
    """Render TEMPLATE on every (day, persona) of the sweep; the first rendering.

    RenderError names the date and persona that broke it, or says the whole
    sweep took too long.
    """
    limits = limits or budget.default_budget()
    compiled = compile_message(template)
    allowed = SWEEP_BUDGETS * limits.cpu_seconds
    began = time.thread_time()
    first = None
    cells = all_cells(template.factors)
    for number, (day, seed) in enumerate(sweep(start or date.today())):
        persona = _persona(seed, template.language, day)
        cell = cells[number % len(cells)]
        try:
            rendered = compiled.render(persona, day, limits, html=False, cell=cell)
        except RenderError as error:
            where = f"on {day.isoformat()}, for persona {seed}"
            if cell:
                where += ", in the cell " + ", ".join(
                    f"{f} = {v}" for f, v in cell.items()
                )
            raise RenderError(f"{error.message} ({where})", error.line) from None
        first = first or rendered
        if time.thread_time() - began > allowed:
            raise SweepTooSlow(
                f"rendering it across a year of dates and personas took more than"
                f" {allowed:g} s of CPU: make the template simpler"
            )
    return first


def all_cells(factors):
    """Every combination of FACTORS' levels ({factor: (levels)}), the reference first.

    A template without factors has one cell, the empty one.
    """
    names = list(factors)
    return [
        dict(zip(names, levels, strict=True))
        for levels in itertools.product(*(factors[name] for name in names))
    ]
