"""Small frozen result types shared by the statistics modules.

Conventions for every field below:

- Effects are *variant minus control* (or variant relative to control).
- ``nan`` means the quantity is genuinely undefined for these data (e.g. a
  standardised difference when both arms have zero variance); the ``note``
  field then says why.
- ``None`` means "not applicable to this kind of outcome" (e.g. Hedges' g for
  a yes/no item) or "not computed" (``p_adjusted`` before a correction).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _as_python_numbers(result) -> None:
    """Replace numpy scalars (also inside tuples) by plain Python numbers."""
    for name, value in list(vars(result).items()):  # the fields, quickly
        if isinstance(value, np.generic):
            object.__setattr__(result, name, value.item())
        elif isinstance(value, tuple) and any(isinstance(v, np.generic) for v in value):
            plain = tuple(v.item() if isinstance(v, np.generic) else v for v in value)
            object.__setattr__(result, name, plain)


@dataclass(frozen=True)
class TestResult:
    """One hypothesis test.

    Attributes:
        test: Human-readable name, e.g. "Mann-Whitney U".
        statistic: The test statistic (see ``statistic_name``).
        p_value: The p-value for ``alternative``; nan only when undefined.
        alternative: "two-sided", "less" or "greater" (variant vs control).
        method: How the p-value was obtained: "exact", "asymptotic",
            "permutation", "monte-carlo" or "t".
        statistic_name: What ``statistic`` is, e.g. "U (variant)", "T+", "chi2".
        df: Degrees of freedom when the reference distribution has them.
        note: Why something is missing or how the data were handled.
    """

    test: str
    statistic: float
    p_value: float
    alternative: str = "two-sided"
    method: str = ""
    statistic_name: str = ""
    df: float | None = None
    note: str = ""

    def __post_init__(self):
        """Store plain Python numbers, so results print and serialise cleanly."""
        _as_python_numbers(self)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its confidence interval.

    Attributes:
        name: What is estimated, e.g. "Cliff's delta".
        estimate: The point estimate (variant minus control).
        ci_low: Lower confidence limit (may be -inf for an unbounded interval).
        ci_high: Upper confidence limit (may be +inf).
        confidence: Confidence level of the interval, e.g. 0.95.
        method: How the interval was computed.
        note: Why something is missing or degenerate.
        achieved_confidence: The level the data can reach when an exact test
            cannot give ``confidence`` (the interval is then unbounded);
            None when ``confidence`` is reached.
    """

    name: str
    estimate: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95
    method: str = ""
    note: str = ""
    achieved_confidence: float | None = None

    def __post_init__(self):
        """Store plain Python numbers, so results print and serialise cleanly."""
        _as_python_numbers(self)

    @property
    def ci(self) -> tuple[float, float]:
        """Return the interval as a (low, high) pair."""
        return (self.ci_low, self.ci_high)


@dataclass(frozen=True)
class Comparison:
    """Variant versus control on one item: test, effects with intervals, honesty.

    Attributes:
        test: Name of the primary test that produced ``p_value``.
        statistic: Its statistic (U of the variant, T+, chi2, ...).
        p_value: Its p-value (unadjusted; see ``p_adjusted``).
        alternative: "two-sided", "less" or "greater".
        method: "exact", "asymptotic", "permutation" ... for the primary test.
        estimate_name: What ``estimate`` is on the outcome's own scale:
            "Hodges-Lehmann shift" (scale points) or "risk difference".
        estimate: That estimate, variant minus control.
        ci_low: Lower limit of its interval.
        ci_high: Upper limit of its interval.
        effect_name: The scale-free effect size: "Cliff's delta",
            "matched rank-biserial" or "odds ratio (conditional MLE)".
        effect: Its value.
        effect_ci: Its interval as (low, high).
        mean_difference: Difference of means (of proportions for yes/no).
        mean_difference_ci: Its interval (Welch, paired t, or Newcombe).
        n_control: Non-missing answers in the control arm (pairs if paired).
        n_variant: Non-missing answers in the variant arm (pairs if paired).
        prob_better: Bayesian posterior probability that the variant is better
            (direction from ``higher_is_better`` of the entry point); None
            when not computed (a "lite" per-segment comparison).
        paired: True for a within-subjects comparison.
        min_p_value: Smallest two-sided p-value this test could give with
            these sample sizes; above alpha means significance is out of reach.
        p_adjusted: Multiplicity-adjusted p-value, None until adjusted.
        companions: Robustness checks (Brunner-Munzel, sign test, ...).
        extra_effects: Further effect sizes (probability of superiority,
            Hedges' g, ...).
        n_missing: Missing answers left out (NaN, "don't know").
        confidence: Confidence level of every interval.
        note: Everything a reader must know: dropped data, undefined values,
            small-sample warnings.
        interval_tests: Which test each interval inverts, as interval name ->
            (test name, two-sided p-value of "no difference"). Names: "ci"
            (``estimate``), "effect_ci", "mean_difference_ci" and the names of
            ``extra_effects`` with an interval. Each interval excludes the
            no-difference value (0, or 1 for an odds ratio) exactly when that
            p-value is below 1 - ``confidence``.
        achieved_confidence: ``confidence`` when every exact test can reach
            it; otherwise the highest level the sample sizes allow (e.g. 0.9
            for 3 + 3 answers), and the intervals of those tests are unbounded.
        prob_better_sensitivity: (prior strength, P(better)) at half and
            double the prior strength; () when not computed.
    """

    test: str
    statistic: float
    p_value: float
    alternative: str
    method: str
    estimate_name: str
    estimate: float
    ci_low: float
    ci_high: float
    effect_name: str
    effect: float
    effect_ci: tuple[float, float]
    mean_difference: float
    mean_difference_ci: tuple[float, float]
    n_control: int
    n_variant: int
    prob_better: float | None
    paired: bool
    min_p_value: float
    p_adjusted: float | None = None
    companions: tuple[TestResult, ...] = ()
    extra_effects: tuple[Estimate, ...] = ()
    n_missing: int = 0
    confidence: float = 0.95
    note: str = ""
    interval_tests: dict = field(default_factory=dict, hash=False)
    achieved_confidence: float | None = None
    prob_better_sensitivity: tuple[tuple[float, float], ...] = ()

    def __post_init__(self):
        """Store plain Python numbers, so results print and serialise cleanly."""
        _as_python_numbers(self)

    def significance_reachable(self, alpha: float = 0.05) -> bool:
        """Return whether any outcome at these sample sizes could reach ``alpha``."""
        return self.min_p_value <= alpha


