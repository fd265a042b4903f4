"""Tests across k >= 2 variants: Kruskal-Wallis (between) and Friedman (within)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
from scipy import stats

from ._checks import as_sample, join_notes, missing_note
from .compare import compare_ordinal
from .multiplicity import holm
from .results import Comparison, Omnibus, TestResult


def as_groups(groups) -> tuple[list[np.ndarray], int]:
    """Return the non-missing answers per group and the number of NaNs dropped."""
    if len(groups) < 2:
        raise ValueError(f"need at least 2 groups, got {len(groups)}")
    kept, dropped = [], 0
    for i, group in enumerate(groups):
        values, missing = as_sample(group, f"group {i}")
        kept.append(values)
        dropped += missing
    return kept, dropped


def as_complete_rows(table) -> tuple[np.ndarray, int]:
    """Return rows (participants) x columns (variants) without incomplete rows."""
    try:
        arr = np.asarray(table, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            "paired groups must be equal-length arrays of numbers"
        ) from None
    if arr.ndim != 2 or arr.shape[1] < 2:
        raise ValueError(
            "paired data must be participants x variants with at least 2 variants, "
            f"got shape {arr.shape}"
        )
    if np.isinf(arr).any():
        raise ValueError("paired data contain infinite values")
    complete = ~np.isnan(arr).any(axis=1)
    if complete.sum() < 2:
        raise ValueError(f"need at least 2 complete rows, got {int(complete.sum())}")
    return arr[complete], int((~complete).sum())


def kruskal_wallis(groups) -> TestResult:
    """Return the tie-corrected Kruskal-Wallis H test across independent groups."""
    kept, dropped = as_groups(groups)
    note = missing_note(dropped)
    df = len(kept) - 1
    name = "Kruskal-Wallis H"
    if np.ptp(np.concatenate(kept)) == 0:
        note = join_notes(note, "all answers are identical: H is undefined")
        return TestResult(
            name, np.nan, 1.0, method="asymptotic", statistic_name="H", df=df, note=note
        )
    result = stats.kruskal(*kept)
    return TestResult(
        name,
        float(result.statistic),
        float(result.pvalue),
        method="asymptotic",
        statistic_name="H",
        df=df,
        note=note,
    )


def epsilon_squared(h: float, n_total: int) -> float:
    """Return the Kruskal-Wallis effect size epsilon^2 = H / (n - 1)."""
    return h / (n_total - 1)


def friedman(table) -> TestResult:
    """Return the tie-corrected Friedman test; rows are participants, columns variants.

    Computed directly (scipy's ``friedmanchisquare`` needs 3+ variants); the
    tests check it agrees with scipy for k >= 3.
    """
    rows, dropped = as_complete_rows(table)
    note = missing_note(dropped)
    if dropped:
        note = join_notes(note, "rows with a missing rating are left out entirely")
    n, k = rows.shape
    ranks = stats.rankdata(rows, axis=1)
    rank_sums = ranks.sum(axis=0)
    chi2 = 12 / (n * k * (k + 1)) * (rank_sums**2).sum() - 3 * n * (k + 1)
    tie_term = _row_tie_term(np.sort(rows, axis=1))
    correction = 1 - tie_term / (n * k * (k**2 - 1))
    name = "Friedman chi2"
    if correction <= 1e-12:
        note = join_notes(note, "every participant rated all variants equally")
        return TestResult(
            name,
            np.nan,
            1.0,
            method="asymptotic",
            statistic_name="chi2",
            df=k - 1,
            note=note,
        )
    chi2 /= correction
    p_value = float(stats.chi2.sf(chi2, k - 1))
    return TestResult(
        name,
        float(chi2),
        p_value,
        method="asymptotic",
        statistic_name="chi2",
        df=k - 1,
        note=note,
    )


def _row_tie_term(sorted_rows: np.ndarray) -> float:
    """Return sum over rows and tie groups of t^3 - t (vectorised over rows)."""
    n, k = sorted_rows.shape
    new_run = np.ones((n, k), dtype=bool)
    new_run[:, 1:] = sorted_rows[:, 1:] != sorted_rows[:, :-1]
    run_id = np.cumsum(new_run.ravel()) - 1
    sizes = np.bincount(run_id).astype(float)
    return float((sizes**3 - sizes).sum())


def kendalls_w(chi2: float, n_rows: int, k: int) -> float:
    """Return Kendall's W = chi2 / (n (k - 1)) from the Friedman statistic."""
    return chi2 / (n_rows * (k - 1))


def _holm_adjusted(comparisons: list[Comparison]) -> tuple[Comparison, ...]:
    """Return the comparisons with Holm-adjusted p-values filled in."""
    adjusted = holm([c.p_value for c in comparisons])
    return tuple(
        replace(c, p_adjusted=float(p))
        for c, p in zip(comparisons, adjusted, strict=True)
    )


def omnibus_ordinal(
    groups,
    *,
    paired: bool = False,
    pairs: str = "control",
    confidence: float = 0.95,
    scale: tuple[int, int] | None = None,
    higher_is_better: bool = True,
) -> Omnibus:
    """Return Kruskal-Wallis (or Friedman if paired) plus Holm-adjusted pairwise tests.

    ``groups`` is a list of arrays, the first being the control (paired: equal
    length, one row per participant, or a participants x variants array).
    ``pairs="control"`` compares every variant with the control, ``"all"``
    every pair.
    """
    if pairs not in ("control", "all"):
        raise ValueError(f"pairs must be 'control' or 'all', got {pairs!r}")
    kwargs = dict(confidence=confidence, scale=scale, higher_is_better=higher_is_better)
    if paired:
        columns = (
            groups
            if isinstance(groups, np.ndarray)
            else np.column_stack([np.asarray(g, dtype=float) for g in groups])
        )
        rows, dropped = as_complete_rows(columns)
        k = rows.shape[1]
        samples = [rows[:, j] for j in range(k)]
        test = friedman(rows)
        effect_name, effect = (
            "Kendall's W",
            kendalls_w(test.statistic, rows.shape[0], k),
        )
        sizes = (rows.shape[0],) * k
        note = test.note
    else:
        samples, dropped = as_groups(groups)
        k = len(samples)
        test = kruskal_wallis(samples)
        n_total = sum(s.size for s in samples)
        effect_name, effect = (
            "epsilon squared",
            epsilon_squared(test.statistic, n_total),
        )
        sizes = tuple(s.size for s in samples)
        note = missing_note(dropped)
    index_pairs = (
        [(0, j) for j in range(1, k)]
        if pairs == "control"
        else list(combinations(range(k), 2))
    )
    comparisons = [
        compare_ordinal(samples[i], samples[j], paired=paired, **kwargs)
        for i, j in index_pairs
    ]
    return Omnibus(
        test.test,
        test.statistic,
        int(test.df),
        test.p_value,
        effect_name,
        float(effect),
        sizes,
        paired,
        _holm_adjusted(comparisons),
        tuple(index_pairs),
        dropped,
        note,
    )
