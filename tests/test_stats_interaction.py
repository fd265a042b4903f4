"""Segment interaction: the count-based proportional-odds fit, merging, test size."""

import warnings

import numpy as np
import pytest
from statsmodels.miscmodels import ordinal_model

from sprintlab import stats as st
from sprintlab.stats import interaction
from sprintlab.stats.ordinal_model import fit_cumulative_logit

REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])


def individual_rows(counts, design):
    """Expand a cells x categories table into one row per answer."""
    ys, xs = [], []
    for cell, row in enumerate(counts):
        for category, n in enumerate(row):
            ys += [category] * int(n)
            xs += [design[cell]] * int(n)
    return np.array(ys), np.array(xs, dtype=float)


@pytest.mark.parametrize("categories", [7, 2])
def test_fit_agrees_with_statsmodels_ordered_model(categories):
    rng = np.random.default_rng(categories)
    probs = REALISTIC if categories == 7 else np.array([0.4, 0.6])
    counts = rng.multinomial(25, probs, size=6).astype(float)
    full, _ = interaction._designs(3)
    loglik, theta, beta = fit_cumulative_logit(counts[None], full[None], tolerance=0)
    y, x = individual_rows(counts, full)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ordinal_model.OrderedModel(y, x, distr="logit")
        reference = model.fit(method="newton", disp=False, maxiter=200, tol=1e-12)
    assert loglik[0] == pytest.approx(reference.llf, rel=1e-6)
    assert beta[0] == pytest.approx(reference.params[: x.shape[1]], abs=1e-6)
    # statsmodels stores the first threshold and log increments.
    cuts = model.transform_threshold_params(reference.params)[1:-1]
    assert theta[0] == pytest.approx(cuts, abs=1e-6)


def test_fits_in_a_batch_equal_fits_one_by_one():
    rng = np.random.default_rng(3)
    counts = rng.multinomial(20, REALISTIC, size=(5, 4)).astype(float)
    _, reduced = interaction._designs(2)
    batch, _, _ = fit_cumulative_logit(counts, np.broadcast_to(reduced, (5, 4, 2)))
    single = [fit_cumulative_logit(c[None], reduced[None])[0][0] for c in counts]
    assert batch == pytest.approx(single, rel=1e-10)


def test_ordered_levels_merge_with_their_smaller_neighbour():
    control = np.array([[12, 3], [2, 2], [3, 3], [14, 2]])
    variant = np.array([[10, 5], [3, 1], [4, 4], [12, 3]])
    labels, c, v, note = interaction.merge_small_levels(
        ["18-30", "31-45", "46-65", "65+"], control, variant,
        ordered=True, min_cell=10,
    )  # fmt: skip
    assert labels == ["18-30", "31-45+46-65", "65+"]
    assert c[1].tolist() == [5, 5] and v[1].tolist() == [7, 5]
    assert "31-45+46-65" in note
    kept, _, _, dropped = interaction.merge_small_levels(
        ["north", "south", "east", "west"], control, variant, ordered=False,
        min_cell=10,
    )  # fmt: skip
    assert kept == ["north", "west"]
    assert "left out (fewer than 10 answers per arm): south, east" in dropped


def test_too_few_levels_give_no_test_and_say_why():
    result = st.interaction_test(["a", "b"], [[5, 5], [1, 1]], [[6, 4], [2, 0]])
    assert np.isnan(result.p_value)
    assert "fewer than 2 segment levels" in result.note


def test_a_real_interaction_is_found():
    # The variant helps one segment and not the other.
    control = np.array([[2, 4, 6, 10, 10, 6, 2], [2, 4, 6, 10, 10, 6, 2]]) * 2
    variant = np.array([[0, 2, 4, 8, 12, 12, 2], [6, 8, 10, 10, 4, 2, 0]]) * 2
    result = st.interaction_test(["young", "old"], control, variant)
    assert result.p_value < 0.001 and result.df == 1


@pytest.mark.parametrize(
    ("probs", "levels"),
    [(REALISTIC, 2), (REALISTIC, 3), (np.array([0.55, 0.45]), 2)],
)
def test_size_of_the_interaction_test_at_the_minimum_cell(probs, levels):
    # Exactly MIN_CELL answers per arm at every level, no interaction at all.
    # 800 tests: SE 0.0077 at 5%; the bound is 3 SE above it (6.5 SE below 10%).
    rng = np.random.default_rng(levels * 10 + probs.size)
    m, n_tests = interaction.MIN_CELL, 800
    problems = [
        (list(range(levels)), rng.multinomial(m, probs, size=levels),
         rng.multinomial(m, probs, size=levels), False)
        for _ in range(n_tests)
    ]  # fmt: skip
    results = st.interaction_tests(problems)  # the default 200 draws
    p = np.array([r.p_value for r in results])
    assert np.isfinite(p).all()
    assert np.mean(p < 0.05) <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / n_tests)


