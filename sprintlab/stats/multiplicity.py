"""Corrections for many comparisons: Holm (family-wise) and Benjamini-Hochberg (FDR).

NaN p-values (tests that were undefined) stay NaN and do not count towards
the size of the family.
"""

from __future__ import annotations

import numpy as np


def _adjusted(p_values, adjust) -> np.ndarray:
    """Return ADJUST applied to the defined p-values; undefined ones stay NaN.

    ADJUST gets the defined p-values (at least one) and returns them adjusted,
    in the same order.
    """
    try:
        p = np.asarray(p_values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("p-values must be numbers") from None
    if p.ndim != 1:
        raise ValueError(f"p-values must be a 1-D array, got shape {p.shape}")
    defined = ~np.isnan(p)
    if ((p[defined] < 0) | (p[defined] > 1)).any():
        raise ValueError("p-values must lie between 0 and 1")
    out = np.full(p.shape, np.nan)
    if defined.any():
        out[defined] = adjust(p[defined])
    return out


def holm(p_values) -> np.ndarray:
    """Return Holm step-down adjusted p-values (same order as given)."""
    return _adjusted(p_values, _holm)


def _holm(q):
    m = q.size
    order = np.argsort(q, kind="stable")
    stepped = np.maximum.accumulate((m - np.arange(m)) * q[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def benjamini_hochberg(p_values) -> np.ndarray:
    """Return Benjamini-Hochberg adjusted p-values (false discovery rate)."""
    return _adjusted(p_values, _benjamini_hochberg)


def _benjamini_hochberg(q):
    # As scipy.stats.false_discovery_control(method="bh"), without its overhead
    # (a report adjusts dozens of small families); the tests check both agree.
    m = q.size
    order = np.argsort(q)
    scaled = q[order] * (m / np.arange(1, m + 1))
    adjusted = np.empty(m)
    adjusted[order] = np.minimum.accumulate(scaled[::-1])[::-1]
    return np.clip(adjusted, 0.0, 1.0)
