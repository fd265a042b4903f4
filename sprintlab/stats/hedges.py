"""Hedges' g: the mean difference in units of the pooled standard deviation.

Orientation: ``(control, variant)`` in, variant minus control out.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, special, stats

from ._checks import check_confidence, join_notes
from .blocks import Blocks
from .location import _two_arms, arm_moments
from .results import Estimate


def _nct_cdf(x: float, df: float, ncp: float) -> float:
    """Return the noncentral t CDF, falling back to 1 - sf where scipy gives nan."""
    value = special.nctdtr(df, ncp, x)  # what stats.nct.cdf evaluates
    if np.isnan(value):
        value = 1.0 - stats.nct.sf(x, df, ncp)
    if np.isnan(value):  # far in a tail: the side decides
        value = 1.0 if x > ncp else 0.0
    return float(value)


def _ncp_for(t_obs: float, df: float, target: float) -> float:
    """Return the noncentrality whose t distribution puts ``target`` below t_obs."""

    def gap(ncp):
        """Return how far the CDF at t_obs is from the target."""
        return _nct_cdf(t_obs, df, ncp) - target

    low, high = t_obs - 2.0, t_obs + 2.0
    while gap(low) < 0:
        low -= 2.0 + abs(low)
    while gap(high) > 0:
        high += 2.0 + abs(high)
    return optimize.brentq(gap, low, high, xtol=1e-12)


def hedges_g(control, variant, *, confidence: float = 0.95) -> Estimate:
    """Return Hedges' g (bias-corrected Cohen's d) with a noncentral-t interval."""
    check_confidence(confidence)
    c, v, note = _two_arms(control, variant)
    return hedges_g_blocks(Blocks.from_samples(c, v), confidence, note)


def hedges_g_blocks(
    blocks: Blocks, confidence: float, note: str = "", difference_ci=None
) -> Estimate:
    """Return Hedges' g of two arms given as counts per value.

    ``difference_ci``: the mean difference's interval; g's interval is then
    that interval in pooled-SD units (the same test), not its own.
    """
    n_c, mean_c, ss_c = arm_moments(blocks.values, blocks.control)
    n_v, mean_v, ss_v = arm_moments(blocks.values, blocks.variant)
    df = n_c + n_v - 2
    name, method = "Hedges' g", "noncentral t interval"
    if min(n_c, n_v) < 2:
        note = join_notes(note, "needs at least 2 answers per arm")
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    pooled_var = (ss_c + ss_v) / df
    if pooled_var == 0:
        note = join_notes(note, "both arms have zero variance: g is undefined")
        return Estimate(name, np.nan, np.nan, np.nan, confidence, method, note)
    # Exact small-sample correction J(df) = G(df/2) / (sqrt(df/2) G((df-1)/2)).
    j = np.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / np.sqrt(
        df / 2
    )
    d = (mean_v - mean_c) / np.sqrt(pooled_var)
    if difference_ci is not None:
        low, high = np.asarray(difference_ci, dtype=float) * j / np.sqrt(pooled_var)
        method = "mean-difference interval in pooled-SD units (same test)"
        return Estimate(name, float(j * d), float(low), float(high), confidence,
                        method, note)  # fmt: skip
    scale = np.sqrt(1 / n_c + 1 / n_v)
    t_obs = d / scale
    alpha = 1 - confidence
    low = _ncp_for(t_obs, df, 1 - alpha / 2) * scale * j
    high = _ncp_for(t_obs, df, alpha / 2) * scale * j
    return Estimate(name, float(j * d), low, high, confidence, method, note)
