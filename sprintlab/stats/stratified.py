"""Stratified tests across segments: van Elteren, CMH, Breslow-Day, Cochran's Q.

Written with scipy only (statsmodels is not a dependency); the tests check
CMH, the Mantel-Haenszel odds ratio and Breslow-Day against R's published
output for ``UCBAdmissions``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from ._checks import as_table, check_alternative, join_notes
from .blocks import Blocks
from .ordinal import normal_p_value
from .results import Estimate, TestResult


def strata(values, labels, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Return non-missing values with their segment labels."""
    values = np.asarray(values, dtype=float)
    labels = np.asarray(labels)
    if values.ndim != 1 or values.shape != labels.shape:
        raise ValueError(f"{name} and its segment labels must be 1-D and equally long")
    keep = ~np.isnan(values)
    return values[keep], labels[keep]


@dataclass(frozen=True)
class StratifiedBinary:
    """Cochran-Mantel-Haenszel analysis of 2x2 tables across segments.

    Attributes:
        cmh: Test of a common association (df 1).
        breslow_day: Homogeneity of the odds ratios: the interaction test.
        common_odds_ratio: Mantel-Haenszel odds ratio with the
            Robins-Breslow-Greenland interval.
        note: Segments left out and why.
    """

    cmh: TestResult
    breslow_day: TestResult
    common_odds_ratio: Estimate
    note: str = ""


def van_elteren(
    control,
    variant,
    control_segments,
    variant_segments,
    *,
    alternative: str = "two-sided",
) -> TestResult:
    """Return van Elteren's stratified Wilcoxon test (weights 1 / (n_s + 1))."""
    check_alternative(alternative)
    c, c_seg = strata(control, control_segments, "control")
    v, v_seg = strata(variant, variant_segments, "variant")
    labels, points, c_table, v_table = segment_tables(c, v, c_seg, v_seg)
    return van_elteren_counts(labels, points, c_table, v_table, alternative=alternative)


def segment_tables(c, v, c_seg, v_seg, points=None):
    """Return labels, points and segments x points answer counts of both arms.

    Labels are the sorted segments that occur in either arm; ``points``
    default to the distinct values given in either arm.
    """
    labels, where = np.unique(np.concatenate([c_seg, v_seg]), return_inverse=True)
    points = np.unique(np.concatenate([c, v])) if points is None else points
    index = np.searchsorted(points, np.concatenate([c, v]))
    cells = where * points.size + index
    shape = (labels.size, points.size)
    tables = [
        np.bincount(part, minlength=labels.size * points.size).reshape(shape)
        for part in (cells[: c.size], cells[c.size :])
    ]
    return labels, points, tables[0], tables[1]


def van_elteren_counts(
    labels, points, control_table, variant_table, *, alternative: str = "two-sided"
) -> TestResult:
    """Return van Elteren's test from segments x points answer counts per arm."""
    check_alternative(alternative)
    numerator, variance, skipped = 0.0, 0.0, []
    for label, c_row, v_row in zip(labels, control_table, variant_table, strict=True):
        if c_row.sum() == 0 or v_row.sum() == 0:
            if c_row.sum() or v_row.sum():
                skipped.append(str(label))
            continue
        blocks = Blocks.from_counts(points, c_row, v_row)
        n_c, n_v = blocks.n_control, blocks.n_variant
        n = n_c + n_v
        weight = 1 / (n + 1)
        numerator += weight * (blocks.u_variant - n_v * n_c / 2)
        tie_term = blocks.tie_term / (n * (n - 1)) if n > 1 else 0.0
        variance += weight**2 * n_v * n_c / 12 * (n + 1 - tie_term)
    note = (
        f"segments with one arm only left out: {', '.join(skipped)}" if skipped else ""
    )
    if variance <= 0:
        note = join_notes(note, "no variation within segments: no evidence either way")
        return TestResult(
            "van Elteren", np.nan, 1.0, alternative, "asymptotic", "z", note=note
        )
    z = numerator / np.sqrt(variance)
    p_value = normal_p_value(z, alternative)
    return TestResult(
        "van Elteren",
        float(z),
        float(p_value),
        alternative,
        "asymptotic",
        "z",
        note=note,
    )


def heterogeneity_test(estimates, standard_errors, *, name: str) -> TestResult:
    """Return Cochran's Q test that per-segment estimates share one value."""
    est = np.asarray(estimates, dtype=float)
    se = np.asarray(standard_errors, dtype=float)
    usable = np.isfinite(est) & np.isfinite(se) & (se > 0)
    note = (
        ""
        if usable.all()
        else f"{int((~usable).sum())} segment(s) without a standard error left out"
    )
    if usable.sum() < 2:
        note = join_notes(note, "fewer than 2 usable segments: no interaction test")
        return TestResult(
            name, np.nan, np.nan, method="asymptotic", statistic_name="Q", note=note
        )
    weight = 1 / se[usable] ** 2
    pooled = (weight * est[usable]).sum() / weight.sum()
    q = float((weight * (est[usable] - pooled) ** 2).sum())
    df = int(usable.sum() - 1)
    return TestResult(
        name,
        q,
        float(special.chdtrc(df, q)),
        method="asymptotic",
        statistic_name="Q",
        df=df,
        note=note,
    )


