import numpy as np
import pytest
from scipy import stats as sps

from sprintlab import stats as st


def test_noether_formula():
    plan = st.noether_sample_size(0.6)
    z = sps.norm.ppf(0.975) + sps.norm.ppf(0.8)
    assert plan.exact_n_total == pytest.approx(z**2 / (12 * 0.25 * 0.01))
    assert plan.n_control == plan.n_variant == int(np.ceil(plan.exact_n_total / 2))
    unequal = st.noether_sample_size(0.6, fraction=0.25)
    assert unequal.exact_n_total > plan.exact_n_total
    assert unequal.n_variant < unequal.n_control


def test_t_test_planning_one_sided_and_welch():
    # pwr.t.test(d = 0.5, power = 0.8, alternative = "greater"): n = 50.1508
    assert st.t_test_sample_size(0.5, alternative="greater") == pytest.approx(
        50.1508, abs=1e-4
    )
    assert st.t_test_sample_size(0.5, test="welch", sd_ratio=2) > 100
    assert st.t_test_power(-0.5, 64, alternative="less") == pytest.approx(
        st.t_test_power(0.5, 64, alternative="greater")
    )


def test_smallest_p_value_for_yes_no_items():
    assert st.smallest_p_value(3, 3, outcome="binary") == pytest.approx(0.1)
    assert st.smallest_p_value(4, 4, outcome="binary") == pytest.approx(
        sps.fisher_exact([[4, 0], [0, 4]]).pvalue
    )
    assert st.smallest_p_value(5000, 5000) == 0.0  # underflows, no overflow error


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: st.noether_sample_size(0.5), "no difference"),
        (lambda: st.noether_sample_size(1.2), "between 0 and 1"),
        (lambda: st.t_test_sample_size(0.0), "no difference"),
        (lambda: st.smallest_p_value(3), "n_variant"),
        (lambda: st.smallest_p_value(3, 0), "at least one"),
        (lambda: st.superiority_from_distributions([0.5, 0.5], [1.0]), ">= 2"),
        (
            lambda: st.superiority_from_distributions([0.5, 0.5], [0.2, 0.3, 0.5]),
            "same",
        ),
    ],
)
def test_bad_plans_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()
