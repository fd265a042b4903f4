"""Don't-know answers per variant: rates with Wilson intervals, and whether they differ.

"Don't know" is left out of every comparison as missing. That is only
harmless when it is missing at random; a variant that confuses people gets
more of it, and its comparison then rests on the people it did not confuse.
So the rates are reported per variant and tested for a difference (Pearson
chi-square, or Fisher's exact test -- Monte Carlo for more than two
variants -- when an expected count is below 5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_counts
from .binary import wilson_interval
from .categorical import categorical_association
from .results import TestResult


@dataclass(frozen=True)
class DontKnowRates:
    """Share of "don't know" per variant and the test of whether they differ.

    Attributes:
        variants: Variant labels, in the order given.
        dont_know: "Don't know" answers per variant.
        answers: All answers per variant, "don't know" included.
        rates: dont_know / answers (nan for a variant without answers).
        intervals: Wilson intervals of the rates at ``confidence``.
        confidence: Level of the intervals.
        test: Do the rates differ between variants? (p nan when nobody, or
            everybody, answered "don't know").
        differ: ``test.p_value < alpha``: flag the comparisons of this item.
        note: How the test was done.
    """

    variants: tuple
    dont_know: tuple[int, ...]
    answers: tuple[int, ...]
    rates: tuple[float, ...]
    intervals: tuple[tuple[float, float], ...]
    confidence: float
    test: TestResult
    differ: bool
    note: str = ""


def dont_know_rates(
    variants, dont_know, answers, *, alpha: float = 0.05, confidence: float = 0.95
) -> DontKnowRates:
    """Return the don't-know rate of each variant and the test that they differ."""
    dk = as_counts(dont_know, "dont_know")
    total = as_counts(answers, "answers")
    labels = tuple(v.item() if isinstance(v, np.generic) else v for v in variants)
    if not (dk.size == total.size == len(labels) >= 2):
        raise ValueError("need one count per variant, for at least 2 variants")
    if (dk > total).any():
        raise ValueError("a variant has more don't-know answers than answers")
    pairs = list(zip(dk, total, strict=True))
    rates = tuple(float(k / n) if n else float("nan") for k, n in pairs)
    intervals = tuple(
        wilson_interval(k, n, confidence=confidence) if n else (np.nan, np.nan)
        for k, n in pairs
    )
    name = "don't know by variant"
    used = total > 0
    if dk[used].sum() in (0, total[used].sum()) or used.sum() < 2:
        note = "no variation in don't-know answers: nothing to test"
        test = TestResult(name, np.nan, np.nan, method="", note=note)
        counts = (tuple(dk.tolist()), tuple(total.tolist()))
        return DontKnowRates(
            labels, *counts, rates, intervals, confidence, test, False, note
        )
    table = np.column_stack([dk[used], (total - dk)[used]])
    analysis = categorical_association(table)
    test = TestResult(
        name, analysis.statistic, analysis.p_value, method=analysis.method,
        statistic_name="chi2", df=analysis.df,
        note=f"{analysis.test}; {analysis.note}".rstrip("; "),
    )  # fmt: skip
    differ = bool(analysis.p_value < alpha)
    note = (
        "don't-know rates differ between variants: the comparisons of this "
        "item rest on different shares of the participants"
        if differ
        else ""
    )
    counts = (tuple(dk.tolist()), tuple(total.tolist()))
    return DontKnowRates(
        labels, *counts, rates, intervals, confidence, test, differ, note
    )
