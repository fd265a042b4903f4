"""Tests across k >= 2 variants: Kruskal-Wallis (between) and Friedman (within)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
from scipy import special, stats

from ._checks import as_sample, check_scale, join_notes, missing_note
from .blocks import group_counts, scale_counts
from .compare import compare_ordinal, compare_ordinal_counts
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
    return kruskal_wallis_counts(*group_counts(kept), note=missing_note(dropped))


def kruskal_wallis_counts(values, table, *, note: str = "") -> TestResult:
    """Return Kruskal-Wallis from a groups x values table of answer counts.

    The statistic ``scipy.stats.kruskal`` gives, from the rank sums of the
    tie blocks: O(groups x values) once the answers are counted.
    """
    table = np.asarray(table, dtype=np.int64)
    sizes = table.sum(axis=0)
    used = sizes > 0
    table, sizes = table[:, used], sizes[used].astype(float)
    df = table.shape[0] - 1
    name = "Kruskal-Wallis H"
    if sizes.size <= 1:
        note = join_notes(note, "all answers are identical: H is undefined")
        return TestResult(
            name, np.nan, 1.0, method="asymptotic", statistic_name="H", df=df, note=note
        )
    n_total = sizes.sum()
    midranks = np.cumsum(sizes) - (sizes - 1) / 2
    rank_sums = table @ midranks
    ties = 1 - (sizes**3 - sizes).sum() / (n_total**3 - n_total)
    h = 12.0 / (n_total * (n_total + 1)) * (
        rank_sums**2 / table.sum(axis=1)
    ).sum() - 3 * (n_total + 1)
    h /= ties
    return TestResult(
        name,
        float(h),
        float(special.chdtrc(df, h)),
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


def _between_counts(samples, scale):
    """Return the values and groups x values counts, checking answers are on SCALE."""
    if scale is None:
        return group_counts(samples)
    for i, sample in enumerate(samples):
        check_scale(sample, scale, f"group {i}")
    points = np.arange(scale[0], scale[1] + 1, dtype=float)
    return points, np.stack([scale_counts(sample, scale) for sample in samples])


def _pair_counts(values, table, i, j, scale):
    """Return (points, counts i, counts j) for one pair of groups.

    On a scale every point is a Dirichlet category; otherwise only the values
    these two groups gave, as ``compare_ordinal`` would see them.
    """
    if scale is not None:
        return values, table[i], table[j]
    used = (table[i] + table[j]) > 0
    return values[used], table[i][used], table[j][used]


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
    kwargs = dict(confidence=confidence, higher_is_better=higher_is_better)
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
        note = join_notes(
            test.note,
            "pairwise comparisons use every participant who rated both variants; "
            "Friedman needs a rating of every variant",
        )
    else:
        samples, dropped = as_groups(groups)
        k = len(samples)
        values, table = _between_counts(samples, scale)
        test = kruskal_wallis_counts(values, table, note=missing_note(dropped))
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
    if paired:
        # Pairwise complete: a participant missing one rating still counts in
        # every comparison that does not need it.
        full = np.asarray(columns, dtype=float)
        comparisons = [
            compare_ordinal(full[:, i], full[:, j], paired=True, scale=scale, **kwargs)
            for i, j in index_pairs
        ]
    else:
        comparisons = [
            compare_ordinal_counts(*_pair_counts(values, table, i, j, scale), **kwargs)
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
