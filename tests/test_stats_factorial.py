"""Factorial effects: checked against statsmodels, then by simulation.

The answers are drawn from known 7-point distributions per cell, so the true
main effect (the difference in expected answer between a factor's levels,
averaged over the other factors) is known exactly. Rates carry their Monte
Carlo error: 1,000 studies give a standard error of 0.7 points at 5% and at
95%.
"""

import itertools

import numpy as np
import pytest
from scipy.stats import norm

from sprintlab.stats import factorial_effects

POINTS = np.arange(1, 8, dtype=float)
REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])
NAMES = ["afzender", "toon", "transparantie"]
CELLS = list(itertools.product((0, 1), repeat=3))


def shifted(probs, shift):
    """PROBS with their latent normal moved SHIFT standard deviations up.

    The ordered-probit view of a 7-point item: the cut points between the
    answers stay, the person's latent value moves.
    """
    cuts = norm.ppf(np.cumsum(probs)[:-1])
    below = np.concatenate([[0.0], norm.cdf(cuts - shift), [1.0]])
    return np.diff(below)


def cell_distributions(main, interaction=0.0):
    """The answer distribution per cell: MAIN[f] latent shift at level 1 of f.

    INTERACTION adds to cells where the first two factors are both at 1.
    """
    return {
        cell: shifted(
            REALISTIC,
            sum(m * level for m, level in zip(main, cell, strict=True))
            + interaction * cell[0] * cell[1],
        )
        for cell in CELLS
    }


def true_main_effects(distributions):
    """Each factor's difference in expected answer, averaged over the others."""
    means = {cell: probs @ POINTS for cell, probs in distributions.items()}
    return [
        np.mean([means[c] for c in CELLS if c[f] == 1])
        - np.mean([means[c] for c in CELLS if c[f] == 0])
        for f in range(len(NAMES))
    ]


def draw(rng, distributions, per_cell):
    values, levels = [], []
    for cell, probs in distributions.items():
        n = per_cell if np.isscalar(per_cell) else per_cell[cell]
        values.append(rng.choice(POINTS, size=n, p=probs))
        levels.append(np.tile(cell, (n, 1)))
    return np.concatenate(values), np.concatenate(levels)


def saturated_design(levels):
    """Intercept, x_f = level - 1/2, and every product, as in a cell-means model."""
    coded = levels - 0.5
    columns = [np.ones(len(levels))]
    for size in range(1, coded.shape[1] + 1):
        for combo in itertools.combinations(range(coded.shape[1]), size):
            columns.append(np.prod(coded[:, combo], axis=1))
    return np.column_stack(columns)


def test_the_fit_is_the_saturated_model_with_hc2_errors_as_statsmodels_has_it():
    import statsmodels.api as sm

    rng = np.random.default_rng(7)
    sizes = {
        cell: int(n) for cell, n in zip(CELLS, rng.integers(8, 30, 8), strict=True)
    }
    values, levels = draw(rng, cell_distributions([0.4, -0.3, 0.0]), sizes)
    fit = factorial_effects(values, levels, NAMES)
    reference = sm.OLS(values, saturated_design(levels)).fit(cov_type="HC2")
    # Columns 1-3 are the main effects, 4-6 the pairs, in the same order.
    for index, effect in enumerate(fit.effects, start=1):
        assert effect.estimate == pytest.approx(reference.params[index], rel=1e-9)
        assert effect.standard_error == pytest.approx(reference.bse[index], rel=1e-9)
    assert [e.factors for e in fit.main] == [(n,) for n in NAMES]
    assert fit.n == values.size and sum(fit.cell_counts.values()) == values.size


def test_with_two_cells_of_a_main_effect_the_test_is_welchs():
    # Only the first factor varies in answers; the other's cells are copies:
    # the contrast is then Welch's t on the two halves' means... of means.
    from scipy import stats as scipy_stats

    rng = np.random.default_rng(11)
    low, high = rng.normal(4, 1, 12), rng.normal(4.6, 1.7, 9)
    values = np.concatenate([low, low, high, high])
    levels = np.array([(0, 0)] * 12 + [(0, 1)] * 12 + [(1, 0)] * 9 + [(1, 1)] * 9)
    effect = factorial_effects(values, levels, ["a", "b"]).effect("a")
    welch = scipy_stats.ttest_ind(high, low, equal_var=False)
    assert effect.estimate == pytest.approx(high.mean() - low.mean())
    # Two copies of each half halve the variance of a cell-mean average.
    assert effect.standard_error == pytest.approx(
        np.sqrt(high.var(ddof=1) / 9 + low.var(ddof=1) / 12) / np.sqrt(2)
    )
    assert effect.statistic == pytest.approx(welch.statistic * np.sqrt(2))
    assert effect.df == pytest.approx(2 * welch.df, rel=0.3)


def test_a_main_effect_is_the_unweighted_average_of_its_simple_effects():
    # Unequal cells: the estimate weighs each combination of the others alike.
    rng = np.random.default_rng(3)
    sizes = {cell: 5 + 20 * cell[1] + 3 * i for i, cell in enumerate(CELLS)}
    values, levels = draw(rng, cell_distributions([0.5, 0.2, -0.4], 0.6), sizes)
    fit = factorial_effects(values, levels, NAMES)
    means = {c: values[(levels == c).all(axis=1)].mean() for c in CELLS}
    for f, name in enumerate(NAMES):
        simple = np.mean([means[c] for c in CELLS if c[f] == 1]) - np.mean(
            [means[c] for c in CELLS if c[f] == 0]
        )
        assert fit.effect(name).estimate == pytest.approx(simple, abs=0.05)


