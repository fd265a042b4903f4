"""Entry points for the analysis layer: one call per item and design.

``compare_ordinal`` / ``compare_binary`` return a :class:`Comparison`;
``omnibus.omnibus_ordinal`` builds on them for k variants.
Missing answers (NaN, "don't know") are dropped and counted in ``note``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from . import bayes, binary, location, ordinal, paired
from ._checks import (
    as_binary,
    as_pairs,
    as_sample,
    check_alternative,
    check_confidence,
    join_notes,
    missing_note,
)
from .planning import significance_check
from .results import Comparison, Estimate, TestResult

ALPHA = 0.05


def _labelled(*parts: TestResult | Estimate) -> str:
    """Join component notes, each prefixed by the component's name."""
    notes = []
    for part in parts:
        if part.note:
            name = part.test if isinstance(part, TestResult) else part.name
            notes.append(f"{name}: {part.note}")
    return join_notes(*notes)


def _honesty(n_control, n_variant, paired_design, outcome) -> tuple[float, str]:
    """Return the smallest possible p-value and, if alpha is out of reach, why."""
    check = significance_check(
        n_control,
        n_variant if not paired_design else None,
        paired=paired_design,
        outcome=outcome,
        alpha=ALPHA,
    )
    return check.min_p_value, "" if check.reachable else check.message


def _oriented(probability: float, higher_is_better: bool) -> float:
    """Return P(variant better) from P(variant higher)."""
    return probability if higher_is_better else 1.0 - probability


def _comparison(
    test: TestResult, estimate: Estimate, effect: Estimate, means: Estimate, **rest
) -> Comparison:
    """Assemble a Comparison from the primary test and its three estimates."""
    return Comparison(
        test=test.test,
        statistic=test.statistic,
        p_value=test.p_value,
        alternative=test.alternative,
        method=test.method,
        estimate_name=estimate.name,
        estimate=estimate.estimate,
        ci_low=estimate.ci_low,
        ci_high=estimate.ci_high,
        effect_name=effect.name,
        effect=effect.estimate,
        effect_ci=effect.ci,
        mean_difference=means.estimate,
        mean_difference_ci=means.ci,
        **rest,
    )


def compare_ordinal(
    control,
    variant,
    *,
    paired: bool = False,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    scale: tuple[int, int] | None = None,
    higher_is_better: bool = True,
) -> Comparison:
    """Return the full comparison of two variants on a rating item.

    Between subjects: Mann-Whitney (Brunner-Munzel as companion), Cliff's
    delta, Hodges-Lehmann shift, Welch mean difference, Hedges' g and a
    Dirichlet P(better). Paired: Wilcoxon signed-rank (sign test companion),
    matched rank-biserial, paired Hodges-Lehmann, paired mean difference and a
    Bayesian-bootstrap P(better). ``scale=(1, 7)`` checks every answer is a
    point on that scale and uses all its points as Dirichlet categories.
    """
    check_alternative(alternative)
    check_confidence(confidence)
    if paired:
        return _paired_ordinal(
            control, variant, alternative, confidence, scale, higher_is_better
        )
    c, c_missing = as_sample(control, "control", scale=scale)
    v, v_missing = as_sample(variant, "variant", scale=scale)
    test = ordinal.mann_whitney(c, v, alternative=alternative)
    companion = ordinal.brunner_munzel(c, v, alternative=alternative)
    shift = location.hodges_lehmann(c, v, confidence=confidence)
    delta = ordinal.cliffs_delta(c, v, confidence=confidence)
    superiority = ordinal.probability_of_superiority(c, v, confidence=confidence)
    means = location.welch_mean_difference(c, v, confidence=confidence)
    g = location.hedges_g(c, v, confidence=confidence)
    points = None if scale is None else np.arange(scale[0], scale[1] + 1)
    posterior = bayes.dirichlet_prob_better(c, v, categories=points)
    min_p, honesty = _honesty(c.size, v.size, False, "ordinal")
    note = join_notes(
        missing_note(c_missing + v_missing),
        honesty,
        _labelled(test, companion, shift, delta, means, g),
    )
    return _comparison(
        test,
        shift,
        delta,
        means,
        n_control=c.size,
        n_variant=v.size,
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=False,
        min_p_value=min_p,
        companions=(companion,),
        extra_effects=(superiority, g),
        n_missing=c_missing + v_missing,
        confidence=confidence,
        note=note,
    )


def _paired_ordinal(
    control, variant, alternative, confidence, scale, higher_is_better
) -> Comparison:
    """Return the within-subjects comparison behind ``compare_ordinal``."""
    c, v, dropped = as_pairs(control, variant, scale=scale)
    test = paired.wilcoxon_signed_rank(c, v, alternative=alternative)
    companion = paired.sign_test(c, v, alternative=alternative)
    shift = location.pseudo_median(c, v, confidence=confidence)
    effect = paired.matched_rank_biserial(c, v, confidence=confidence)
    means = location.paired_mean_difference(c, v, confidence=confidence)
    posterior = bayes.paired_prob_better(c, v)
    min_p, honesty = _honesty(c.size, c.size, True, "ordinal")
    note = join_notes(
        missing_note(dropped), honesty, _labelled(test, companion, shift, effect, means)
    )
    return _comparison(
        test,
        shift,
        effect,
        means,
        n_control=c.size,
        n_variant=v.size,
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        companions=(companion,),
        n_missing=dropped,
        confidence=confidence,
        note=note,
    )


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
    risk = binary.newcombe_risk_difference(*counts, confidence=confidence)
    odds = binary.conditional_odds_ratio(*counts, confidence=confidence)
    posterior = bayes.beta_binomial_prob_better(*counts)
    min_p, honesty = _honesty(int(n_control), int(n_variant), False, "binary")
    note = join_notes(missing_note(n_missing), honesty, _labelled(test, risk, odds))
    return _comparison(
        test,
        risk,
        odds,
        risk,
        n_control=int(n_control),
        n_variant=int(n_variant),
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=False,
        min_p_value=min_p,
        n_missing=n_missing,
        confidence=confidence,
        note=note,
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

    Between subjects: Fisher or chi-square, Newcombe risk difference,
    conditional odds ratio, Beta-Binomial P(better). Paired: McNemar exact,
    Newcombe paired risk difference, conditional odds ratio b/c.
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
    risk = binary.paired_risk_difference(c, v, confidence=confidence)
    odds = _paired_odds_ratio(table, confidence)
    posterior = bayes.paired_binary_prob_better(table)
    min_p, honesty = _honesty(n, n, True, "binary")
    note = join_notes(missing_note(dropped), honesty, _labelled(test, risk, odds))
    return _comparison(
        test,
        risk,
        odds,
        risk,
        n_control=n,
        n_variant=n,
        prob_better=_oriented(posterior.probability, higher_is_better),
        paired=True,
        min_p_value=min_p,
        n_missing=dropped,
        confidence=confidence,
        note=note,
    )
