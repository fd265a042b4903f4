"""Latent class models for categorical answers: segments of respondents.

A latent class model says each person belongs to one of k unseen classes,
and within a class the answers to the indicator questions are independent
categorical draws (each question's answer probabilities per class). It is
the model social scientists fit to survey items (poLCA, Mplus, LatentGOLD);
here StepMix fits it (maximum likelihood by EM, several random starts;
missing answers are left out of a person's likelihood, full-information).

Input: CODES, an (n, j) float array of answer codes 0..levels-1 per
indicator, NaN where a person gave none. People without any answer cannot
be classified and are left out by the caller.

- :func:`fit_latent_classes` fits one k; classes are numbered by size,
  largest first, so a seed gives the same numbering every run.
- :func:`choose_k` fits every candidate k and picks the one with the lowest
  BIC among those whose smallest class holds at least ``min_share`` of the
  people (a class of a few people cannot be acted on).
- :func:`classify` gives posterior class probabilities for any answers,
  from a fit's parameters alone: people who arrive later are classified
  without refitting.
- :func:`stability` refits on bootstrap resamples: the adjusted Rand index
  between the classes and each refit's (on everyone), and per class the
  Jaccard similarity of its best match (Hennig 2007), both between 0 and 1.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

#: Random starts of EM per fit: the likelihood of a mixture has local maxima.
N_INIT = 3
MAX_ITER = 300
TOLERANCE = 1e-5  # on the average log-likelihood per person
#: Bootstrap refits for stability (each at the chosen k, fewer starts).
STABILITY_RESAMPLES = 20
STABILITY_N_INIT = 1


@dataclass(frozen=True)
class LatentClassFit:
    """One fitted latent class model.

    Attributes:
        k: Number of classes.
        shares: Class sizes as shares of the people (largest first).
        probabilities: Per indicator, a (k, levels) array of answer
            probabilities per class.
        log_likelihood: At the maximum found.
        n_parameters: Free parameters (k - 1 shares, and per class and
            indicator its levels - 1 probabilities).
        bic: -2 log L + n_parameters log n.
        n: People fitted.
        parameters: StepMix's parameters, as plain lists (to store and to
            classify with later).
    """

    k: int
    shares: tuple
    probabilities: tuple
    log_likelihood: float
    n_parameters: int
    bic: float
    n: int
    parameters: dict

    @property
    def smallest_share(self):
        """The share of the smallest class."""
        return min(self.shares)


@dataclass(frozen=True)
class Selection:
    """Every candidate k's fit, and the k chosen by BIC."""

    fits: tuple  # LatentClassFit per candidate, in order of k
    k: int
    min_share: float
    best_bic_k: int  # the k with the lowest BIC of all, interpretable or not
    note: str = ""

    def fit(self, k=None):
        """The fit with K classes (default: the chosen one)."""
        k = self.k if k is None else k
        return next(fit for fit in self.fits if fit.k == k)


@dataclass(frozen=True)
class Stability:
    """How much of the classes survives refitting on resampled people."""

    adjusted_rand: float  # mean over resamples, negative (below chance) as 0
    jaccard: tuple  # per class: mean Jaccard of its best match in each refit
    resamples: int
    method: str


def _check_codes(codes, levels):
    codes = np.asarray(codes, dtype=float)
    levels = tuple(int(n) for n in levels)
    if codes.ndim != 2 or codes.shape[1] != len(levels):
        raise ValueError("codes must be an (n, indicators) array, one level count each")
    known = codes[~np.isnan(codes)]
    if known.size and (known.min() < 0 or (known != np.round(known)).any()):
        raise ValueError("codes must be whole numbers from 0, or NaN")
    for column, count in zip(codes.T, levels, strict=True):
        if count < 2 or np.nanmax(np.append(column, -1)) >= count:
            raise ValueError("each indicator needs 2 or more levels, codes below them")
    if np.isnan(codes).all(axis=1).any():
        raise ValueError("every person needs at least one answer to be classified")
    return codes, levels


def _model(k, levels, seed, n_init):
    from stepmix.stepmix import StepMix  # heavy (scikit-learn): only when fitting

    return StepMix(
        n_components=k,
        measurement="categorical_nan",
        measurement_params={
            "max_n_outcomes": max(levels),
            "total_outcomes": sum(levels),
        },
        n_init=n_init,
        max_iter=MAX_ITER,
        abs_tol=TOLERANCE,
        random_state=seed,
        verbose=0,
        progress_bar=0,
    )


