"""Does the variant's effect differ between segment levels? A likelihood-ratio test.

The model is proportional odds (logistic for yes/no) on the arm x level
table of answer counts, with and without the variant x level interaction:

    full:    logit P(Y <= k) = theta_k - (arm + level + arm x level)
    reduced: logit P(Y <= k) = theta_k - (arm + level)

LR = 2 (loglik full - loglik reduced) against chi-square with levels - 1
df. Its size is only right when every arm has enough answers at every
level, so levels are first made big enough: below MIN_CELL answers per arm
a level is merged with its smaller neighbour when the levels are ordered
(age bands), and left out when they are not (municipalities); the note says
which. Even then the chi-square reference rejects too often (about 7% at
10 answers per arm per level, 10% for a rare yes), so a small p-value is
checked by a parametric-bootstrap Bartlett correction. MIN_CELL comes from
simulation at exactly that many answers per arm per level, no interaction,
nominal 5% (800-1,500 tests each; tests/test_stats_interaction.py repeats
it): 7-point 3.7-5.8%, yes/no at 45% yes 4.2-5.3%, for 2-5 levels; at 5
answers per arm a yes/no item reached 7.6%. Known limit: a rare yes (15%)
still gives 7-9% at 10 per arm (separation); an exact conditional test
(Zelen's) would be the fix for yes/no items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import special

from ._checks import as_table, join_notes
from .ordinal_model import fit_cumulative_logit, probabilities
from .results import TestResult

#: Fewest answers per arm at a segment level for the level to be tested.
MIN_CELL = 10
#: Chi-square p-values below this get a bootstrap Bartlett correction (with
#: few answers the chi-square reference is too liberal; a test whose
#: uncorrected p is above 0.2 is nowhere near significance at the levels a
#: report uses, so the draws are saved).
BOOTSTRAP_BELOW = 0.2
BOOTSTRAP_DRAWS = 200
BOOTSTRAP_SEED = 20_261_130
TEST_NAME = "likelihood ratio (proportional odds, variant x segment)"


def _label(value) -> str:
    """Return a segment label as text."""
    return str(value.item() if isinstance(value, np.generic) else value)


@dataclass(frozen=True)
class InteractionResult(TestResult):
    """An interaction test, and how its segment levels were made big enough.

    Levels are named by their position in the labels given; ``note`` says
    the same in English words.

    Attributes:
        min_cell: The fewest answers per arm a level needed.
        merged: The levels merged into one, each a tuple of positions, in the
            order the note lists them (ordered levels).
        left_out: The positions of the levels left out (unordered levels).
        levels_tested: How many levels were left to test (below 2: no test).
        bartlett_factor: What LR was divided by (None: not corrected).
        bootstrap_draws: The draws behind ``bartlett_factor``.
    """

    min_cell: int = MIN_CELL
    merged: tuple = ()
    left_out: tuple = ()
    levels_tested: int = 0
    bartlett_factor: float | None = None
    bootstrap_draws: int = 0


@dataclass(frozen=True)
class LevelMerge:
    """The levels of a segment after merging: positions kept, merged, left out."""

    groups: list  # a tuple of original positions per level kept
    merged: tuple  # the groups made by merging, in the order they were last made
    left_out: tuple  # original positions left out
    control: np.ndarray
    variant: np.ndarray


def _merge_levels(control_table, variant_table, *, ordered, min_cell) -> LevelMerge:
    """Make every level hold MIN_CELL answers per arm (see merge_small_levels)."""
    control = [row.copy() for row in np.asarray(control_table, dtype=float)]
    variant = [row.copy() for row in np.asarray(variant_table, dtype=float)]
    groups = [(i,) for i in range(len(control))]

    def size(i: int) -> float:
        """Return the smaller arm's answers at level I."""
        return min(control[i].sum(), variant[i].sum())

    if not ordered:
        small = tuple(i for i in range(len(groups)) if size(i) < min_cell)
        keep = [i for i in range(len(groups)) if i not in small]
        return LevelMerge([groups[i] for i in keep], (), small,
                          np.array([control[i] for i in keep]),
                          np.array([variant[i] for i in keep]))  # fmt: skip
    made = []
    while len(groups) > 1 and min(size(i) for i in range(len(groups))) < min_cell:
        i = min(range(len(groups)), key=size)
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(groups)]
        j = min(neighbours, key=size)
        low, high = sorted((i, j))
        groups[low] = groups[low] + groups.pop(high)
        control[low] += control.pop(high)
        variant[low] += variant.pop(high)
        made.append(groups[low])
    # A group merged again later is listed once, where its last merge left it.
    merged = tuple(group for group in dict.fromkeys(made) if group in groups)
    return LevelMerge(groups, merged, (), np.array(control), np.array(variant))


