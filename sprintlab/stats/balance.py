"""Sample ratio mismatch: did assignment, completion and order come out as designed?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from ._checks import as_counts, as_table

#: The usual A/B-platform convention: flag a mismatch at p < 0.001.
SRM_THRESHOLD = 0.001


@dataclass(frozen=True)
class BalanceCheck:
    """Observed versus designed allocation.

    Attributes:
        test: Name of the check, e.g. "sample ratio mismatch".
        statistic: Pearson chi2.
        df: Degrees of freedom.
        p_value: Chi-square p-value.
        mismatch: True when p < ``threshold``: investigate before analysing.
        threshold: The flagging threshold (0.001 by convention).
        observed: Counts per arm (or per order sequence).
        expected: Counts the design implies.
        note: What was checked and what the flag means.
    """

    test: str
    statistic: float
    df: int
    p_value: float
    mismatch: bool
    threshold: float
    observed: tuple[int, ...]
    expected: tuple[float, ...]
    note: str = ""


def sample_ratio_mismatch(
    counts, weights=None, *, threshold: float = SRM_THRESHOLD
) -> BalanceCheck:
    """Return the chi-square test of arm counts against the design weights."""
    observed = as_counts(counts, "counts")
    if observed.size < 2:
        raise ValueError("need counts for at least 2 arms")
    total = int(observed.sum())
    if total == 0:
        raise ValueError("no participants yet: nothing to check")
    if weights is None:
        share = np.full(observed.size, 1 / observed.size)
    else:
        share = np.asarray(weights, dtype=float)
        if share.shape != observed.shape:
            raise ValueError(
                f"weights need one value per arm: {share.shape} vs {observed.shape}"
            )
        if not np.isfinite(share).all() or (share <= 0).any():
            raise ValueError("weights must be positive numbers")
        share = share / share.sum()
    expected = share * total
    result = stats.chisquare(observed, f_exp=expected)
    p_value = float(result.pvalue)
    mismatch = p_value < threshold
    note = (
        "arm sizes differ from the design more than chance explains: check "
        "assignment, exclusions and logging before reading the results"
        if mismatch
        else ""
    )
    return BalanceCheck(
        "sample ratio mismatch",
        float(result.statistic),
        observed.size - 1,
        p_value,
        mismatch,
        threshold,
        tuple(int(c) for c in observed),
        tuple(float(e) for e in expected),
        note,
    )


def attrition_mismatch(
    started, completed, *, threshold: float = SRM_THRESHOLD
) -> BalanceCheck:
    """Return whether completion rates differ by arm (chi-square, completers vs not)."""
    started = as_counts(started, "started")
    completed = as_counts(completed, "completed")
    if started.shape != completed.shape or started.size < 2:
        raise ValueError("started and completed need one count per arm (2 or more)")
    if (completed > started).any():
        raise ValueError("an arm has more completers than starters")
    table = as_table(np.stack([completed, started - completed]), "attrition table")
    test = "differential attrition"
    if (table.sum(axis=1) == 0).any():
        note = "nobody dropped out (or nobody completed): no attrition to compare"
        return BalanceCheck(
            test,
            0.0,
            started.size - 1,
            1.0,
            False,
            threshold,
            tuple(int(c) for c in completed),
            tuple(float(s) for s in started),
            note,
        )
    result = stats.chi2_contingency(table, correction=False)
    p_value = float(result.pvalue)
    mismatch = p_value < threshold
    note = (
        "completion rates differ by arm: attrition is a mismatch too"
        if mismatch
        else ""
    )
    expected = result.expected_freq[0]
    return BalanceCheck(
        test,
        float(result.statistic),
        int(result.dof),
        p_value,
        mismatch,
        threshold,
        tuple(int(c) for c in completed),
        tuple(float(e) for e in expected),
        note,
    )


def order_balance(sequence_counts, *, threshold: float = SRM_THRESHOLD) -> BalanceCheck:
    """Return the check that counterbalanced order sequences were used equally often."""
    check = sample_ratio_mismatch(sequence_counts, threshold=threshold)
    note = "order sequences are unbalanced" if check.mismatch else ""
    return BalanceCheck(
        "order balance",
        check.statistic,
        check.df,
        check.p_value,
        check.mismatch,
        threshold,
        check.observed,
        check.expected,
        note,
    )
