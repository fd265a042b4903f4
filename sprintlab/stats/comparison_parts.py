"""Shared pieces of a Comparison: notes, honesty about small samples, assembly."""

from __future__ import annotations

from ._checks import join_notes
from .inversion import InvertibleTest, reach_note, sizes_phrase
from .planning import significance_check
from .results import Comparison, Estimate, TestResult

ALPHA = 0.05


def labelled(*parts: TestResult | Estimate) -> str:
    """Join component notes, each prefixed by the component's name."""
    notes = []
    for part in parts:
        if part.note:
            name = part.test if isinstance(part, TestResult) else part.name
            notes.append(f"{name}: {part.note}")
    return join_notes(*notes)


def honesty(n_control, n_variant, paired_design, outcome) -> tuple[float, str]:
    """Return the smallest possible p-value and, if alpha is out of reach, why."""
    check = significance_check(
        n_control,
        n_variant if not paired_design else None,
        paired=paired_design,
        outcome=outcome,
        alpha=ALPHA,
    )
    return check.min_p_value, "" if check.reachable else check.message


def oriented_probability(probability: float, higher_is_better: bool) -> float:
    """Return P(variant better) from P(variant higher)."""
    return probability if higher_is_better else 1.0 - probability


def test_interval(
    engine: InvertibleTest, name: str, confidence: float, sizes, paired: bool
) -> Estimate:
    """Return ENGINE's estimate with the interval that inverts it (0 tested)."""
    low, high, reached = engine.interval(confidence, (0.0,))
    note = join_notes(
        reach_note(engine.max_confidence, confidence, sizes_phrase(*sizes, paired)),
        engine.note,
    )
    reached = None if reached >= confidence else reached
    return Estimate(
        name, engine.estimate, low, high, confidence, engine.test, note, reached
    )


def achieved(confidence: float, *estimates: Estimate) -> float:
    """Return the lowest level any of the intervals could reach (else CONFIDENCE)."""
    levels = [e.achieved_confidence for e in estimates if e.achieved_confidence]
    return min([confidence, *levels])


def sensitivity(posterior, higher_is_better: bool) -> tuple:
    """Return the posterior's sensitivity line as P(better)."""
    return tuple(
        (strength, oriented_probability(p, higher_is_better))
        for strength, p in posterior.sensitivity
    )


def assemble(
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
