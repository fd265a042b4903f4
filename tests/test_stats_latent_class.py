"""Latent class segments: recovery, BIC, classification and stability."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from sprintlab.stats import latent_class

LEVELS = [3] * 10


def planted(n, rng, shares=(0.45, 0.35, 0.2), missing=0.05):
    """(codes, truth): N people of three classes answering 10 three-level items."""
    profiles = rng.dirichlet(np.full(3, 0.5), size=(len(shares), len(LEVELS)))
    truth = rng.choice(len(shares), n, p=shares)
    codes = np.array(
        [[rng.choice(3, p=profiles[c, j]) for j in range(len(LEVELS))] for c in truth],
        dtype=float,
    )
    codes[rng.random(codes.shape) < missing] = np.nan
    codes[np.isnan(codes).all(axis=1), 0] = 0  # everyone answers something
    return codes, truth


@pytest.fixture(scope="module")
def three():
    codes, truth = planted(500, np.random.default_rng(11))
    selection = latent_class.choose_k(codes, LEVELS, range(1, 6), seed=2)
    return codes, truth, selection


def test_bic_finds_the_three_planted_classes(three):
    codes, truth, selection = three
    assert selection.k == 3 and selection.best_bic_k == 3
    assert [f.k for f in selection.fits] == [1, 2, 3, 4, 5]
    fit = selection.fit()
    assert fit.bic == pytest.approx(
        -2 * fit.log_likelihood + fit.n_parameters * np.log(500)
    )
    # k - 1 shares and (levels - 1) probabilities per class and item
    assert fit.n_parameters == 2 + 3 * 10 * 2
    assert list(fit.shares) == sorted(fit.shares, reverse=True)
    labels = latent_class.classify(fit.parameters, LEVELS, codes).argmax(axis=1)
    assert adjusted_rand_score(truth, labels) > 0.85


def test_classify_is_stepmix_own_posterior(three):
    codes, _, _ = three
    model = latent_class._model(3, tuple(LEVELS), 5, 2)
    model.fit(codes)
    fit = latent_class._fitted(model, codes, tuple(LEVELS))
    ours = latent_class.classify(fit.parameters, LEVELS, codes)
    assert ours == pytest.approx(model.predict_proba(codes), abs=1e-8)
    # someone who arrives later, answering only two questions
    later = np.full((1, len(LEVELS)), np.nan)
    later[0, :2] = [0, 2]
    assert latent_class.classify(fit.parameters, LEVELS, later).sum() == pytest.approx(
        1
    )


def test_the_same_seed_gives_the_same_fit(three):
    codes, _, _ = three
    once = latent_class.fit_latent_classes(codes, LEVELS, 3, seed=9)
    again = latent_class.fit_latent_classes(codes, LEVELS, 3, seed=9)
    assert once.parameters == again.parameters and once.bic == again.bic


def test_stability_is_high_for_clear_classes_and_between_0_and_1(three):
    codes, _, selection = three
    found = latent_class.stability(codes, LEVELS, selection.fit(), seed=1, resamples=6)
    assert 0.8 < found.adjusted_rand <= 1
    assert len(found.jaccard) == 3 and all(0.7 < j <= 1 for j in found.jaccard)


def test_answers_without_segments_say_so():
    rng = np.random.default_rng(4)
    codes = rng.integers(0, 3, size=(400, len(LEVELS))).astype(float)
    selection = latent_class.choose_k(codes, LEVELS, range(1, 4), seed=0)
    assert selection.best_bic_k == 1
    assert selection.k >= 2 and "no segments" in selection.note


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c.__setitem__((0, slice(None)), np.nan), "at least one answer"),
        (lambda c: c.__setitem__((0, 0), 3), "codes below them"),
        (lambda c: c.__setitem__((0, 0), 1.5), "whole numbers"),
    ],
)
def test_bad_codes_are_refused(three, change, message):
    codes = three[0].copy()
    change(codes)
    with pytest.raises(ValueError, match=message):
        latent_class.fit_latent_classes(codes, LEVELS, 2)
