"""The proportional-odds (cumulative logit) model, fitted on grouped counts.

    logit P(Y <= k | cell c) = theta_k - x_c' beta,   k = 1 .. K-1

Data are answer counts per cell (a group of participants sharing every
covariate, e.g. arm x segment level) and category, so a fit costs the same
at 40 or 40,000 answers. Many models are fitted at once, stacked along a
first "batch" axis: a study's ~80 segment interaction tests take one call.
With K = 2 this is logistic regression.

Fisher scoring with step halving: the expected information has a closed
form (per cell: a tridiagonal block for the thresholds, and two short
vectors), so an iteration costs O(cells x categories) per model. Parameters
that no data inform (padding for a smaller model in the batch) get a unit
diagonal and stay at 0. When the maximum is at infinity (a cell with every
answer in one end category) the log-likelihood still converges to its
supremum, which is what a likelihood-ratio test needs. The tests check the
fits against statsmodels' ``OrderedModel`` to 1e-6.
"""

from __future__ import annotations

import numpy as np
from scipy import special

MAX_ITERATIONS = 60
MAX_HALVINGS = 30
#: Converged when the log-likelihood gains less than this in an iteration
#: (an LR statistic is then exact to about 1e-8).
TOLERANCE = 1e-9


def probabilities(theta: np.ndarray, eta: np.ndarray):
    """Return P (B, C, K), the logistic CDF F and density f at each threshold."""
    a = theta[:, None, :] - eta[:, :, None]  # (B, C, K-1)
    cdf = special.expit(a)
    density = cdf * (1.0 - cdf)
    edges = np.concatenate(
        [np.zeros(cdf.shape[:2] + (1,)), cdf, np.ones(cdf.shape[:2] + (1,))], axis=2
    )
    return np.diff(edges, axis=2), density


def log_likelihood(counts, design, theta, beta) -> np.ndarray:
    """Return sum N log P per model; -inf for thresholds that are not increasing."""
    probs, _ = probabilities(theta, np.einsum("bcp,bp->bc", design, beta))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(counts > 0, counts * np.log(probs), 0.0)
    value = terms.sum(axis=(1, 2))
    ordered = (np.diff(theta, axis=1) > 0).all(axis=1)
    return np.where(ordered & np.isfinite(value), value, -np.inf)


def _score_and_information(counts, design, theta, beta):
    """Return the score (B, Q) and expected information (B, Q, Q), Q = K-1+P."""
    n_cells = counts.sum(axis=2)  # (B, C)
    probs, f = probabilities(theta, np.einsum("bcp,bp->bc", design, beta))
    probs = np.maximum(probs, 1e-300)
    zeros = np.zeros(f.shape[:2] + (1,))
    f_ext = np.concatenate([zeros, f, zeros], axis=2)  # f at the K+1 edges
    g = f_ext[:, :, :-1] - f_ext[:, :, 1:]  # dP_k / d eta  (B, C, K)
    ratio = counts / probs
    # Score: thresholds f_j (N_j/P_j - N_{j+1}/P_{j+1}); eta: sum_k N_k/P_k g_k.
    score_theta = (f * (ratio[:, :, :-1] - ratio[:, :, 1:])).sum(axis=1)
    score_eta = (ratio * g).sum(axis=2)  # (B, C)
    score_beta = np.einsum("bc,bcp->bp", score_eta, design)
    inv_p = n_cells[:, :, None] / probs  # n_c / P_k
    # Information, per cell then summed: theta-theta is tridiagonal.
    diag = (f**2 * (inv_p[:, :, :-1] + inv_p[:, :, 1:])).sum(axis=1)
    off = -(f[:, :, :-1] * f[:, :, 1:] * inv_p[:, :, 1:-1]).sum(axis=1)
    cross = f * (g[:, :, :-1] * inv_p[:, :, :-1] - g[:, :, 1:] * inv_p[:, :, 1:])
    theta_beta = np.einsum("bcj,bcp->bjp", cross, design)
    weight = (g**2 * inv_p).sum(axis=2)  # (B, C)
    beta_beta = np.einsum("bc,bcp,bcq->bpq", weight, design, design)
    k1, p = theta.shape[1], beta.shape[1]
    info = np.zeros((theta.shape[0], k1 + p, k1 + p))
    index = np.arange(k1)
    info[:, index, index] = diag
    info[:, index[:-1], index[1:]] = off
    info[:, index[1:], index[:-1]] = off
    info[:, :k1, k1:] = theta_beta
    info[:, k1:, :k1] = np.swapaxes(theta_beta, 1, 2)
    info[:, k1:, k1:] = beta_beta
    return np.concatenate([score_theta, score_beta], axis=1), info


def _start(counts: np.ndarray, n_beta: int):
    """Return thresholds at the pooled cumulative logits and beta = 0."""
    pooled = counts.sum(axis=1) + 0.5  # a half answer keeps the logits finite
    cumulative = np.cumsum(pooled, axis=1)[:, :-1] / pooled.sum(axis=1, keepdims=True)
    return special.logit(cumulative), np.zeros((counts.shape[0], n_beta))


def fit_cumulative_logit(counts, design, *, tolerance: float = TOLERANCE):
    """Return (log-likelihood, thresholds, beta) of each model in the batch.

    ``counts`` is (models, cells, categories), every category used by some
    cell of each model; ``design`` is (models, cells, parameters). A model
    has converged when an iteration gains less than ``tolerance``.
    """
    counts = np.asarray(counts, dtype=float)
    design = np.asarray(design, dtype=float)
    theta, beta = _start(counts, design.shape[2])
    k1 = theta.shape[1]
    loglik = log_likelihood(counts, design, theta, beta)
    active = np.ones(counts.shape[0], dtype=bool)
    for _ in range(MAX_ITERATIONS):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        score, info = _score_and_information(
            counts[idx], design[idx], theta[idx], beta[idx]
        )
        diagonal = np.diagonal(info, axis1=1, axis2=2)
        # Unit diagonal for what no data inform; a whisper of ridge elsewhere
        # keeps near-separated fits solvable (the maximum does not move).
        ridge = np.where(
            diagonal < 1e-12, 1.0, 1e-10 * diagonal.max(axis=1, keepdims=True)
        )
        info = info + np.eye(info.shape[1])[None] * ridge[:, None, :]
        step = np.linalg.solve(info, score[..., None])[..., 0]
        size = np.ones(idx.size)
        new_ll = np.full(idx.size, -np.inf)
        pending = np.ones(idx.size, dtype=bool)
        for _ in range(MAX_HALVINGS):
            p = np.flatnonzero(pending)
            trial = np.concatenate([theta[idx[p]], beta[idx[p]]], axis=1)
            trial = trial + size[p, None] * step[p]
            new_ll[p] = log_likelihood(
                counts[idx[p]], design[idx[p]], trial[:, :k1], trial[:, k1:]
            )
            pending[p] = new_ll[p] < loglik[idx[p]] - 1e-12
            if not pending.any():
                break
            size[pending] /= 2
        improved = ~pending
        moved = idx[improved]
        update = np.concatenate([theta[moved], beta[moved]], axis=1)
        update = update + size[improved, None] * step[improved]
        theta[moved], beta[moved] = update[:, :k1], update[:, k1:]
        gain = new_ll[improved] - loglik[moved]
        loglik[moved] = new_ll[improved]
        done = np.zeros(idx.size, dtype=bool)
        done[improved] = gain < tolerance
        done[~improved] = True  # no step helps: at the (supremum of the) maximum
        active[idx[done]] = False
    return loglik, theta, beta
