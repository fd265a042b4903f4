"""Yes/no comparisons for the analysis layer: ``compare_binary`` and its counts form."""

from __future__ import annotations

import numpy as np
from scipy import stats

from . import bayes, binary
from ._checks import (
    as_binary,
    as_pairs,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .comparison_parts import (
    assemble,
    honesty,
    labelled,
    oriented_probability,
    sensitivity,
    test_interval,
)
from .results import Comparison, Estimate
from .score_tests import MiettinenNurminen, TangoPaired


def compare_binary_counts(
    k_control,
    n_control,
    k_variant,
    n_variant,
    *,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
    n_missing: int = 0,
) -> Comparison:
    """Return the comparison of two independent arms on a yes/no item, from counts."""
    check_alternative(alternative)
    check_confidence(confidence)
    counts = (k_control, n_control, k_variant, n_variant)
    test = binary.association_test(*counts, alternative=alternative)
    binary.two_by_two(*counts)  # checks the counts before the score test uses them
    engine = MiettinenNurminen(*counts)
    sizes = (int(n_control), int(n_variant))
    risk = test_interval(engine, "risk difference", confidence, sizes, False)
    odds = binary.conditional_odds_ratio(*counts, confidence=confidence)
    posterior = bayes.beta_binomial_prob_better(*counts)
    min_p, caution = honesty(int(n_control), int(n_variant), False, "binary")
    note = join_notes(missing_note(n_missing), caution, labelled(test, risk, odds))
    score = (engine.test, engine.p_value(0.0))
    tests = {
        "ci": score,
        "effect_ci": (
            "exact conditional (doubled one-sided)",
            binary.conditional_test_p(*counts),
        ),
        "mean_difference_ci": score,
    }
    return assemble(
        test,
        risk,
        odds,
        risk,
        n_control=int(n_control),
        n_variant=int(n_variant),
        prob_better=oriented_probability(posterior.probability, higher_is_better),
        paired=False,
        min_p_value=min_p,
        n_missing=n_missing,
        confidence=confidence,
        note=note,
        interval_tests=tests,
        achieved_confidence=confidence,
        prob_better_sensitivity=sensitivity(posterior, higher_is_better),
    )


def _paired_odds_ratio(table: np.ndarray, confidence: float) -> Estimate:
    """Return the conditional (McNemar) odds ratio b/c with its exact interval."""
    b, c = int(table[0, 1]), int(table[1, 0])
    name, method = "odds ratio (paired, conditional)", "exact (Clopper-Pearson)"
    if b + c == 0:
        note = "no discordant pairs: the odds ratio is undefined"
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    share = stats.binomtest(b, b + c).proportion_ci(confidence, method="exact")
    with np.errstate(divide="ignore"):
        low = share.low / (1 - share.low)
        high = np.inf if share.high == 1 else share.high / (1 - share.high)
        estimate = np.inf if c == 0 else b / c
    note = "a discordant cell is 0: a limit is 0 or infinite" if 0 in (b, c) else ""
    return Estimate(
        name, float(estimate), float(low), float(high), confidence, method, note
    )


def compare_binary(
    control,
    variant,
    *,
    paired: bool = False,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    higher_is_better: bool = True,
) -> Comparison:
    """Return the comparison of two variants on a yes/no item (0/1, NaN = missing).

    Between subjects: Fisher or chi-square, risk difference with the
    Miettinen-Nurminen interval (its score test in ``interval_tests``),
    conditional odds ratio with the exact conditional interval, Beta-Binomial
    P(better). Paired: McNemar exact, risk difference with Tango's score
    interval, conditional odds ratio b/c (inverts McNemar).
    """
    check_alternative(alternative)
    check_confidence(confidence)
    if not paired:
        c, c_missing = as_binary(control, "control")
        v, v_missing = as_binary(variant, "variant")
        return compare_binary_counts(
            int(c.sum()),
            c.size,
            int(v.sum()),
            v.size,
            alternative=alternative,
            confidence=confidence,
            higher_is_better=higher_is_better,
            n_missing=c_missing + v_missing,
        )
    c, v, dropped = as_pairs(control, variant)
    table, _ = binary.paired_table(c, v)
    n = int(table.sum())
    test = binary.mcnemar(c, v, alternative=alternative)
    engine = TangoPaired(int(table[0, 1]), int(table[1, 0]), n)
    risk = test_interval(engine, "risk difference (paired)", confidence, (n, n), True)
    odds = _paired_odds_ratio(table, confidence)
    mcnemar_p = (
        test.p_value if alternative == "two-sided" else binary.mcnemar(c, v).p_value
    )
    score = (engine.test, engine.p_value(0.0))
    posterior = bayes.paired_binary_prob_better(table)
    min_p, caution = honesty(n, n, True, "binary")
    note = join_notes(missing_note(dropped), caution, labelled(test, risk, odds))
    return assemble(
        test,
        risk,
        odds,
        risk,
        n_control=n,
        n_variant=n,
        prob_better=oriented_probability(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        n_missing=dropped,
        confidence=confidence,
        note=note,
        interval_tests={
            "ci": score,
            "effect_ci": (test.test, mcnemar_p),
            "mean_difference_ci": score,
        },
        achieved_confidence=confidence,
        prob_better_sensitivity=sensitivity(posterior, higher_is_better),
    )
