"""An always-valid confidence sequence for a live dashboard (peeking allowed).

Looking at a fixed-n test after every participant inflates false positives
(10 looks give about 20% instead of 5%). A confidence sequence instead covers
the true difference at *all* times at once with probability 1 - alpha.

Which one: the Gaussian-mixture boundary of Robbins (1970) / Howard et al.
(2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences",
the two-sided normal mixture) applied to the running mean of

    psi_i = m1 - m0 + A_i (Y_i - m1) / p - (1 - A_i) (Y_i - m0) / (1 - p),

where A_i is the (randomised, probability p) assignment to the variant and
m1, m0 are the arm means of the participants *before* i. psi is an unbiased,
augmented inverse-probability-weighted estimate of the difference in means
(or proportions, for 0/1 outcomes) given the past, so its running mean is a
martingale around the true difference. The radius at time t is

    sigma * sqrt((t + rho) * log((t + rho) / (rho * alpha^2))) / t.

With ``sigma`` estimated by the running SD of psi this is the asymptotic
confidence sequence of Waudby-Smith et al. (2024, "Time-uniform central limit
theory and asymptotic confidence sequences"): valid as the sample grows, so
for fewer than ~30 participants prefer a fixed-n design. Pass a known
``sigma`` (a sub-Gaussian bound for psi) for the nonasymptotic version.
``rho`` is tuned so the sequence is tightest near ``t_opt`` participants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from ._checks import as_binary, as_sample, join_notes

#: Bounds start once each arm has this many answers: before that the running
#: SD that scales them is too unstable for the asymptotic guarantee.
MIN_PER_ARM = 10


@dataclass(frozen=True, eq=False)
class ConfidenceSequence:
    """Running estimate and always-valid bounds, one entry per participant.

    Attributes:
        n: Participants seen so far (1, 2, ..., N) at each entry.
        estimate: Running estimate of variant minus control.
        lower: Lower bound at each time (nan while undefined: fewer than 2
            participants, or an arm still empty).
        upper: Upper bound at each time.
        alpha: Probability that the bounds ever exclude the truth.
        rho: Mixture tuning parameter (in participants).
        method: Which boundary.
        note: Caveats.
    """

    n: np.ndarray
    estimate: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    alpha: float
    rho: float
    method: str
    note: str = ""

    @property
    def final(self) -> tuple[float, float, float]:
        """Return (estimate, lower, upper) after the last participant."""
        return float(self.estimate[-1]), float(self.lower[-1]), float(self.upper[-1])


def _boundary_factor(t: np.ndarray, rho: float, alpha: float) -> np.ndarray:
    """Return sqrt((t + rho) log((t + rho) / (rho alpha^2))) / t."""
    return np.sqrt((t + rho) * np.log((t + rho) / (rho * alpha**2))) / t


def optimal_rho(t_opt: float, alpha: float) -> float:
    """Return the mixture parameter that minimises the radius at ``t_opt``."""
    result = optimize.minimize_scalar(
        lambda log_rho: float(
            _boundary_factor(np.array(t_opt), np.exp(log_rho), alpha)
        ),
        bounds=(np.log(1e-3), np.log(1e3 * t_opt)),
        method="bounded",
    )
    return float(np.exp(result.x))


def _predictable_means(y: np.ndarray, in_arm: np.ndarray) -> np.ndarray:
    """Return, for each participant, the arm's mean over earlier participants."""
    before_sum = np.concatenate([[0.0], np.cumsum(y * in_arm)[:-1]])
    before_n = np.concatenate([[0.0], np.cumsum(in_arm)[:-1]])
    all_before = np.concatenate([[0.0], np.cumsum(y)[:-1]])
    all_mean = all_before / np.maximum(np.arange(y.size), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(before_n > 0, before_sum / before_n, all_mean)


def confidence_sequence(
    outcomes,
    is_variant,
    *,
    p_variant: float = 0.5,
    alpha: float = 0.05,
    t_opt: float = 100,
    sigma: float | None = None,
    min_per_arm: int = MIN_PER_ARM,
) -> ConfidenceSequence:
    """Return an always-valid confidence sequence for variant minus control.

    ``outcomes`` and ``is_variant`` (0/1) are in order of arrival; rows with a
    missing outcome are left out. ``p_variant`` is the design's assignment
    probability. Bounds are NaN until both arms have ``min_per_arm`` answers.
    """
    y, a, dropped = _arrival_data(outcomes, is_variant)
    if not 0 < p_variant < 1 or not 0 < alpha < 1 or t_opt <= 0:
        raise ValueError("need 0 < p_variant < 1, 0 < alpha < 1 and t_opt > 0")
    if (
        isinstance(min_per_arm, bool)
        or not isinstance(min_per_arm, int)
        or (min_per_arm < 1)
    ):
        raise ValueError(
            f"min_per_arm must be a whole number >= 1, got {min_per_arm!r}"
        )
    m1, m0 = _predictable_means(y, a), _predictable_means(y, 1 - a)
    psi = m1 - m0 + a * (y - m1) / p_variant - (1 - a) * (y - m0) / (1 - p_variant)
    t = np.arange(1, y.size + 1, dtype=float)
    estimate = np.cumsum(psi) / t
    rho = optimal_rho(t_opt, alpha)
    if sigma is None:
        with np.errstate(invalid="ignore", divide="ignore"):
            var = (np.cumsum(psi**2) - t * estimate**2) / (t - 1)
        scale = np.sqrt(np.maximum(var, 0))
        method = "asymptotic normal-mixture confidence sequence (AIPW)"
    else:
        if not sigma > 0:
            raise ValueError(f"sigma must be positive, got {sigma!r}")
        scale = np.full_like(t, float(sigma))
        method = "normal-mixture confidence sequence, sub-Gaussian sigma (AIPW)"
    radius = scale * _boundary_factor(t, rho, alpha)
    enough = (np.cumsum(a) >= min_per_arm) & (np.cumsum(1 - a) >= min_per_arm)
    radius = np.where(enough & (t >= 2), radius, np.nan)
    note = f"{dropped} missing outcome(s) left out" if dropped else ""
    if not enough[-1]:
        note = join_notes(note, f"no bounds before {min_per_arm} answers per arm")
    if y.size < 30 and sigma is None:
        note = join_notes(note, "fewer than 30 participants: prefer a fixed-n design")
    arrays = [t, estimate, estimate - radius, estimate + radius]
    for array in arrays:
        array.flags.writeable = False
    return ConfidenceSequence(*arrays, alpha=alpha, rho=rho, method=method, note=note)


def _arrival_data(outcomes, is_variant) -> tuple[np.ndarray, np.ndarray, int]:
    """Return outcomes and 0/1 assignments without missing outcomes, and the count."""
    as_sample(outcomes, "outcomes", min_size=0)  # shape and finiteness checks
    y_all = np.asarray(outcomes, dtype=float)
    flags, _ = as_binary(is_variant, "is_variant")
    if flags.shape != y_all.shape:
        raise ValueError("outcomes and is_variant must have the same length")
    kept = ~np.isnan(y_all)
    if not kept.any():
        raise ValueError("no outcomes yet")
    return y_all[kept], flags[kept], int((~kept).sum())


def variant_confidence_sequences(
    outcomes,
    arms,
    control,
    *,
    alpha: float = 0.05,
    min_per_arm: int = MIN_PER_ARM,
    t_opt: float = 100,
    sigma: float | None = None,
) -> dict:
    """Return one always-valid sequence per variant against the control.

    ``outcomes`` and ``arms`` (labels) are in order of arrival. alpha is split
    over the k - 1 variants (Bonferroni), so the chance that ANY variant's
    sequence ever excludes its true difference is at most alpha. Each sequence
    uses the control's and that variant's participants, assigned 1:1.
    """
    arms = np.asarray(arms)
    y = np.asarray(outcomes, dtype=float)
    if arms.shape != y.shape or arms.ndim != 1:
        raise ValueError("outcomes and arms must be 1-D and equally long")
    variants = [label for label in np.unique(arms) if label != control]
    if control not in set(arms.tolist()) or not variants:
        raise ValueError("need answers from the control and at least one variant")
    share = alpha / len(variants)
    found = {}
    for label in variants:
        mine = (arms == control) | (arms == label)
        sequence = confidence_sequence(
            y[mine], (arms[mine] == label).astype(float), alpha=share,
            t_opt=t_opt, sigma=sigma, min_per_arm=min_per_arm,
        )  # fmt: skip
        note = join_notes(
            sequence.note,
            f"alpha {alpha:g} split over {len(variants)} variants ({share:.3g} each)",
        )
        plain = label.item() if isinstance(label, np.generic) else label
        found[plain] = ConfidenceSequence(
            sequence.n, sequence.estimate, sequence.lower, sequence.upper,
            sequence.alpha, sequence.rho, sequence.method, note,
        )  # fmt: skip
    return found
