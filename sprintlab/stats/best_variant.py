"""Which variant is best for a group: most helpful without being more intrusive.

For each arm, the posterior of its mean rating (Dirichlet over the scale
points, one pseudo-answer per point, as ``stats.bayes``; Beta(1, 1) for
yes/no) is drawn DRAWS times, for helpfulness and for intrusiveness. In each
draw the arms that are not more intrusive than the control by the margin or
more are *eligible* (the control always is), and the eligible arm with the
highest helpfulness is that draw's best. P(best) of an arm is the share of
draws it wins.

The rule that turns this into words: an arm is *clearly best* when its
P(best) is at least THRESHOLD; otherwise no arm is named (``variant`` is
None) and the most likely one is only a candidate. How often the rule
names an arm wrongly is checked by simulation (tests/test_best_variant_rates.py,
docs/statistics.md): with every arm alike it names one in at most about 3%
of groups (two arms; fewer with more arms), and an arm that is more helpful
but more intrusive by the margin is named in well under 5%. The price is
power: a variant better by 1.3 scale points is named in about 56% of
groups of 80 per arm (nine arms), and a wrong one in none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.975
DRAWS = 4000


@dataclass(frozen=True)
class BestVariant:
    """The outcome of the rule for one group of people.

    Attributes:
        variant: Index of the clearly best arm, or None when none is.
        candidate: Index of the arm with the highest P(best).
        probabilities: P(best) per arm (summing to 1).
        answers: Helpfulness answers per arm.
        threshold: The P(best) an arm needs to be named.
        note: Why no arm is named, when none is.
    """

    variant: int | None
    candidate: int | None
    probabilities: tuple
    answers: tuple
    threshold: float
    note: str = ""


def _posterior_means(counts, points, rng, draws):
    """(draws, arms) posterior means of each arm's rating."""
    counts = np.asarray(counts, dtype=float)
    alpha = counts + 1.0  # one pseudo-answer per scale point
    gammas = rng.standard_gamma(alpha[None, :, :], size=(draws, *alpha.shape))
    shares = gammas / gammas.sum(axis=2, keepdims=True)
    return shares @ np.asarray(points, dtype=float)


def best_variant(
    helpful_counts,
    intrusive_counts,
    *,
    helpful_points,
    intrusive_points,
    margin,
    control=0,
    higher_is_helpful=True,
    lower_is_less_intrusive=True,
    threshold=THRESHOLD,
    draws=DRAWS,
    seed=0,
):
    """Apply the rule (module docstring) to answer counts per arm and scale point.

    HELPFUL_COUNTS and INTRUSIVE_COUNTS are (arms, points) arrays; MARGIN is
    the intrusiveness margin in that question's units. Arms without any
    helpfulness answer cannot win. Reproducible by SEED.
    """
    helpful = np.asarray(helpful_counts, dtype=float)
    intrusive = np.asarray(intrusive_counts, dtype=float)
    if helpful.ndim != 2 or intrusive.shape[0] != helpful.shape[0]:
        raise ValueError("give (arms, points) counts for both outcomes, same arms")
    if not 0 < threshold < 1 or margin <= 0:
        raise ValueError("the threshold must lie in (0, 1) and the margin above 0")
    answers = tuple(int(n) for n in helpful.sum(axis=1))
    if sum(1 for n in answers if n) < 2:
        why = "fewer than two variants have answers in this group"
        return BestVariant(None, None, (), answers, threshold, why)
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    h = _posterior_means(helpful, helpful_points, rng, draws)
    i = _posterior_means(intrusive, intrusive_points, rng, draws)
    h = h if higher_is_helpful else -h
    more_intrusive = (
        i - i[:, [control]] if lower_is_less_intrusive else i[:, [control]] - i
    )
    eligible = more_intrusive < margin
    eligible[:, control] = True
    eligible[:, [n == 0 for n in answers]] = False
    winners = np.where(eligible, h, -np.inf).argmax(axis=1)
    probabilities = np.bincount(winners, minlength=helpful.shape[0]) / draws
    candidate = int(probabilities.argmax())
    named = candidate if probabilities[candidate] >= threshold else None
    note = ""
    if named is None:
        note = (
            f"no variant is clearly best: the most likely has P(best) ="
            f" {probabilities[candidate]:.2f}, below {threshold:g}"
        )
    return BestVariant(named, candidate, tuple(probabilities.tolist()), answers,
                       threshold, note)  # fmt: skip
