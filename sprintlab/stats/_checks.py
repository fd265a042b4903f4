"""Input checks shared by the statistics modules: arrays in, clear errors out.

"Don't know" answers are missing data: callers pass them as NaN and the
functions here drop them explicitly and report how many they dropped.
"""

from __future__ import annotations

import numpy as np

ALTERNATIVES = ("two-sided", "less", "greater")


def check_alternative(alternative: str) -> str:
    """Return ``alternative`` if it is one of the three scipy spellings."""
    if alternative not in ALTERNATIVES:
        raise ValueError(
            f"alternative must be one of {ALTERNATIVES}, got {alternative!r}"
        )
    return alternative


def check_confidence(confidence: float) -> float:
    """Return ``confidence`` if it lies strictly between 0 and 1."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    return float(confidence)


def _as_float_array(values, name: str) -> np.ndarray:
    """Return ``values`` as a float array, or raise a ValueError naming them."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must contain numbers: {exc}") from None


def as_sample(
    values, name: str, *, min_size: int = 1, scale: tuple[int, int] | None = None
) -> tuple[np.ndarray, int]:
    """Return the non-missing values of a 1-D sample and how many NaNs were dropped."""
    arr = _as_float_array(values, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains infinite values")
    missing = np.isnan(arr)
    kept = arr[~missing]
    if kept.size < min_size:
        raise ValueError(
            f"{name} needs at least {min_size} non-missing value(s), got {kept.size}"
        )
    if scale is not None:
        check_scale(kept, scale, name)
    return kept, int(missing.sum())


def check_scale(values: np.ndarray, scale: tuple[int, int], name: str) -> None:
    """Raise unless every value is a whole point on the rating scale ``scale``."""
    low, high = scale
    if not low < high:
        raise ValueError(f"scale must be (low, high) with low < high, got {scale!r}")
    outside = (values < low) | (values > high) | (values != np.round(values))
    if outside.any():
        bad = np.unique(values[outside])[:5]
        raise ValueError(
            f"{name} has values that are not points on the {low}-{high} scale: "
            f"{bad.tolist()}"
        )


def as_pairs(
    control, variant, *, min_size: int = 1, scale: tuple[int, int] | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Return complete (control, variant) pairs and how many incomplete were dropped."""
    c = _as_float_array(control, "control")
    v = _as_float_array(variant, "variant")
    if c.ndim != 1 or v.ndim != 1 or c.shape != v.shape:
        raise ValueError(
            "paired control and variant must be 1-D arrays of equal length, got "
            f"shapes {c.shape} and {v.shape}"
        )
    if np.isinf(c).any() or np.isinf(v).any():
        raise ValueError("paired data contain infinite values")
    complete = ~(np.isnan(c) | np.isnan(v))
    if complete.sum() < min_size:
        raise ValueError(
            f"need at least {min_size} complete pair(s), got {int(complete.sum())}"
        )
    c, v = c[complete], v[complete]
    if scale is not None:
        check_scale(c, scale, "control")
        check_scale(v, scale, "variant")
    return c, v, int((~complete).sum())


def as_binary(values, name: str) -> tuple[np.ndarray, int]:
    """Return the non-missing 0/1 answers of a yes/no item and how many were dropped."""
    kept, dropped = as_sample(values, name)
    if not np.isin(kept, (0.0, 1.0)).all():
        raise ValueError(f"{name} must contain only 0 (no), 1 (yes) or NaN")
    return kept, dropped


def as_count(value, name: str) -> int:
    """Return ``value`` as a non-negative whole count."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None
    if not np.isfinite(number) or number < 0 or number != int(number):
        raise ValueError(f"{name} must be a non-negative whole number, got {value!r}")
    return int(number)


def as_successes(k, n, name: str) -> tuple[int, int]:
    """Return (successes, trials) after checking 0 <= k <= n and n >= 1."""
    k, n = as_count(k, f"{name} successes"), as_count(n, f"{name} trials")
    if n == 0:
        raise ValueError(f"{name} has no trials (n = 0)")
    if k > n:
        raise ValueError(f"{name} has more successes ({k}) than trials ({n})")
    return k, n


def as_table(table, name: str = "table", *, shape: tuple[int, int] | None = None):
    """Return a 2-D integer array of non-negative counts."""
    arr = _as_float_array(table, name)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be two-dimensional, got shape {arr.shape}")
    if shape is not None and arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must not contain NaN or infinite counts")
    if (arr < 0).any():
        raise ValueError(f"{name} must not contain negative counts")
    if (arr != np.round(arr)).any():
        raise ValueError(f"{name} must contain whole counts")
    return arr.astype(np.int64)


def as_counts(values, name: str) -> np.ndarray:
    """Return a 1-D integer array of non-negative counts."""
    arr = _as_float_array(values, name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of counts")
    return as_table(arr[None, :], name)[0]


def missing_note(n_missing: int) -> str:
    """Return the note that says how many missing answers were left out."""
    if n_missing == 0:
        return ""
    word = "answer" if n_missing == 1 else "answers"
    return f"{n_missing} missing ('don't know') {word} left out"


def join_notes(*notes: str) -> str:
    """Join the non-empty notes into one sentence list."""
    return "; ".join(note for note in notes if note)
