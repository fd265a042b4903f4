"""Rankings of a few options: mean ranks, first choices, and a Plackett-Luce model.

Input: complete rankings as an (n, k) integer array, row = one person's
options in order of preference (option indices, first choice first).

- Mean rank per option (1 = first) and the share who put it first, each
  with a percentile bootstrap interval over people (seeded, so the same
  data give the same interval).
- The Plackett-Luce model (choix, I-LSR maximum likelihood; a maintained
  implementation of Luce's choice axiom): each option's *worth*, scaled to
  sum to 1, is the chance the model gives it of being chosen first from all
  k. Its interval is a Wald interval for the log worth from the observed
  information (the model's curvature at its maximum): with two options it
  is the Wald interval of a proportion. The model assumes everyone shares
  one set of worths; compare segments to see where they do not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from ._checks import check_confidence

#: Bootstrap resamples for the intervals of mean ranks and first-choice shares
#: (of everyone; groups take GROUP_BOOTSTRAP, as many groups cost as much).
BOOTSTRAP = 2000
GROUP_BOOTSTRAP = 500
CHUNK = 100  # resamples drawn at once
#: A tiny ridge on the Plackett-Luce fit: finite worths when an option is
#: never preferred to another one (its MLE would be zero).
PL_ALPHA = 0.01


@dataclass(frozen=True)
class RankSummary:
    """Per option (in input order): mean rank, first-choice share, PL worth.

    Each interval is a (low, high) pair at ``confidence``; worths sum to 1.
    """

    n: int
    mean_rank: tuple
    mean_rank_ci: tuple
    first_share: tuple
    first_share_ci: tuple
    worth: tuple
    worth_ci: tuple
    confidence: float
    method: str
    note: str = ""


def _check_rankings(rankings, k):
    rankings = np.asarray(rankings)
    if rankings.ndim != 2 or rankings.shape[1] != k:
        raise ValueError(f"rankings must be an (n, {k}) array of option indices")
    if rankings.size and not (np.sort(rankings, axis=1) == np.arange(k)).all():
        raise ValueError("each ranking must order every option exactly once")
    return rankings.astype(np.int64)


def positions(rankings):
    """(n, k): the place (1 = first) each person gives each option."""
    n, k = rankings.shape
    places = np.empty_like(rankings)
    places[np.arange(n)[:, None], rankings] = np.arange(1, k + 1)
    return places


def plackett_luce_log_worths(rankings, k):
    """Plackett-Luce log-worths of K options (choix's I-LSR), centred on 0."""
    import choix  # only rankings need it

    params = choix.ilsr_rankings(k, [tuple(row) for row in rankings], alpha=PL_ALPHA)
    return params - params.mean()


def plackett_luce_information(rankings, log_worths):
    """The observed information (k x k) of the log-worths at LOG_WORTHS.

    Each choice from the options still left adds the covariance of a
    categorical draw over them: diag(p) - p p'.
    """
    n, k = rankings.shape
    information = np.zeros((k, k))
    left = np.ones((n, k), dtype=bool)
    for stage in range(k - 1):
        weights = np.where(left, np.exp(log_worths), 0.0)
        p = weights / weights.sum(axis=1, keepdims=True)
        information += np.diag(p.sum(axis=0)) - p.T @ p
        left[np.arange(n), rankings[:, stage]] = False  # chosen: no longer left
    return information


def _worth_intervals(log_worths, information, z):
    """Worths (summing to 1) and Wald intervals of each one's log."""
    worth = special.softmax(log_worths)
    covariance = np.linalg.pinv(information)
    gradient = np.eye(worth.size) - worth  # d log w_j / d theta
    se = np.sqrt(
        np.maximum(np.einsum("ij,jk,ik->i", gradient, covariance, gradient), 0)
    )
    low = np.exp(np.log(worth) - z * se)
    high = np.minimum(np.exp(np.log(worth) + z * se), 1.0)
    return worth, tuple(zip(low.tolist(), high.tolist(), strict=True))


def _interval(draws, confidence):
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(draws, [tail, 100 - tail], axis=0)
    return tuple(zip(low.tolist(), high.tolist(), strict=True))


def _bootstrap(places, confidence, seed, resamples):
    """Percentile intervals of mean ranks and first-choice shares.

    People are resampled with replacement, CHUNK resamples at a time, so the
    memory stays bounded at 10,000 people.
    """
    n, k = places.shape
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k, n)))
    firsts = (places == 1).astype(np.float32)
    places = places.astype(np.float32)
    means, shares = [], []
    for start in range(0, resamples, CHUNK):
        picks = rng.integers(0, n, size=(min(CHUNK, resamples - start), n))
        means.append(places[picks].mean(axis=1))
        shares.append(firsts[picks].mean(axis=1))
    return (_interval(np.concatenate(means), confidence),
            _interval(np.concatenate(shares), confidence))  # fmt: skip


def summarise_rankings(
    rankings, k, *, confidence=0.95, seed=0, model=True, resamples=BOOTSTRAP
):
    """Mean ranks, first-choice shares and Plackett-Luce worths, with intervals.

    MODEL=False leaves out the Plackett-Luce fit (its fields are then NaN),
    for small groups read only descriptively; RESAMPLES sets the bootstrap.
    """
    check_confidence(confidence)
    rankings = _check_rankings(rankings, k)
    n = rankings.shape[0]
    nan = tuple((float("nan"), float("nan")) for _ in range(k))
    empty = tuple(float("nan") for _ in range(k))
    if n == 0:
        return RankSummary(0, empty, nan, empty, nan, empty, nan, confidence,
                           "no rankings", "no rankings")  # fmt: skip
    places = positions(rankings)
    mean_ci, first_ci = _bootstrap(places, confidence, seed, resamples)
    worth, worth_ci = empty, nan
    method = f"percentile bootstrap ({resamples} resamples of people)"
    if model:
        log_worths = plackett_luce_log_worths(rankings, k)
        z = float(special.ndtri(0.5 + confidence / 2))
        information = plackett_luce_information(rankings, log_worths)
        found, worth_ci = _worth_intervals(log_worths, information, z)
        worth = tuple(found.tolist())
        method += (
            "; Plackett-Luce by I-LSR (choix), Wald intervals of the log worths"
            " from the observed information"
        )
    return RankSummary(
        n=n,
        mean_rank=tuple(places.mean(axis=0).tolist()),
        mean_rank_ci=mean_ci,
        first_share=tuple((places == 1).mean(axis=0).tolist()),
        first_share_ci=first_ci,
        worth=worth,
        worth_ci=worth_ci,
        confidence=confidence,
        method=method,
        note="few rankings: read the intervals" if n < 20 else "",
    )
