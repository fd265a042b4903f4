"""Who sees which variant, in which order. Pure: counts and a random source in.

Between subjects, the next participant goes to a variant with the fewest
active or completed participants, ties broken at random. Within subjects,
everyone sees every variant, in an order from a balanced Latin square
(Williams design), so each variant appears equally often in each position and
follows every other variant equally often.
"""


def williams_orders(k):
    """The orders of a Williams design for K variants, as lists of indices.

    K orders when K is even; 2K when K is odd (the square and its mirror), so
    first-order carry-over is balanced either way.
    """
    if k < 1:
        raise ValueError("a design needs at least one variant")
    # The classic zig-zag first row 0, 1, k-1, 2, k-2, ...; each next row adds 1.
    first, low, high = [0], 1, k - 1
    while len(first) < k:
        first.append(low)
        low += 1
        if len(first) < k:
            first.append(high)
            high -= 1
    square = [[(value + shift) % k for value in first] for shift in range(k)]
    if k % 2:
        square += [list(reversed(row)) for row in square]
    return square


def within_order(variant_ids, participant_number):
    """The order of VARIANT_IDS for the PARTICIPANT_NUMBER-th participant (0-based)."""
    orders = williams_orders(len(variant_ids))
    return [variant_ids[i] for i in orders[participant_number % len(orders)]]


def pick_balanced(counts, random):
    """A variant with the fewest participants in COUNTS, ties broken by RANDOM."""
    if not counts:
        raise ValueError("no variants to choose from")
    fewest = min(counts.values())
    tied = sorted(variant for variant, count in counts.items() if count == fewest)
    return random.choice(tied)
