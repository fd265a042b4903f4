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
    """

    probability: float
    method: str
    prior: tuple[float, ...]
    monte_carlo_se: float | None = None
    note: str = ""


def _check_prior(values: tuple[float, ...]) -> tuple[float, ...]:
    """Return the prior parameters as floats after checking they are positive."""
    prior = tuple(float(v) for v in values)
    if not all(np.isfinite(v) and v > 0 for v in prior):
        raise ValueError(f"prior parameters must be positive, got {values!r}")
    return prior


def beta_binomial_prob_better(
    k_control, n_control, k_variant, n_variant, *, prior: tuple[float, float] = (1, 1)
) -> Posterior:
    """Return P(p_variant > p_control) under independent Beta priors.

    Closed form (a sum of ``betaln`` terms) when the variant's posterior alpha
    is a whole number, numerical integration otherwise.
    """
    a0, b0 = _check_prior(prior)
    kc, nc = as_successes(k_control, n_control, "control")
    kv, nv = as_successes(k_variant, n_variant, "variant")
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
        probability, _ = integrate.quad(
            lambda x: stats.beta.pdf(x, a_c, b_c) * stats.beta.sf(x, a_v, b_v), 0, 1
        )
        method = "numerical integration (Beta-Binomial)"
    return Posterior(float(np.clip(probability, 0, 1)), method, (a0, b0))


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
                     posterior.monte_carlo_se, note)  # fmt: skip


def dirichlet_prob_better_counts(
    points,
    control_counts,
    variant_counts,
    *,
    prior: float = 1.0,
    n_draws: int = POSTERIOR_DRAWS,
    seed: int = POSTERIOR_SEED,
    target_se: float | None = POSTERIOR_TARGET_SE,
) -> Posterior:
    """Return ``dirichlet_prob_better`` from answer counts per category (POINTS)."""
    (prior,) = _check_prior((prior,))
    points = tuple(float(p) for p in points)
    counts_c, counts_v = np.asarray(control_counts), np.asarray(variant_counts)
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
    return Posterior(probability, method, (prior,), se, note)


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


def paired_prob_better(
    control,
    variant,
    *,
    n_draws: int = POSTERIOR_DRAWS,
    seed: int = POSTERIOR_SEED,
    target_se: float | None = POSTERIOR_TARGET_SE,
) -> Posterior:
    """Return P(mean paired difference > 0) by the Bayesian bootstrap (Rubin 1981).

    Dirichlet(1, ..., 1) weights over participants; grouped by distinct
    difference, that is Dirichlet(counts) over the distinct differences,
    drawn from stream 0 of ``seed`` as in :func:`dirichlet_prob_better`.
    """
    c, v, dropped = as_pairs(control, variant)
    values, counts = np.unique(v - c, return_counts=True)
    note = missing_note(dropped)
    method = "Bayesian bootstrap over participants"
    if values.size == 1:
        probability = float(values[0] > 0) if values[0] != 0 else 0.5
        note = join_notes(note, "every pair has the same difference")
        return Posterior(probability, method, (1.0,), 0.0, note)
    alpha, points = tuple(counts.astype(float).tolist()), tuple(values.tolist())
    probability, se, _ = probability_above_zero(
        lambda i: posterior_batch(alpha, points, seed, 0, i),
        dirichlet_mean_moments(alpha, points),
        n_draws,
        target_se,
    )
    return Posterior(probability, method, (1.0,), se, note)


def paired_binary_prob_better(table) -> Posterior:
    """Return P(p_variant > p_control) for paired yes/no with a uniform Dirichlet.

    ``table`` is [[both yes, variant only], [control only, both no]]; the
    answer depends on the discordant cells: Beta(b + 1, c + 1) above 1/2.
    """
    b, c = int(table[0][1]), int(table[1][0])
    probability = float(stats.beta.sf(0.5, b + 1, c + 1))
    return Posterior(probability, "closed form (Dirichlet on the 2x2 cells)", (1.0,))
