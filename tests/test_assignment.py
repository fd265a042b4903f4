import random
from collections import Counter
from itertools import pairwise

import pytest

from sprintlab.fieldwork.assignment import pick_balanced, williams_orders, within_order


@pytest.mark.parametrize("k", range(2, 10))
def test_williams_design_is_balanced(k):
    orders = williams_orders(k)
    assert len(orders) == (k if k % 2 == 0 else 2 * k)
    for order in orders:
        assert sorted(order) == list(range(k))
    # Every variant in every position equally often.
    for position in range(k):
        counts = Counter(order[position] for order in orders)
        assert len(set(counts.values())) == 1 and len(counts) == k
    # Every ordered pair of neighbours equally often (first-order carry-over).
    neighbours = Counter(pair for order in orders for pair in pairwise(order))
    assert len(neighbours) == k * (k - 1) and len(set(neighbours.values())) == 1


def test_within_order_cycles_through_the_square():
    ids = ["a", "b", "c"]
    orders = [tuple(within_order(ids, n)) for n in range(12)]
    assert orders[:6] == orders[6:]
    assert len(set(orders)) == 6


def test_pick_balanced_takes_the_fewest_and_breaks_ties_at_random():
    rng = random.Random(1)
    assert pick_balanced({"a": 3, "b": 1, "c": 2}, rng) == "b"
    picks = Counter(pick_balanced({"a": 0, "b": 0, "c": 5}, rng) for _ in range(400))
    assert set(picks) == {"a", "b"} and min(picks.values()) > 150


def test_bad_designs_are_refused():
    with pytest.raises(ValueError):
        williams_orders(0)
    with pytest.raises(ValueError):
        pick_balanced({}, random.Random())