def _as_strata_tables(tables) -> np.ndarray:
    """Return (segments, 2, 2) non-negative counts as floats."""
    arr = np.asarray(tables, dtype=float)
    if arr.ndim != 3 or arr.shape[1:] != (2, 2):
        raise ValueError(f"tables must have shape (segments, 2, 2), got {arr.shape}")
    return as_table(arr.reshape(-1, 4), "tables").reshape(-1, 2, 2).astype(float)


def cochran_mantel_haenszel(tables, *, correction: bool = False) -> StratifiedBinary:
    """Return CMH, Breslow-Day (Tarone-adjusted) and the MH common odds ratio.

    Each table is [[variant yes, variant no], [control yes, control no]].
    """
    t = _as_strata_tables(tables)
    n = t.sum(axis=(1, 2))
    informative = n > 1
    note = "" if informative.all() else "segments with fewer than 2 answers left out"
    t, n = t[informative], n[informative]
    if t.shape[0] == 0:
        raise ValueError("no segment has at least 2 answers")
    a, b, c, d = t[:, 0, 0], t[:, 0, 1], t[:, 1, 0], t[:, 1, 1]
    row1, row2, col1, col2 = a + b, c + d, a + c, b + d
    expected = row1 * col1 / n
    var = row1 * row2 * col1 * col2 / (n**2 * (n - 1))
    deviation = abs((a - expected).sum()) - (0.5 if correction else 0.0)
    if var.sum() > 0:
        cmh_stat = max(deviation, 0.0) ** 2 / var.sum()
        cmh = TestResult(
            "Cochran-Mantel-Haenszel",
            float(cmh_stat),
            float(stats.chi2.sf(cmh_stat, 1)),
            method="asymptotic",
            statistic_name="chi2",
            df=1.0,
        )
    else:
        cmh = TestResult(
            "Cochran-Mantel-Haenszel",
            np.nan,
            1.0,
            method="asymptotic",
            statistic_name="chi2",
            df=1.0,
            note="no variation in any segment: no evidence either way",
        )
    r, s = a * d / n, b * c / n
    odds = _mantel_haenszel_or(a, b, c, d, n, r, s)
    breslow = _breslow_day(a, row1, col1, n, odds.estimate)
    return StratifiedBinary(cmh, breslow, odds, note)


def _mantel_haenszel_or(a, b, c, d, n, r, s) -> Estimate:
    """Return the Mantel-Haenszel odds ratio with the RGB interval."""
    name, method = "odds ratio (Mantel-Haenszel)", "Robins-Breslow-Greenland interval"
    if r.sum() == 0 or s.sum() == 0:
        note = "the pooled odds ratio is 0 or infinite: no interval"
        estimate = np.nan if r.sum() == s.sum() else (0.0 if r.sum() == 0 else np.inf)
        return Estimate(name, estimate, np.nan, np.nan, method=method, note=note)
    p, q = (a + d) / n, (b + c) / n
    sr, ss = r.sum(), s.sum()
    var_log = (
        (p * r).sum() / (2 * sr**2)
        + (p * s + q * r).sum() / (2 * sr * ss)
        + (q * s).sum() / (2 * ss**2)
    )
    estimate = sr / ss
    half = stats.norm.ppf(0.975) * np.sqrt(var_log)
    return Estimate(
        name,
        float(estimate),
        float(estimate * np.exp(-half)),
        float(estimate * np.exp(half)),
        method=method,
    )


def _breslow_day(a, row1, col1, n, odds_ratio) -> TestResult:
    """Return the Breslow-Day test with Tarone's adjustment (df = segments - 1)."""
    name = "Breslow-Day (Tarone)"
    if not np.isfinite(odds_ratio) or odds_ratio <= 0:
        return TestResult(
            name,
            np.nan,
            np.nan,
            method="asymptotic",
            statistic_name="chi2",
            note="needs a finite, positive common odds ratio",
        )
    low = np.maximum(0, row1 + col1 - n)
    high = np.minimum(row1, col1)
    if odds_ratio == 1:
        fitted = row1 * col1 / n
    else:
        # Solve fitted (n - row1 - col1 + fitted) = OR (row1 - fitted)(col1 - fitted).
        qa = 1 - odds_ratio
        qb = n - row1 - col1 + odds_ratio * (row1 + col1)
        qc = -odds_ratio * row1 * col1
        root = np.sqrt(qb**2 - 4 * qa * qc)
        first, second = (-qb + root) / (2 * qa), (-qb - root) / (2 * qa)
        fitted = np.where((first >= low - 1e-9) & (first <= high + 1e-9), first, second)
    with np.errstate(divide="ignore"):
        var = 1 / (
            1 / fitted
            + 1 / (row1 - fitted)
            + 1 / (col1 - fitted)
            + 1 / (n - row1 - col1 + fitted)
        )
    usable = (high > low) & np.isfinite(var) & (var > 0)
    if usable.sum() < 2:
        return TestResult(
            name,
            np.nan,
            np.nan,
            method="asymptotic",
            statistic_name="chi2",
            note="fewer than 2 segments with variation",
        )
    dev, var = a[usable] - fitted[usable], var[usable]
    statistic = float((dev**2 / var).sum() - dev.sum() ** 2 / var.sum())
    df = int(usable.sum() - 1)
    return TestResult(
        name,
        statistic,
        float(stats.chi2.sf(statistic, df)),
        method="asymptotic",
        statistic_name="chi2",
        df=df,
    )
