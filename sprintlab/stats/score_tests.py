"""Score tests of a risk difference, and the intervals that invert them.

- Two independent arms: Miettinen & Nurminen (1985). For "p_variant -
  p_control = d" the variance is evaluated at the maximum-likelihood
  proportions under that constraint (closed form, Farrington & Manning 1990),
  times N / (N - 1). The MN interval is the set of d the test does not
  reject, so a non-inferiority test at d = -margin is the same statistic.
- Paired answers: Tango (1998), the same idea for the difference of two
  correlated proportions; only the discordant pairs and n enter.

The statistics decrease in d, so each limit is a root found by bisection.
Written with the math module: a verdict family of a simulated study needs
thousands of these per second.
"""

from __future__ import annotations

from math import acos, copysign, cos, inf, pi, sqrt

from scipy import special

from .inversion import InvertibleTest


def _restricted_proportions(x_v, n_v, x_c, n_c, d):
    """Return the MLE (p_variant, p_control) under p_variant - p_control = d."""
    theta = n_c / n_v
    p_v, p_c = x_v / n_v, x_c / n_c
    a = 1.0 + theta
    b = -(1.0 + theta + p_v + theta * p_c + d * (theta + 2.0))
    c = d * d + d * (2.0 * p_v + theta + 1.0) + p_v + theta * p_c
    e = -p_v * d * (1.0 + d)
    v = b**3 / (27.0 * a**3) - b * c / (6.0 * a * a) + e / (2.0 * a)
    s = b * b / (9.0 * a * a) - c / (3.0 * a)
    u = copysign(sqrt(max(s, 0.0)), v)
    if u == 0.0:
        root = -b / (3.0 * a)
    else:
        ratio = max(-1.0, min(1.0, v / u**3))
        root = 2.0 * u * cos((pi + acos(ratio)) / 3.0) - b / (3.0 * a)
    root = min(max(root, max(0.0, d)), min(1.0, 1.0 + d))
    return root, root - d


def miettinen_nurminen_z(x_v, n_v, x_c, n_c, d) -> float:
    """Return the MN score statistic of "p_variant - p_control = d" (large = above)."""
    observed = x_v / n_v - x_c / n_c - d
    p_v, p_c = _restricted_proportions(x_v, n_v, x_c, n_c, d)
    n = n_v + n_c
    variance = (p_v * (1 - p_v) / n_v + p_c * (1 - p_c) / n_c) * n / (n - 1)
    return _ratio(observed, variance)


def tango_z(b, c, n, d) -> float:
    """Return Tango's score statistic of "paired risk difference = d".

    B = pairs with yes only for the variant, C = yes only for the control.
    """
    observed = b - c - n * d
    big_a = 2.0 * n
    big_b = -b - c + (2.0 * n - b + c) * d
    big_c = -c * d * (1.0 - d)
    q = (sqrt(max(big_b * big_b - 4.0 * big_a * big_c, 0.0)) - big_b) / (2.0 * big_a)
    variance = n * (2.0 * q + d * (1.0 - d))
    return _ratio(observed, variance)


def _ratio(observed: float, variance: float) -> float:
    """Return observed / sqrt(variance), with its limits when the variance is 0."""
    if variance > 1e-300:
        return observed / sqrt(variance)
    if abs(observed) < 1e-12:
        return 0.0
    return copysign(inf, observed)


def _root(z_of, target: float, low: float, high: float) -> float:
    """Return d in [low, high] where the decreasing z_of(d) crosses TARGET."""
    for _ in range(200):
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if z_of(middle) > target:
            low = middle
        else:
            high = middle
    return high if z_of(high) <= target else low


class ScoreTest(InvertibleTest):
    """A risk-difference score test of "difference = d" for d in [-1, 1]."""

    method = "asymptotic"
    floor, ceiling = -1.0, 1.0

    def z(self, difference: float) -> float:
        """Return the score statistic at D (large = observed above D)."""
        raise NotImplementedError

    def tails(self, difference: float) -> tuple[float, float]:
        """Return the one-sided p-values (less, greater) of "difference = d"."""
        z = self.z(difference)
        return float(special.ndtr(z)), float(special.ndtr(-z))

    def limits(self, tail: float, checkpoints=()) -> tuple[float, float]:
        """Return the limits where the statistic reaches +-z(1 - tail)."""
        critical = float(-special.ndtri(tail))
        low = -1.0
        if self.z(-1.0) > critical:
            low = _root(self.z, critical, -1.0, self.estimate)
        high = 1.0
        if self.z(1.0) < -critical:
            high = _root(self.z, -critical, self.estimate, 1.0)
        return low, high


class MiettinenNurminen(ScoreTest):
    """Miettinen-Nurminen score test of a risk difference, two independent arms."""

    test = "Miettinen-Nurminen score"

    def __init__(self, k_control: int, n_control: int, k_variant: int, n_variant: int):
        """Take the yes counts and answer counts of both arms."""
        self.counts = (
            float(k_variant),
            float(n_variant),
            float(k_control),
            float(n_control),
        )
        self.estimate = k_variant / n_variant - k_control / n_control
        self.step = 0.1

    def z(self, difference: float) -> float:
        """Return the MN statistic at D."""
        return miettinen_nurminen_z(*self.counts, difference)


class TangoPaired(ScoreTest):
    """Tango's score test of a paired risk difference."""

    test = "Tango score (paired)"

    def __init__(self, variant_only: int, control_only: int, n_pairs: int):
        """Take the discordant counts and the number of pairs."""
        self.counts = (float(variant_only), float(control_only), float(n_pairs))
        self.estimate = (variant_only - control_only) / n_pairs
        self.step = 0.1

    def z(self, difference: float) -> float:
        """Return Tango's statistic at D."""
        return tango_z(*self.counts, difference)