# Five segment questions: (levels, ordered, shares of the levels).
QUESTIONS = [
    (3, True, [0.5, 0.3, 0.2]),  # age band
    (4, False, [0.4, 0.3, 0.2, 0.1]),  # municipality
    (5, True, [0.3, 0.25, 0.2, 0.15, 0.1]),  # income band
    (3, False, [0.6, 0.25, 0.15]),  # household type
    (4, True, [0.25, 0.25, 0.25, 0.25]),  # trust in government
]


def null_study_problems(rng, arms, n_arms=9):
    """Every segment test of one study without any effect: 5 x 8 x 2 problems."""
    n = arms.size
    rating = rng.choice(8, size=n, p=np.append(REALISTIC * 0.97, 0.03))  # 7 = DK
    yes_no = rng.choice(3, size=n, p=[0.55 * 0.97, 0.45 * 0.97, 0.03])  # 2 = DK
    problems = []
    for levels, ordered, shares in QUESTIONS:
        level = rng.choice(levels, size=n, p=shares)
        for answers, categories in ((rating, 7), (yes_no, 2)):
            given = answers < categories
            cells = (arms * levels + level) * categories + answers
            table = np.bincount(
                cells[given], minlength=n_arms * levels * categories
            ).reshape(n_arms, levels, categories)
            labels = [f"level {i}" for i in range(levels)]
            problems += [
                (labels, table[0], table[v], ordered) for v in range(1, n_arms)
            ]
    return problems


def test_null_studies_rarely_report_any_segment_finding():
    # N = 180 (9 arms of 20), 5 segment questions, a 7-point and a yes/no
    # outcome, no effect anywhere; BH over all 80 segment tests of a study.
    # Cochran's Q on per-segment deltas gave a finding in 92% of such studies.
    # 600 studies: SE 0.009 at 5%; the bound is 2.2 SE above it.
    rng = np.random.default_rng(180)
    arms = np.repeat(np.arange(9), 20)
    n_studies, with_finding, tested = 600, 0, 0
    for _ in range(n_studies):
        results = st.interaction_tests(null_study_problems(rng, arms))
        p = np.array([r.p_value for r in results])
        p = p[np.isfinite(p)]
        tested += p.size
        with_finding += bool(p.size) and bool((st.benjamini_hochberg(p) < 0.05).any())
    assert with_finding / n_studies <= 0.07
    assert tested > 0  # some levels are big enough to test


def test_the_result_names_the_levels_it_merged_or_left_out_by_position():
    # The same tables as above: levels 1 and 2 are small in both arms.
    control = np.array([[12, 3], [2, 2], [3, 3], [14, 2]])
    variant = np.array([[10, 5], [3, 1], [4, 4], [12, 3]])
    labels = ["18-30", "31-45", "46-65", "65+"]
    ordered = st.interaction_test(labels, control, variant, ordered=True)
    assert ordered.merged == ((1, 2),) and ordered.left_out == ()
    assert ordered.levels_tested == 3 and ordered.min_cell == 10
    assert "merged to reach 10 answers per arm: 31-45+46-65" in ordered.note
    unordered = st.interaction_test(labels, control, variant, ordered=False)
    assert unordered.left_out == (1, 2) and unordered.merged == ()
    assert unordered.levels_tested == 2
    too_few = st.interaction_test(["a", "b"], [[5, 5], [1, 1]], [[6, 4], [2, 0]])
    assert too_few.levels_tested == 1 and too_few.bartlett_factor is None


def test_the_result_says_what_its_lr_was_divided_by():
    control = np.array([[2, 4, 6, 10, 10, 6, 2], [2, 4, 6, 10, 10, 6, 2]])
    variant = np.array([[0, 2, 4, 8, 12, 12, 2], [6, 8, 10, 10, 4, 2, 0]])
    result = st.interaction_test(["young", "old"], control, variant)
    assert result.p_value < interaction.BOOTSTRAP_BELOW
    assert result.bootstrap_draws == interaction.BOOTSTRAP_DRAWS
    assert result.statistic / result.bartlett_factor > 0
    assert f"LR divided by {result.bartlett_factor:.3g}" in result.note
    plain = st.interaction_test(["young", "old"], control, variant, n_bootstrap=0)
    assert plain.bartlett_factor is None and plain.bootstrap_draws == 0
