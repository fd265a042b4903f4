from itertools import product

import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st

AGRESTI = [[762, 327, 468], [484, 239, 477]]


def test_adjusted_residuals_match_agresti():
    result = st.categorical_association(AGRESTI)
    assert result.standardized_residuals[0] == pytest.approx(
        [4.502, 0.699, -5.316], abs=1e-3
    )
    assert not result.standardized_residuals.flags.writeable


def exact_rxc_fisher_p(table):
    """Brute-force Fisher p for a 2 x C table: enumerate tables with its margins."""
    table = np.asarray(table)
    cols, first_row = table.sum(axis=0), table[0].sum()

    def log_prob(row):
        other = cols - row
        return (
            sps.multivariate_hypergeom.logpmf(row, cols, first_row)
            if (other >= 0).all()
            else -np.inf
        )

    observed = log_prob(table[0])
    total = 0.0
    for row in product(*(range(c + 1) for c in cols)):
        row = np.array(row)
        if row.sum() == first_row:
            lp = log_prob(row)
            if lp <= observed + 1e-7:
                total += np.exp(lp)
    return total


def test_sparse_tables_use_monte_carlo_fisher_within_three_standard_errors():
    table = [[3, 1, 0, 2], [1, 4, 3, 0]]
    result = st.categorical_association(table)
    assert result.test == "Fisher exact" and result.method == "monte-carlo"
    exact = exact_rxc_fisher_p(table)
    assert abs(result.p_value - exact) <= 3 * result.monte_carlo_se
    assert st.categorical_association(table).p_value == result.p_value  # fixed seed


def test_sparse_two_by_two_is_exact():
    result = st.categorical_association([[3, 1], [1, 3]])
    assert result.method == "exact"
    assert result.p_value == pytest.approx(0.4857143, rel=1e-6)


def test_empty_categories_are_left_out():
    result = st.categorical_association([[40, 0, 30], [35, 0, 45]])
    assert result.observed.shape == (2, 2)
    assert "left out" in result.note


def test_crosstab_keeps_categories_in_order():
    table = st.crosstab(
        ["a", "a", "b"], ["sms", "letter", "sms"], ["letter", "sms", "poster"]
    )
    assert table.tolist() == [[1, 1, 0], [0, 1, 0]]
    with pytest.raises(ValueError, match="not in categories"):
        st.crosstab(["a"], ["fax"], ["letter", "sms"])


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[1, -1], [2, 3]], "negative"),
        ([[1.5, 1], [2, 3]], "whole"),
        ([1, 2, 3], "two-dimensional"),
        ([[5, 0], [0, 0]], "at least 2"),
    ],
)
def test_bad_tables_raise(table, message):
    with pytest.raises(ValueError, match=message):
        st.categorical_association(table)