def test_planted_main_effects_are_recovered_with_direction_and_coverage():
    rng = np.random.default_rng(20_261_210)
    distributions = cell_distributions([0.5, -0.3, 0.0])
    truth = true_main_effects(distributions)
    assert truth[0] > 0.6 and truth[1] < -0.35 and truth[2] == 0
    covered, found, wrong_way = np.zeros(3), np.zeros(3), np.zeros(3)
    runs = 1000
    for _ in range(runs):
        values, levels = draw(rng, distributions, 30)
        fit = factorial_effects(values, levels, NAMES)
        for f, name in enumerate(NAMES):
            low, high = fit.effect(name).interval(0.95)
            covered[f] += low <= truth[f] <= high
            found[f] += low > 0 or high < 0
            wrong_way[f] += (low > 0 and truth[f] < 0) or (high < 0 and truth[f] > 0)
    coverage = covered / runs
    assert np.all((coverage >= 0.93) & (coverage <= 0.97)), coverage
    # Both planted effects found often (about 96% and 62% at 30 a cell), never
    # the wrong way round; the absent one "found" at the test's 5%.
    assert found[0] / runs > 0.9 and found[1] / runs > 0.5, found
    assert wrong_way.sum() == 0 and 0.03 <= found[2] / runs <= 0.07


WIDE = np.array([0.2, 0.1, 0.05, 0.3, 0.05, 0.1, 0.2])  # mean 4, spread out
NARROW = np.array([0.0, 0.0, 0.1, 0.8, 0.1, 0.0, 0.0])  # mean 4, packed


@pytest.mark.parametrize(
    ("per_cell", "spreads"), [(5, "equal"), (20, "equal"), (5, "unequal")]
)
def test_under_no_effect_main_effect_tests_reject_at_about_5_percent(per_cell, spreads):
    rng = np.random.default_rng(per_cell)
    distributions = cell_distributions([0.0, 0.0, 0.0])
    sizes = per_cell
    if spreads == "unequal":  # small wide cells beside large packed ones
        distributions = {c: WIDE if c[0] else NARROW for c in CELLS}
        sizes = {c: per_cell * (1 if c[0] else 3) for c in CELLS}
    rejected = np.zeros(3)
    interactions = np.zeros(3)
    runs = 1000
    for _ in range(runs):
        fit = factorial_effects(*draw(rng, distributions, sizes), NAMES)
        rejected += [e.p_value < 0.05 for e in fit.main]
        interactions += [e.p_value < 0.05 for e in fit.interactions]
    for rate in (*rejected / runs, *interactions / runs):
        assert 0.03 <= rate <= 0.07, (per_cell, rejected / runs, interactions / runs)


@pytest.mark.parametrize("chance", [0.1, 0.5])
def test_a_yes_no_outcome_under_no_effect_rejects_at_most_about_5_percent(chance):
    rng = np.random.default_rng(int(chance * 100))
    levels = np.array([cell for cell in CELLS for _ in range(10)])
    rejected = np.zeros(3)
    runs = 1000
    for _ in range(runs):
        values = (rng.random(len(levels)) < chance).astype(float)
        fit = factorial_effects(values, levels, NAMES)
        rejected += [np.nan_to_num(e.p_value, nan=1.0) < 0.05 for e in fit.main]
    # A rare yes in cells of 10 leaves some cells without spread: conservative.
    assert np.all(rejected / runs <= 0.07) and np.all(rejected / runs >= 0.02)


def test_a_yes_no_outcome_gives_a_risk_difference():
    rng = np.random.default_rng(5)
    levels = np.array(CELLS * 200)
    chance = 0.3 + 0.2 * levels[:, 0]
    values = (rng.random(levels.shape[0]) < chance).astype(float)
    fit = factorial_effects(values, levels, NAMES)
    afzender = fit.effect("afzender")
    assert abs(afzender.estimate - 0.2) < 3 * afzender.standard_error
    assert abs(fit.effect("toon").estimate) < 3 * fit.effect("toon").standard_error


def test_no_spread_gives_no_interval_and_too_few_answers_are_refused():
    levels = np.array([cell for cell in CELLS for _ in range(3)])
    same = factorial_effects(np.full(len(levels), 4.0), levels, NAMES)
    assert np.isnan(same.effect("toon").p_value)
    assert np.isnan(same.effect("toon").interval()).all()
    values, levels = draw(np.random.default_rng(1), cell_distributions([0, 0, 0]), 3)
    # A cell of one borrows the pooled spread of the others.
    lone = factorial_effects(values[2:], levels[2:], NAMES)
    assert np.isfinite(lone.effect("toon").standard_error)
    assert lone.cell_counts[(0, 0, 0)] == 1
    with pytest.raises(ValueError, match="1 cell.s. have no answers"):
        factorial_effects(values[3:], levels[3:], NAMES)
    with pytest.raises(ValueError, match="no cell has two answers"):
        factorial_effects(values[::3], levels[::3], NAMES)
    with pytest.raises(ValueError, match="finite"):
        factorial_effects(np.append(values[:-1], np.nan), levels, NAMES)
    with pytest.raises(ValueError, match="0 .reference. or 1"):
        factorial_effects(values, levels + 1, NAMES)
    with pytest.raises(ValueError, match="name for each"):
        factorial_effects(values, levels, NAMES[:2])