def _plain(value):
    """StepMix's parameters as JSON-ready lists and numbers."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _fitted(model, codes, levels):
    """The LatentClassFit of a fitted StepMix MODEL, classes largest first."""
    order = np.argsort(-model.weights_, kind="stable")
    model.permute_classes(order)
    pis = model.get_parameters()["measurement"]["pis"]
    widest = max(levels)
    probabilities = tuple(
        pis[:, j * widest : j * widest + count].copy() for j, count in enumerate(levels)
    )
    n = codes.shape[0]
    log_likelihood = float(model.score(codes) * n)
    n_parameters = int(round(model.n_parameters))
    return LatentClassFit(
        k=int(model.n_components),
        shares=tuple(float(w) for w in model.weights_),
        probabilities=probabilities,
        log_likelihood=log_likelihood,
        n_parameters=n_parameters,
        bic=-2 * log_likelihood + n_parameters * float(np.log(n)),
        n=n,
        parameters=_plain(model.get_parameters()),
    )


def fit_latent_classes(codes, levels, k, *, seed=0, n_init=N_INIT):
    """A K-class model of CODES (see the module docstring); reproducible by SEED."""
    codes, levels = _check_codes(codes, levels)
    if not 1 <= k <= codes.shape[0]:
        raise ValueError(f"k must be between 1 and the number of people, got {k}")
    model = _model(k, levels, seed, n_init)
    with warnings.catch_warnings():  # EM's convergence chatter is not ours to show
        warnings.simplefilter("ignore")
        model.fit(codes)
    return _fitted(model, codes, levels)


def classify(parameters, levels, codes):
    """(n, k) posterior class probabilities of CODES under stored PARAMETERS.

    Bayes' rule with the fitted class shares and answer probabilities; an
    unanswered question leaves a person's likelihood as it is (the same
    full-information rule the fit used). StepMix's own predict needs the
    state of a fit in progress, so this reads the stored numbers itself.
    """
    codes, levels = _check_codes(codes, levels)
    weights = np.asarray(parameters["weights"], dtype=float)
    pis = np.asarray(parameters["measurement"]["pis"], dtype=float)
    widest = int(parameters["measurement"]["max_n_outcomes"])
    log_pis = np.log(np.clip(pis, 1e-15, 1.0))
    log_posterior = np.tile(np.log(weights), (codes.shape[0], 1))
    for j in range(codes.shape[1]):
        known = ~np.isnan(codes[:, j])
        columns = j * widest + codes[known, j].astype(int)
        log_posterior[known] += log_pis[:, columns].T
    log_posterior -= log_posterior.max(axis=1, keepdims=True)
    posterior = np.exp(log_posterior)
    return posterior / posterior.sum(axis=1, keepdims=True)


def choose_k(codes, levels, candidates, *, seed=0, n_init=N_INIT, min_share=0.05):
    """Fit each k in CANDIDATES; choose the lowest BIC whose classes are not tiny.

    A candidate whose smallest class holds less than MIN_SHARE of the people
    is shown but not chosen. k = 1 (no segments) may be among the
    candidates: it is never chosen, but ``best_bic_k`` says when it fits best.
    """
    fits = tuple(
        fit_latent_classes(codes, levels, k, seed=seed, n_init=n_init)
        for k in candidates
    )
    usable = [f for f in fits if f.k >= 2 and f.smallest_share >= min_share]
    if not usable:
        raise ValueError(
            "no candidate k of 2 or more gives every segment at least"
            f" {min_share:.0%} of the people"
        )
    chosen = min(usable, key=lambda f: f.bic)
    best = min(fits, key=lambda f: f.bic)
    note = ""
    if best.k == 1:
        note = (
            "one class fits best by BIC: the answers show no segments; the"
            f" {chosen.k} below are exploratory"
        )
    return Selection(fits, chosen.k, min_share, best.k, note)


def _jaccard(a, b):
    union = np.count_nonzero(a | b)
    return np.count_nonzero(a & b) / union if union else 0.0


def stability(codes, levels, fit, *, seed=0, resamples=STABILITY_RESAMPLES):
    """Adjusted Rand and per-class Jaccard against refits on bootstrap resamples."""
    from sklearn.metrics import adjusted_rand_score  # scikit-learn comes with StepMix

    codes, levels = _check_codes(codes, levels)
    labels = classify(fit.parameters, levels, codes).argmax(axis=1)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(fit.k,)))
    rand, jaccard = [], np.zeros((resamples, fit.k))
    for index in range(resamples):
        rows = rng.integers(0, codes.shape[0], codes.shape[0])
        refit = fit_latent_classes(
            codes[rows], levels, fit.k, seed=seed + 1 + index, n_init=STABILITY_N_INIT
        )
        again = classify(refit.parameters, levels, codes).argmax(axis=1)
        rand.append(max(adjusted_rand_score(labels, again), 0.0))
        for c in range(fit.k):
            mine = labels == c
            jaccard[index, c] = max(_jaccard(mine, again == d) for d in range(refit.k))
    return Stability(
        adjusted_rand=float(np.mean(rand)),
        jaccard=tuple(jaccard.mean(axis=0).tolist()),
        resamples=resamples,
        method=(
            f"{resamples} bootstrap refits at k = {fit.k}; adjusted Rand index"
            " with the classes (below chance counted as 0) and, per class, the"
            " Jaccard similarity of its best match (Hennig 2007)"
        ),
    )
