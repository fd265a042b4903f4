"""Planning: sample size and power, and what a small sample can and cannot show."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import optimize, special, stats

from ._checks import as_count, check_alternative

OUTCOMES = ("ordinal", "binary")


@dataclass(frozen=True)
class SampleSize:
    """A planned sample size.

    Attributes:
        n_total: Participants needed in total (rounded up).
        n_control: Of which in the control arm.
        n_variant: Of which in the variant arm.
        exact_n_total: The unrounded solution of the formula.
        effect: The effect planned for (p* for Noether, d for t tests).
        alpha: Two-sided significance level.
        power: Target power.
        method: Which formula.
        simulated_power: Power found by simulation at this size, if checked.
    """

    n_total: int
    n_control: int
    n_variant: int
    exact_n_total: float
    effect: float
    alpha: float
    power: float
    method: str
    simulated_power: float | None = None


@dataclass(frozen=True)
class SmallSampleCheck:
    """Whether significance is reachable at all with these sample sizes.

    Attributes:
        min_p_value: The smallest p-value any outcome could produce.
        alpha: The significance level checked against.
        reachable: ``min_p_value <= alpha``.
        message: A sentence for the report.
    """

    min_p_value: float
    alpha: float
    reachable: bool
    message: str


def _check_probability(value: float, name: str) -> float:
    """Return ``value`` if it lies strictly between 0 and 1."""
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return float(value)


def _as_distribution(probs, name: str) -> np.ndarray:
    """Return category probabilities normalised to sum to 1."""
    p = np.asarray(probs, dtype=float)
    if p.ndim != 1 or p.size < 2 or not np.isfinite(p).all() or (p < 0).any():
        raise ValueError(f"{name} must be >= 2 non-negative category probabilities")
    if p.sum() <= 0:
        raise ValueError(f"{name} must not be all zero")
    return p / p.sum()


def superiority_from_distributions(control_probs, variant_probs) -> float:
    """Return p* = P(variant > control) + P(tie)/2 for two category distributions."""
    pc = _as_distribution(control_probs, "control_probs")
    pv = _as_distribution(variant_probs, "variant_probs")
    if pc.size != pv.size:
        raise ValueError("both distributions need the same categories")
    below = np.cumsum(pc) - pc  # P(control < category)
    return float((pv * (below + 0.5 * pc)).sum())


def noether_sample_size(
    p_star: float, *, alpha: float = 0.05, power: float = 0.8, fraction: float = 0.5
) -> SampleSize:
    """Return Noether's Mann-Whitney sample size for a probability of superiority.

    N = (z(1 - alpha/2) + z(power))^2 / (12 f (1 - f) (p* - 1/2)^2), with f
    the share of participants in the variant arm.
    """
    _check_probability(p_star, "p_star")
    for value, name in ((alpha, "alpha"), (power, "power"), (fraction, "fraction")):
        _check_probability(value, name)
    if abs(p_star - 0.5) < 1e-12:
        raise ValueError("p* = 0.5 means no difference: no sample size is enough")
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    exact = z**2 / (12 * fraction * (1 - fraction) * (p_star - 0.5) ** 2)
    n_variant = int(np.ceil(fraction * exact))
    n_control = int(np.ceil((1 - fraction) * exact))
    return SampleSize(
        n_control + n_variant,
        n_control,
        n_variant,
        float(exact),
        float(p_star),
        alpha,
        power,
        "Noether (Mann-Whitney)",
    )


def simulated_power_ordinal(
    control_probs,
    variant_probs,
    n_control: int,
    n_variant: int,
    *,
    alpha: float = 0.05,
    n_simulations: int = 2_000,
    seed: int = 12_345,
) -> float:
    """Return Mann-Whitney power by simulation (``scipy.stats.power``, fixed seed)."""
    pc = _as_distribution(control_probs, "control_probs")
    pv = _as_distribution(variant_probs, "variant_probs")
    n_control, n_variant = (
        as_count(n_control, "n_control"),
        as_count(n_variant, "n_variant"),
    )
    rng = np.random.default_rng(seed)
    points = np.arange(1, pc.size + 1)

    def draw(probs):
        """Return a sampler of answers from ``probs``."""
        return lambda size: rng.choice(points, size=size, p=probs)

    def test(x, y, axis=-1):
        """Return Mann-Whitney p-values along ``axis``."""
        return stats.mannwhitneyu(x, y, axis=axis, method="asymptotic").pvalue

    result = stats.power(
        test,
        (draw(pc), draw(pv)),
        (n_control, n_variant),
        significance=alpha,
        vectorized=True,
        n_resamples=n_simulations,
    )
    return float(result.power)


def plan_ordinal(
    control_probs,
    variant_probs,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    fraction: float = 0.5,
    n_simulations: int = 2_000,
    seed: int = 12_345,
) -> SampleSize:
    """Return Noether's sample size for expected answer distributions, simulated.

    The distributions are the expected shares of each scale point per arm;
    ``simulated_power`` is the Mann-Whitney power at the planned size
    (``n_simulations=0`` skips the check).
    """
    p_star = superiority_from_distributions(control_probs, variant_probs)
    plan = noether_sample_size(p_star, alpha=alpha, power=power, fraction=fraction)
    if n_simulations <= 0:
        return plan
    simulated = simulated_power_ordinal(
        control_probs,
        variant_probs,
        plan.n_control,
        plan.n_variant,
        alpha=alpha,
        n_simulations=n_simulations,
        seed=seed,
    )
    return replace(plan, simulated_power=simulated)


def _t_test_parts(d, n_control, n_variant, sd_ratio, test):
    """Return the noncentrality and degrees of freedom of the t test."""
    if test == "student":
        scale = np.sqrt(1 / n_control + 1 / n_variant)
        return d / scale, n_control + n_variant - 2
    a, b = 1 / n_control, sd_ratio**2 / n_variant
    df = (a + b) ** 2 / (a**2 / (n_control - 1) + b**2 / (n_variant - 1))
    return d / np.sqrt(a + b), df


def t_test_power(
    d: float,
    n_control: float,
    n_variant: float | None = None,
    *,
    alpha: float = 0.05,
    alternative: str = "two-sided",
    test: str = "student",
    sd_ratio: float = 1.0,
) -> float:
    """Return the power of a two-sample t test (noncentral t) for effect size d.

    ``d`` is the mean difference in units of the control SD; ``test`` is
    "student" or "welch" (``sd_ratio`` = variant SD / control SD).
    """
    check_alternative(alternative)
    if test not in ("student", "welch"):
        raise ValueError(f"test must be 'student' or 'welch', got {test!r}")
    n_variant = n_control if n_variant is None else n_variant
    if min(n_control, n_variant) <= 1:
        raise ValueError("need more than one participant per arm")
    ncp, df = _t_test_parts(d, n_control, n_variant, sd_ratio, test)
    if alternative == "two-sided":
        crit = stats.t.ppf(1 - alpha / 2, df)
        return float(stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp))
    crit = stats.t.ppf(1 - alpha, df)
    sign = 1 if alternative == "greater" else -1
    return float(stats.nct.sf(crit, df, sign * ncp))


def t_test_sample_size(
    d: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    alternative: str = "two-sided",
    test: str = "student",
    sd_ratio: float = 1.0,
) -> float:
    """Return the (unrounded) participants per arm for a t test to reach ``power``."""
    _check_probability(power, "power")
    if d == 0:
        raise ValueError("d = 0 means no difference: no sample size is enough")

    def gap(n):
        """Return how far the power at ``n`` is from the target."""
        return (
            t_test_power(
                d,
                n,
                n,
                alpha=alpha,
                alternative=alternative,
                test=test,
                sd_ratio=sd_ratio,
            )
            - power
        )

    low, high = 2.0 + 1e-9, 4.0
    while gap(high) < 0:  # grow the bracket; huge n makes nct numerically unstable
        low, high = high, 2 * high
        if high > 1e8:
            raise ValueError(f"effect d = {d} is too small to plan for")
    return float(optimize.brentq(gap, low, high, xtol=1e-10, rtol=1e-15))


def smallest_p_value(
    n_control: int,
    n_variant: int | None = None,
    *,
    paired: bool = False,
    outcome: str = "ordinal",
    alternative: str = "two-sided",
) -> float:
    """Return the smallest p-value any data could give at these sample sizes.

    Paired (Wilcoxon, sign test, McNemar): 2^-n one-sided. Independent arms:
    1 / C(n_c + n_v, n_v) one-sided for Mann-Whitney; Fisher's test on the
    most extreme table for yes/no. Two-sided doubles where the scale allows.
    """
    check_alternative(alternative)
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
    n_control = as_count(n_control, "n_control")
    sides = 2.0 if alternative == "two-sided" else 1.0
    if paired:
        if n_control == 0:
            raise ValueError("need at least one pair")
        return min(1.0, sides * 0.5**n_control)
    if n_variant is None:
        raise ValueError("n_variant is needed for independent arms")
    n_variant = as_count(n_variant, "n_variant")
    if min(n_control, n_variant) == 0:
        raise ValueError("both arms need at least one participant")
    if outcome == "binary":
        table = [[n_variant, 0], [0, n_control]]
        side = "greater" if alternative != "two-sided" else "two-sided"
        return float(stats.fisher_exact(table, alternative=side).pvalue)
    log_splits = (
        special.gammaln(n_control + n_variant + 1)
        - special.gammaln(n_control + 1)
        - special.gammaln(n_variant + 1)
    )
    return float(min(1.0, sides * np.exp(-log_splits)))


def significance_check(
    n_control: int,
    n_variant: int | None = None,
    *,
    paired: bool = False,
    outcome: str = "ordinal",
    alpha: float = 0.05,
) -> SmallSampleCheck:
    """Return whether a two-sided test could reach ``alpha``, with a report sentence."""
    p_min = smallest_p_value(n_control, n_variant, paired=paired, outcome=outcome)
    if paired:
        size = f"{n_control} pair" + ("" if n_control == 1 else "s")
    else:
        size = f"{n_control} vs {n_variant} participants"
    if p_min <= alpha:
        message = f"With {size} a p-value below {alpha:g} is possible."
        return SmallSampleCheck(p_min, alpha, True, message)
    message = (
        f"Significance is out of reach: with {size} no two-sided test can give "
        f"p < {alpha:g} (smallest possible p = {p_min:.4g}). Read the effect "
        "sizes, their intervals and the Bayesian probability instead."
    )
    return SmallSampleCheck(p_min, alpha, False, message)
