"""Main effects and two-way interactions of two-level factors, from the cells.

A factorial study shows each participant one cell: a combination of one
level of each of F two-level factors (2^F cells). Each effect is a contrast
of the cell means, every cell weighed alike whatever its size:

- a factor's main effect: the mean of the cells at its second level minus
  the mean of the cells at its first (reference) level, so its effect
  averaged over the levels of the other factors;
- an interaction of f and g: f's effect where g is at its second level minus
  f's effect where g is at its first.

Both are in the answers' own units: scale points for a 7-point item, a
difference in the share of "yes" for a yes/no item, so a verdict reads them
against the margin declared in those units. This is least squares on the
saturated cell model (every interaction in it), and the variance of a
contrast is the sum of c_k^2 s_k^2 / n_k over the cells: the HC2 robust
variance of that model, which needs no equal spread across cells (7-point
answers are bounded, and their spread differs from cell to cell). Tests and
intervals use Student's t with Welch-Satterthwaite degrees of freedom, as
Welch's t-test does for two groups.

Why this and not a proportional-odds model: the verdict margins are declared
in scale points (and shares of yes), so the estimate must be on that scale;
with unequal spreads the plain model errors and n - p degrees of freedom
reject too often in small cells. Simulated under no effect (tests/
test_stats_factorial.py), tests reject 4-6% at 5 to 20 answers per cell,
with equal or unequal spreads and cell sizes; 3-5% for a rare yes (10%)
at 5-10 per cell (docs/statistics.md, "Factorial studies").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

TEST_NAME = "Welch contrast of the cell means (HC2 errors, Satterthwaite df)"
#: Fewest answers per cell. A cell with one answer has no spread of its own
#: and borrows the pooled spread of the cells that have one.
MIN_PER_CELL = 1


@dataclass(frozen=True)
class Effect:
    """One main effect or two-way interaction, in the answers' units."""

    factors: tuple  # one name (a main effect) or two (an interaction)
    estimate: float
    standard_error: float  # nan when no cell has any spread
    df: float
    statistic: float
    p_value: float

    @property
    def kind(self):
        """'main' or 'interaction'."""
        return "main" if len(self.factors) == 1 else "interaction"

    def interval(self, confidence=0.95):
        """The two-sided interval at CONFIDENCE: (low, high); nan without spread."""
        if not (np.isfinite(self.standard_error) and self.standard_error > 0):
            return (np.nan, np.nan)
        half = scipy_stats.t.ppf(0.5 + confidence / 2, self.df) * self.standard_error
        return (self.estimate - half, self.estimate + half)


@dataclass(frozen=True)
class FactorialFit:
    """The effects of one question: main effects first, in factor order."""

    effects: tuple
    n: int
    cell_counts: dict  # cell (tuple of 0/1 per factor) -> answers
    test: str = TEST_NAME

    def effect(self, *factors):
        """The effect of FACTORS (one name, or two for an interaction)."""
        wanted = set(factors)
        for effect in self.effects:
            if set(effect.factors) == wanted:
                return effect
        raise KeyError(factors)

    @property
    def main(self):
        """The main effects, in factor order."""
        return tuple(e for e in self.effects if e.kind == "main")

    @property
    def interactions(self):
        """The two-way interactions, in pair order."""
        return tuple(e for e in self.effects if e.kind == "interaction")


def _cells(values, levels, names):
    """(cells, means, variances, sizes, variance dfs) after checking the input."""
    values = np.asarray(values, dtype=float)
    levels = np.asarray(levels)
    if values.ndim != 1 or levels.ndim != 2 or levels.shape[0] != values.size:
        raise ValueError("values must be (n,) and levels (n, factors)")
    if levels.shape[1] != len(names) or len(names) < 2:
        raise ValueError("give a name for each of at least two factors")
    if not np.isin(levels, (0, 1)).all():
        raise ValueError("levels must be 0 (reference) or 1")
    if not np.isfinite(values).all():
        raise ValueError("values must be finite: leave out don't-know answers")
    cells = list(itertools.product((0, 1), repeat=len(names)))
    groups = [values[(levels == cell).all(axis=1)] for cell in cells]
    sizes = np.array([group.size for group in groups])
    if (sizes < MIN_PER_CELL).any():
        raise ValueError(
            f"{int((sizes < MIN_PER_CELL).sum())} cell(s) have no answers yet:"
            " no factorial estimate"
        )
    means = np.array([group.mean() for group in groups])
    spread = sizes >= 2
    if not spread.any():
        raise ValueError("no cell has two answers yet: no factorial estimate")
    variances = np.array([g.var(ddof=1) if g.size >= 2 else np.nan for g in groups])
    # A lone answer borrows the pooled spread, with the pooled degrees of freedom.
    pooled_df = int((sizes[spread] - 1).sum())
    pooled = float(((sizes[spread] - 1) * variances[spread]).sum() / pooled_df)
    variances[~spread] = pooled
    dfs = np.where(spread, sizes - 1, pooled_df).astype(float)
    return np.array(cells), means, variances, sizes, dfs


def contrast(coefficients, means, variances, sizes, dfs=None):
    """(estimate, standard error, Welch-Satterthwaite df) of a contrast of cells.

    DFS: each cell's variance's degrees of freedom (default: its size - 1).
    """
    dfs = sizes - 1 if dfs is None else dfs
    estimate = float(coefficients @ means)
    terms = coefficients**2 * variances / sizes
    variance = float(terms.sum())
    if variance <= 0:
        return estimate, np.nan, np.nan
    df = variance**2 / float(np.sum(terms**2 / dfs))
    return estimate, np.sqrt(variance), df


def _effect(factors, coefficients, cells):
    _, means, variances, sizes, dfs = cells
    estimate, se, df = contrast(coefficients, means, variances, sizes, dfs)
    if not np.isfinite(se):
        return Effect(tuple(factors), estimate, se, df, np.nan, np.nan)
    statistic = estimate / se
    p_value = float(2 * scipy_stats.t.sf(abs(statistic), df))
    return Effect(tuple(factors), estimate, se, df, statistic, p_value)


def factorial_effects(values, levels, names, interactions=True):
    """Main effects and two-way interactions of NAMES' factors on VALUES.

    VALUES: (n,) answers; LEVELS: (n, F) 0 for a factor's reference level, 1
    for its other level; NAMES: the F factor names. ValueError when a cell
    has no answer, or no cell has two.
    """
    found = _cells(values, levels, names)
    cells, sizes = found[0], found[3]
    half = 2.0 ** (len(names) - 1)
    effects = [
        _effect((name,), np.where(cells[:, f] == 1, 1, -1) / half, found)
        for f, name in enumerate(names)
    ]
    if interactions:
        for f, g in itertools.combinations(range(len(names)), 2):
            same = cells[:, f] == cells[:, g]
            coefficients = np.where(same, 1, -1) / (half / 2)
            effects.append(_effect((names[f], names[g]), coefficients, found))
    counts = {
        tuple(cell): int(n) for cell, n in zip(cells.tolist(), sizes, strict=True)
    }
    return FactorialFit(tuple(effects), int(sizes.sum()), counts)