def merge_small_levels(labels, control_table, variant_table, *, ordered, min_cell):
    """Return labels and tables with every level holding MIN_CELL answers per arm.

    Ordered levels: the smallest level below the minimum is merged with its
    smaller neighbour, until none is below it. Unordered: small levels are
    left out. Returns (labels, control, variant, note).
    """
    labels = [_label(x) for x in labels]
    found = _merge_levels(
        control_table, variant_table, ordered=ordered, min_cell=min_cell
    )
    return (
        ["+".join(labels[i] for i in group) for group in found.groups],
        found.control, found.variant, _merge_note(labels, found, min_cell),
    )  # fmt: skip


def _merge_note(labels, found: LevelMerge, min_cell: int) -> str:
    """Return the note that names the levels merged or left out."""
    if found.left_out:
        return f"left out (fewer than {min_cell} answers per arm): " + ", ".join(
            labels[i] for i in found.left_out
        )
    if found.merged:
        return f"merged to reach {min_cell} answers per arm: " + ", ".join(
            "+".join(labels[i] for i in group) for group in found.merged
        )
    return ""


def _designs(n_levels: int):
    """Return the full and reduced design matrices for 2 x N_LEVELS cells.

    Cells are (arm, level) with arm 0 = control, in arm-major order.
    """
    arm = np.repeat([0.0, 1.0], n_levels)
    level = np.tile(np.arange(n_levels), 2)
    dummies = (level[:, None] == np.arange(1, n_levels)[None, :]).astype(float)
    reduced = np.column_stack([arm, dummies])
    return np.column_stack([reduced, arm[:, None] * dummies]), reduced


def _fit(counts: np.ndarray, design: np.ndarray):
    """Return the batch fit of one design shared by every table in COUNTS."""
    shared = np.broadcast_to(design, (counts.shape[0],) + design.shape)
    return fit_cumulative_logit(counts, shared)


def _lr_statistics(counts: np.ndarray, n_levels: int) -> np.ndarray:
    """Return LR statistics of a batch of cell x category tables (N_LEVELS levels).

    Categories nobody in a table chose are dropped from that table (the
    maximum then has their thresholds tied: the same likelihood). The model
    only uses the order of the categories, so tables that use the same number
    of categories are fitted together, whichever categories those are.
    """
    full, reduced = _designs(n_levels)
    used = counts.sum(axis=1) > 0
    n_used = used.sum(axis=1)
    # Used categories first, in their order: a table's first n_used columns.
    order = np.argsort(~used, axis=1, kind="stable")
    compact = np.take_along_axis(counts, order[:, None, :], axis=2)
    statistics = np.zeros(counts.shape[0])
    for k in np.unique(n_used):
        if k < 2:
            continue  # one category: nothing varies, LR = 0
        members = np.flatnonzero(n_used == k)
        tables = compact[members][:, :, :k]
        ll_full, _, _ = _fit(tables, full)
        ll_reduced, _, _ = _fit(tables, reduced)
        statistics[members] = np.maximum(2.0 * (ll_full - ll_reduced), 0.0)
    return statistics


def bartlett_factors(tables, n_levels: int, n_bootstrap: int) -> np.ndarray:
    """Return mean(LR*) / df of each table, from tables drawn without interaction.

    Tables are drawn from the fitted model without interaction, keeping the
    number of answers in every arm x level cell; each table's draws start
    from the same fixed seed. Dividing LR by this factor is the bootstrap
    Bartlett correction (Rocke 1989): the corrected statistic has the
    chi-square mean, which fixes the chi-square's excess rejections with few
    answers and, unlike a bootstrap p-value, has no floor of
    1 / (draws + 1) that would stop a strong finding surviving a
    Benjamini-Hochberg family of 80 tests. Every table's models are fitted
    in one batch (each model converges on its own, so a table's factor is
    the same alone or in company).
    """
    tables = np.asarray(tables, dtype=float)
    _, reduced = _designs(n_levels)
    _, theta, beta = _fit(tables, reduced)
    design = np.broadcast_to(reduced, (tables.shape[0],) + reduced.shape)
    probs, _ = probabilities(theta, np.einsum("bcp,bp->bc", design, beta))
    draws = []
    for table, table_probs in zip(tables, probs, strict=True):
        table_probs = np.clip(table_probs, 0.0, None)
        table_probs /= table_probs.sum(axis=1, keepdims=True)
        rng = np.random.default_rng(BOOTSTRAP_SEED)
        cells = table.sum(axis=1).astype(np.int64)
        draws.append(
            np.stack(
                [
                    rng.multinomial(n, p, size=n_bootstrap)
                    for n, p in zip(cells, table_probs, strict=True)
                ],
                axis=1,
            ).astype(float)
        )
    statistics = _lr_statistics(np.concatenate(draws), n_levels)
    return statistics.reshape(len(tables), n_bootstrap).mean(axis=1) / (n_levels - 1)


