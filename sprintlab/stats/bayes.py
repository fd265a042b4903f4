"""Bayesian probabilities that the variant scores higher, with scipy only.

These lead the report when a sample is too small for significance. All
functions return P(variant higher than control); flip for "lower is better".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import integrate, special, stats

from ._checks import as_pairs, as_sample, as_successes, join_notes, missing_note
from .posterior_draws import (
    dirichlet_mean_moments,
    posterior_batch,
    probability_above_zero,
)

#: At most this many posterior draws per Monte Carlo probability, and the seed.
POSTERIOR_DRAWS = 20_000
POSTERIOR_SEED = 20_240_604
#: The paired model's prior: this many pseudo-pairs, spread evenly over every
#: possible difference (symmetric about 0). Chosen so that a few pairs cannot
#: give 0 or 1: with 5 pairs of mixed sign P stays inside (0.02, 0.98), and
#: 2 pairs that both favour the variant by 1 point give at most about 0.9.
PAIRED_PRIOR_PAIRS = 3.0
#: Prior strengths of the sensitivity line: half and double the one used.
SENSITIVITY_FACTORS = (0.5, 2.0)
#: Monte Carlo precision of the sensitivity line (a rough guide, not a result).
SENSITIVITY_TARGET_SE = 0.01
#: Draws come in batches of POSTERIOR_BATCH; drawing stops once the Monte
#: Carlo standard error is at most this (at the latest at POSTERIOR_DRAWS).
POSTERIOR_TARGET_SE = 0.0035


@dataclass(frozen=True)
class Posterior:
    """A posterior probability that the variant beats the control.

    Attributes:
        probability: P(variant higher than control | data, prior).
        method: How it was computed.
        prior: Prior parameter(s) per arm or category.
        monte_carlo_se: Standard error when computed by simulation, else None.
        note: Caveats (dropped answers, prior sensitivity, ...).
        sensitivity: (prior strength, probability) at half and at double the
            prior strength, the prior sensitivity line; () when not computed.
    """

    probability: float
    method: str
    prior: tuple[float, ...]
    monte_carlo_se: float | None = None
    note: str = ""
    sensitivity: tuple[tuple[float, float], ...] = ()


def _check_prior(values: tuple[float, ...]) -> tuple[float, ...]:
    """Return the prior parameters as floats after checking they are positive."""
    prior = tuple(float(v) for v in values)
    if not all(np.isfinite(v) and v > 0 for v in prior):
        raise ValueError(f"prior parameters must be positive, got {values!r}")
    return prior


def beta_binomial_prob_better(
    k_control,
    n_control,
    k_variant,
    n_variant,
    *,
    prior: tuple[float, float] = (1, 1),
    sensitivity: bool = True,
) -> Posterior:
    """Return P(p_variant > p_control) under independent Beta priors.

    Closed form (a sum of ``betaln`` terms) when the variant's posterior alpha
    is a whole number, numerical integration otherwise. ``sensitivity`` adds
    the probability at half and double the prior's strength.
    """
    a0, b0 = _check_prior(prior)
    kc, nc = as_successes(k_control, n_control, "control")
    kv, nv = as_successes(k_variant, n_variant, "variant")
    line = ()
    if sensitivity:
        line = tuple(
            (
                factor * (a0 + b0),
                beta_binomial_prob_better(
                    kc, nc, kv, nv, prior=(a0 * factor, b0 * factor),
                    sensitivity=False,
                ).probability,
            )
            for factor in SENSITIVITY_FACTORS
        )  # fmt: skip
    a_c, b_c, a_v, b_v = kc + a0, nc - kc + b0, kv + a0, nv - kv + b0
    if float(a_v).is_integer():
        i = np.arange(int(a_v))
        log_terms = (
            special.betaln(a_c + i, b_c + b_v)
            - np.log(b_v + i)
            - special.betaln(1 + i, b_v)
            - special.betaln(a_c, b_c)
        )
        probability = float(np.exp(special.logsumexp(log_terms)))
        method = "closed form (Beta-Binomial)"
    else:
        # The Beta density and survival function from scipy.special directly:
        # the same values as stats.beta, without its per-call overhead.
        log_norm = special.betaln(a_c, b_c)
        probability, _ = integrate.quad(
            lambda x: (
                np.exp(
                    special.xlogy(a_c - 1, x) + special.xlog1py(b_c - 1, -x) - log_norm
                )
                * special.betaincc(a_v, b_v, x)
            ),
            0,
            1,
        )
        method = "numerical integration (Beta-Binomial)"
    probability = float(np.clip(probability, 0, 1))
    return Posterior(probability, method, (a0, b0), sensitivity=line)


def _category_counts(values: np.ndarray, categories: np.ndarray, name: str):
    """Return answer counts per category, raising for values off the scale."""
    index = np.searchsorted(categories, values)
    index = np.minimum(index, categories.size - 1)
    if (categories[index] != values).any():
        raise ValueError(f"{name} has values outside the categories {categories}")
    return np.bincount(index, minlength=categories.size)


def dirichlet_prob_better(
    control,
    variant,
    *,
    categories=None,
    prior: float = 1.0,
    n_draws: int = POSTERIOR_DRAWS,
    seed: int = POSTERIOR_SEED,
    target_se: float | None = POSTERIOR_TARGET_SE,
) -> Posterior:
    """Return P(mean_variant > mean_control) under Dirichlet posteriors per arm.

    ``categories`` are the scale points (default: every value observed in
    either arm); each gets ``prior`` pseudo-answers. Monte Carlo with a fixed
    seed: the control's draws come from stream 0 of ``seed``, the variant's
    from stream 1 (batch i from ``SeedSequence(seed, spawn_key=(stream, i))``),
    in batches of POSTERIOR_BATCH until the standard error is at most ``target_se``
    (None: all ``n_draws``), with the exact posterior moments as control
    variates (see ``posterior_draws``).
    """
    c, c_missing = as_sample(control, "control")
    v, v_missing = as_sample(variant, "variant")
    points = np.unique(np.concatenate([c, v]) if categories is None else categories)
    if points.size < 2:
        points = np.array([points[0], points[0] + 1.0])
    counts_c = _category_counts(c, points, "control")
    counts_v = _category_counts(v, points, "variant")
    posterior = dirichlet_prob_better_counts(
        points, counts_c, counts_v, prior=prior, n_draws=n_draws, seed=seed,
        target_se=target_se,
    )  # fmt: skip
    note = join_notes(missing_note(c_missing + v_missing), posterior.note)
    return Posterior(posterior.probability, posterior.method, posterior.prior,
                     posterior.monte_carlo_se, note, posterior.sensitivity)  # fmt: skip


def dirichlet_prob_better_counts(
    points,
    control_counts,
    variant_counts,
    *,
    prior: float = 1.0,
    n_draws: int = POSTERIOR_DRAWS,
    seed: int = POSTERIOR_SEED,
    target_se: float | None = POSTERIOR_TARGET_SE,
    sensitivity: bool = True,
) -> Posterior:
    """Return ``dirichlet_prob_better`` from answer counts per category (POINTS).

    ``sensitivity`` adds the probability at half and double the prior.
    """
    (prior,) = _check_prior((prior,))
    points = tuple(float(p) for p in points)
    counts_c, counts_v = np.asarray(control_counts), np.asarray(variant_counts)
    line = ()
    if sensitivity:
        line = tuple(
            (
                prior * factor,
                dirichlet_prob_better_counts(
                    points, counts_c, counts_v, prior=prior * factor,
                    n_draws=n_draws, seed=seed,
                    target_se=max(target_se or 0.0, SENSITIVITY_TARGET_SE),
                    sensitivity=False,
                ).probability,
            )
            for factor in SENSITIVITY_FACTORS
        )  # fmt: skip
    alpha_c = tuple((counts_c + prior).tolist())
    alpha_v = tuple((counts_v + prior).tolist())
    (mean_c, var_c, third_c), (mean_v, var_v, third_v) = (
        dirichlet_mean_moments(alpha_c, points),
        dirichlet_mean_moments(alpha_v, points),
    )
    probability, se, _ = probability_above_zero(
        lambda i: (
            posterior_batch(alpha_v, points, seed, 1, i)
            - posterior_batch(alpha_c, points, seed, 0, i)
        ),
        (mean_v - mean_c, var_v + var_c, third_v - third_c),
        n_draws,
        target_se,
    )
    note = ""
    if min(counts_c.sum(), counts_v.sum()) < 10 * len(points):
        note = "few answers per category: check prior sensitivity"
    method = "Monte Carlo with control variates (Dirichlet per arm)"
    return Posterior(probability, method, (prior,), se, note, line)


def dirichlet_prior_sensitivity(
    control, variant, *, categories=None, priors=(0.5, 1.0, 2.0)
) -> tuple[tuple[float, float], ...]:
    """Return (prior, P(mean_variant > mean_control)) for several Dirichlet priors."""
    return tuple(
        (
            float(p),
            dirichlet_prob_better(
                control, variant, categories=categories, prior=p
            ).probability,
        )
        for p in priors
    )


def paired_support(differences: np.ndarray, scale=None) -> np.ndarray:
    """Return every paired difference the prior gives mass: symmetric about 0.

    On a rating scale (low, high) that is every whole difference from
    -(high - low) to +(high - low); otherwise the observed differences, their
    mirror images and 0.
    """
    if scale is not None:
        width = scale[1] - scale[0]
        return np.arange(-width, width + 1, dtype=float)
    return np.union1d(np.union1d(differences, -differences), [0.0])


def paired_prob_better(
    control,
    variant,
    *,
    scale: tuple[int, int] | None = None,
    prior_pairs: float = PAIRED_PRIOR_PAIRS,
    n_draws: int = POSTERIOR_DRAWS,
    seed: int = POSTERIOR_SEED,
    target_se: float | None = POSTERIOR_TARGET_SE,
    sensitivity: bool = True,
) -> Posterior:
    """Return P(mean paired difference > 0) under a Dirichlet over the differences.

    The population of paired differences (variant - control) is a Dirichlet
    over every possible difference (see :func:`paired_support`), with a
    symmetric prior of ``prior_pairs`` pseudo-pairs spread evenly over them:
    the prior puts the mean difference at 0 and gives both directions mass,
    so no finite number of pairs yields exactly 0 or 1. Monte Carlo as in
    :func:`dirichlet_prob_better` (stream 0 of ``seed``).
    """
    (prior_pairs,) = _check_prior((prior_pairs,))
    c, v, dropped = as_pairs(control, variant, scale=scale)
    d = v - c
    support = paired_support(d, scale)
    counts = _category_counts(d, support, "paired differences")
    alpha = tuple((counts + prior_pairs / support.size).tolist())
    points = tuple(support.tolist())
    probability, se, _ = probability_above_zero(
        lambda i: posterior_batch(alpha, points, seed, 0, i),
        dirichlet_mean_moments(alpha, points),
        n_draws,
        target_se,
    )
    line = ()
    if sensitivity:
        line = tuple(
            (
                prior_pairs * factor,
                paired_prob_better(
                    c, v, scale=scale, prior_pairs=prior_pairs * factor,
                    n_draws=n_draws, seed=seed,
                    target_se=max(target_se or 0.0, SENSITIVITY_TARGET_SE),
                    sensitivity=False,
                ).probability,
            )
            for factor in SENSITIVITY_FACTORS
        )  # fmt: skip
    method = (
        f"Monte Carlo (Dirichlet over {support.size} possible paired differences, "
        f"symmetric prior of {prior_pairs:g} pseudo-pairs)"
    )
    return Posterior(
        probability, method, (prior_pairs,), se, missing_note(dropped), line
    )


def paired_binary_prob_better(table, *, prior: float = 1.0) -> Posterior:
    """Return P(p_variant > p_control) for paired yes/no answers.

    ``table`` is [[both yes, variant only], [control only, both no]]; the
    answer depends on the discordant pairs only: with a Beta(prior, prior)
    prior on the share of discordant pairs that favour the variant (uniform
    by default), P = P(Beta(b + prior, c + prior) > 1/2), never 0 or 1.
    """
    (prior,) = _check_prior((prior,))
    b, c = int(table[0][1]), int(table[1][0])

    def probability(strength: float) -> float:
        """Return the posterior probability under Beta(strength, strength)."""
        return float(stats.beta.sf(0.5, b + strength, c + strength))

    line = tuple((prior * f, probability(prior * f)) for f in SENSITIVITY_FACTORS)
    method = "closed form (Beta on the discordant pairs)"
    return Posterior(probability(prior), method, (prior, prior), sensitivity=line)
