"""Choice items (preferred channel): chi-square, Cramer's V, residuals, sparse Fisher.

Tables are arms (rows) x categories (columns) of counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.stats import contingency

from ._checks import as_table, join_notes

#: Monte Carlo tables for Fisher's exact test on sparse R x C tables.
FISHER_RESAMPLES = 9_999
FISHER_SEED = 20_240_603


@dataclass(frozen=True, eq=False)
class TableAnalysis:
    """An arms x categories table: test, Cramer's V and where the differences are.

    Attributes:
        test: "Pearson chi2" or "Fisher exact" (exact for 2x2, Monte Carlo
            for larger tables).
        statistic: chi2 (always reported, also when Fisher gives the p-value).
        df: Degrees of freedom of the chi-square test.
        p_value: From ``test``; nan only when undefined.
        method: "asymptotic", "exact" or "monte-carlo".
        cramers_v: Cramer's V (0 = no association); nan when undefined.
        observed: The table analysed (empty rows and columns removed).
        expected: Expected counts under independence.
        standardized_residuals: Adjusted (Haberman) residuals per cell,
            roughly N(0, 1) under independence; |r| > 2 marks a cell to look at.
        monte_carlo_se: Standard error of a Monte Carlo p-value, else None.
        note: How the table was handled and why something is missing.
    """

    test: str
    statistic: float
    df: int
    p_value: float
    method: str
    cramers_v: float
    observed: np.ndarray
    expected: np.ndarray
    standardized_residuals: np.ndarray
    monte_carlo_se: float | None = None
    note: str = ""


def crosstab(arms, choices, categories=None) -> np.ndarray:
    """Return the arms x categories count table from two label arrays (vectorised)."""
    arms, choices = np.asarray(arms), np.asarray(choices)
    if arms.shape != choices.shape or arms.ndim != 1:
        raise ValueError("arms and choices must be 1-D arrays of equal length")
    if categories is None:
        return contingency.crosstab(arms, choices).count
    categories = np.asarray(categories)
    unknown = ~np.isin(choices, categories)
    if unknown.any():
        raise ValueError(
            f"choices not in categories: {np.unique(choices[unknown])[:5]}"
        )
    return contingency.crosstab(
        arms, choices, levels=(np.unique(arms), categories)
    ).count


def adjusted_residuals(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Return (O - E) / sqrt(E (1 - row share) (1 - column share)) per cell."""
    total = observed.sum()
    row_share = observed.sum(axis=1, keepdims=True) / total
    col_share = observed.sum(axis=0, keepdims=True) / total
    return (observed - expected) / np.sqrt(expected * (1 - row_share) * (1 - col_share))


def _frozen(array: np.ndarray) -> np.ndarray:
    """Return a read-only float copy of ``array``."""
    array = np.array(array, dtype=float)
    array.flags.writeable = False
    return array


def categorical_association(table) -> TableAnalysis:
    """Return the chi-square test, or Fisher's exact test when a cell is sparse."""
    observed = as_table(table)
    note = ""
    keep_rows, keep_cols = observed.sum(axis=1) > 0, observed.sum(axis=0) > 0
    if not (keep_rows.all() and keep_cols.all()):
        observed = observed[keep_rows][:, keep_cols]
        note = "empty rows or categories left out"
    if observed.shape[0] < 2 or observed.shape[1] < 2:
        raise ValueError(
            "need at least 2 arms and 2 chosen categories with answers, got a "
            f"{observed.shape[0]} x {observed.shape[1]} table"
        )
    result = stats.chi2_contingency(observed, correction=False)
    expected = result.expected_freq
    chi2, df = float(result.statistic), int(result.dof)
    v = float(contingency.association(observed, method="cramer"))
    residuals = adjusted_residuals(observed, expected)
    common = dict(
        statistic=chi2,
        df=df,
        cramers_v=v,
        observed=_frozen(observed),
        expected=_frozen(expected),
        standardized_residuals=_frozen(residuals),
    )
    if expected.min() >= 5:
        return TableAnalysis(
            "Pearson chi2",
            p_value=float(result.pvalue),
            method="asymptotic",
            note=note,
            **common,
        )
    note = join_notes(note, "an expected count is below 5: Fisher's exact test")
    if observed.shape == (2, 2):
        p_value = float(stats.fisher_exact(observed).pvalue)
        return TableAnalysis(
            "Fisher exact", p_value=p_value, method="exact", note=note, **common
        )
    rng = np.random.default_rng(FISHER_SEED)
    method = stats.MonteCarloMethod(n_resamples=FISHER_RESAMPLES, rng=rng)
    # scipy returns a one-element array rather than a scalar for some tables.
    p_value = float(np.squeeze(stats.fisher_exact(observed, method=method).pvalue))
    se = float(np.sqrt(p_value * (1 - p_value) / FISHER_RESAMPLES))
    note = join_notes(note, f"Monte Carlo p from {FISHER_RESAMPLES} tables, fixed seed")
    return TableAnalysis(
        "Fisher exact",
        p_value=p_value,
        method="monte-carlo",
        monte_carlo_se=se,
        note=note,
        **common,
    )