def bartlett_factor(table, n_levels: int, n_bootstrap: int) -> float:
    """Return the Bartlett factor of one table (see :func:`bartlett_factors`)."""
    return float(bartlett_factors([table], n_levels, n_bootstrap)[0])


def interaction_tests(
    problems,
    *,
    min_cell: int = MIN_CELL,
    n_bootstrap: int = BOOTSTRAP_DRAWS,
) -> list[InteractionResult]:
    """Return the LR interaction test of each problem, fitted in batches.

    Each problem is (labels, control table, variant table, ordered): the
    tables are levels x categories answer counts (categories: scale points,
    or no/yes). When the chi-square p is below BOOTSTRAP_BELOW the statistic
    gets a bootstrap Bartlett correction (``n_bootstrap`` draws; 0 turns it
    off), see :func:`bartlett_factor`.
    """
    results: list[InteractionResult | None] = []
    groups: dict[tuple[int, int], list] = {}
    for index, (labels, control, variant, ordered) in enumerate(problems):
        c = as_table(control, "control table")
        v = as_table(variant, "variant table")
        if c.shape != v.shape or c.shape[0] != len(labels):
            raise ValueError("need one row of counts per segment level in both tables")
        found = _merge_levels(c, v, ordered=ordered, min_cell=min_cell)
        untested = InteractionResult(
            TEST_NAME, np.nan, np.nan, method="asymptotic", statistic_name="LR chi2",
            note=_merge_note([_label(x) for x in labels], found, min_cell),
            min_cell=min_cell, merged=found.merged, left_out=found.left_out,
            levels_tested=len(found.groups),
        )  # fmt: skip
        results.append(untested)
        if len(found.groups) < 2:
            why = f"fewer than 2 segment levels with {min_cell} answers per arm"
            results[index] = replace(
                untested, note=join_notes(untested.note, why + ": no test")
            )
            continue
        groups.setdefault((len(found.groups), c.shape[1]), []).append(
            (index, np.concatenate([found.control, found.variant]))
        )
    for (n_levels, _), members in groups.items():
        statistics = _lr_statistics(np.stack([t for _, t in members]), n_levels)
        p_values = special.chdtrc(n_levels - 1, statistics)
        corrected = np.flatnonzero(p_values < BOOTSTRAP_BELOW) if n_bootstrap else []
        factors = dict.fromkeys(range(len(members)))
        if len(corrected):
            found = bartlett_factors(
                [members[i][1] for i in corrected], n_levels, n_bootstrap
            )
            factors.update(zip(corrected.tolist(), found.tolist(), strict=True))
        for place, ((index, _), lr) in enumerate(zip(members, statistics, strict=True)):
            results[index] = _tested(
                results[index], float(lr), n_levels, factors[place], n_bootstrap
            )
    return results


def _tested(untested, lr, n_levels, factor, n_bootstrap) -> InteractionResult:
    """UNTESTED with its LR and p-value, Bartlett-corrected when FACTOR is given."""
    if factor is None:
        p_value = float(special.chdtrc(n_levels - 1, lr))
        return replace(untested, statistic=lr, p_value=p_value, df=n_levels - 1)
    return replace(
        untested, statistic=lr, df=n_levels - 1,
        p_value=float(special.chdtrc(n_levels - 1, lr / factor)),
        method="asymptotic, bootstrap Bartlett correction",
        note=join_notes(
            untested.note,
            f"LR divided by {factor:.3g} (mean of {n_bootstrap} draws "
            "without interaction over df)",
        ),
        bartlett_factor=float(factor), bootstrap_draws=n_bootstrap,
    )  # fmt: skip


def interaction_test(
    labels, control_table, variant_table, *, ordered: bool = False,
    min_cell: int = MIN_CELL, n_bootstrap: int = BOOTSTRAP_DRAWS,
) -> InteractionResult:  # fmt: skip
    """Return the LR test of variant x segment interaction for one outcome."""
    return interaction_tests(
        [(labels, control_table, variant_table, ordered)], min_cell=min_cell,
        n_bootstrap=n_bootstrap,
    )[0]  # fmt: skip
