"""Corrections for many comparisons: Holm (family-wise) and Benjamini-Hochberg (FDR).

NaN p-values (tests that were undefined) stay NaN and do not count towards
the size of the family.
"""

from __future__ import annotations

import numpy as np


def _as_p_values(p_values) -> tuple[np.ndarray, np.ndarray]:
    """Return the p-values as an array and a mask of the defined ones."""
    try:
        p = np.asarray(p_values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("p-values must be numbers") from None
    if p.ndim != 1:
        raise ValueError(f"p-values must be a 1-D array, got shape {p.shape}")
    defined = ~np.isnan(p)
    if ((p[defined] < 0) | (p[defined] > 1)).any():
        raise ValueError("p-values must lie between 0 and 1")
    return p, defined


def holm(p_values) -> np.ndarray:
    """Return Holm step-down adjusted p-values (same order as given)."""
    p, defined = _as_p_values(p_values)
    out = np.full(p.shape, np.nan)
    q = p[defined]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q, kind="stable")
    stepped = np.maximum.accumulate((m - np.arange(m)) * q[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    out[defined] = adjusted
    return out


def benjamini_hochberg(p_values) -> np.ndarray:
    """Return Benjamini-Hochberg adjusted p-values (false discovery rate)."""
    p, defined = _as_p_values(p_values)
    out = np.full(p.shape, np.nan)
    q = p[defined]
    m = q.size
    if m == 0:
        return out
    # As scipy.stats.false_discovery_control(method="bh"), without its overhead
    # (a report adjusts dozens of small families); the tests check both agree.
    order = np.argsort(q)
    scaled = q[order] * (m / np.arange(1, m + 1))
    adjusted = np.empty(m)
    adjusted[order] = np.minimum.accumulate(scaled[::-1])[::-1]
    out[defined] = np.clip(adjusted, 0.0, 1.0)
    return out