@dataclass(frozen=True)
class Omnibus:
    """A k-variant test with its effect size and the pairwise follow-ups.

    Attributes:
        test: "Kruskal-Wallis H" or "Friedman chi2".
        statistic: H or the tie-corrected Friedman chi-square.
        df: Degrees of freedom (k - 1).
        p_value: Asymptotic chi-square p-value; nan when undefined.
        effect_name: "epsilon squared" or "Kendall's W".
        effect: Its value; nan when undefined.
        n_per_group: Non-missing answers per group (complete rows if paired).
        paired: True for a within-subjects design.
        pairwise: Follow-up comparisons with Holm-adjusted ``p_adjusted``.
        pair_indices: (i, j) group indices of each pairwise comparison; i is
            the control side.
        n_missing: Missing answers left out.
        note: Why something is undefined, and how data were handled.
    """

    test: str
    statistic: float
    df: int
    p_value: float
    effect_name: str
    effect: float
    n_per_group: tuple[int, ...]
    paired: bool
    pairwise: tuple[Comparison, ...] = field(default=())
    pair_indices: tuple[tuple[int, int], ...] = ()
    n_missing: int = 0
    note: str = ""

    def __post_init__(self):
        """Store plain Python numbers, so results print and serialise cleanly."""
        _as_python_numbers(self)


@dataclass(frozen=True)
class DifferenceTest:
    """One verdict-level comparison: one test, one interval, one of five claims.

    The difference is on the scale margins are declared in: the mean
    difference in scale points (rating items) or the risk difference (yes/no
    items). Raw values are variant minus control; ``oriented_*`` values are
    turned so that positive means better (``higher_is_better``).

    Attributes:
        kind: "ordinal" (mean of scale points) or "binary" (share of yes).
        paired: True for a within-subjects comparison.
        estimate_name: "mean difference" or "risk difference" (+ " (paired)").
        estimate: Variant minus control.
        ci_low: Lower limit of the two-sided interval at ``confidence``;
            -inf (or -1 for a risk difference) when the level is unreachable.
        ci_high: Upper limit.
        oriented_estimate: ``estimate``, positive = better.
        oriented_ci_low: Lower limit of the oriented interval.
        oriented_ci_high: Upper limit of the oriented interval.
        higher_is_better: Which direction is better on this item.
        margin: Smallest difference that matters (same scale), > 0.
        alpha: Family-wise error rate of the verdict family.
        family_size: m, the number of comparisons in the family.
        confidence: 1 - alpha/m: the level of the interval (Bonferroni).
        achieved_confidence: ``confidence`` when the data can reach it; else
            the highest level an exact test can reach at these sample sizes
            (the interval is then unbounded).
        p_value: Two-sided p of "no difference", unadjusted.
        p_adjusted: min(1, m p): below alpha exactly when the interval
            excludes 0.
        p_non_inferiority: One-sided p of "oriented difference <= -margin".
        p_equivalence: TOST p: the larger of the two one-sided p-values of
            "oriented difference <= -margin" and ">= +margin".
        decision: "better", "worse", "equivalent", "not_worse" or "unclear"
            (see :mod:`sprintlab.stats.margins`).
        test: Name of the test the interval inverts.
        method: "exact" (permutation / sign-flip enumeration) or "asymptotic".
        n_control: Answers in the control arm (pairs if paired).
        n_variant: Answers in the variant arm (pairs if paired).
        n_missing: Missing answers (pairs) left out.
        note: Everything a reader must know (unreachable levels, degenerate data).
    """

    kind: str
    paired: bool
    estimate_name: str
    estimate: float
    ci_low: float
    ci_high: float
    oriented_estimate: float
    oriented_ci_low: float
    oriented_ci_high: float
    higher_is_better: bool
    margin: float
    alpha: float
    family_size: int
    confidence: float
    achieved_confidence: float
    p_value: float
    p_adjusted: float
    p_non_inferiority: float
    p_equivalence: float
    decision: str
    test: str
    method: str
    n_control: int
    n_variant: int
    n_missing: int = 0
    note: str = ""

    def __post_init__(self):
        """Store plain Python numbers, so results print and serialise cleanly."""
        _as_python_numbers(self)

    @property
    def ci(self) -> tuple[float, float]:
        """Return the raw interval (variant minus control)."""
        return (self.ci_low, self.ci_high)

    @property
    def oriented_ci(self) -> tuple[float, float]:
        """Return the interval turned so that positive means better."""
        return (self.oriented_ci_low, self.oriented_ci_high)
