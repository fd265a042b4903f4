"""Synthetic people's latent segments: attitudes, data-use acceptance, channels.

Each synthetic person belongs to one of three planted segments, the groups
the qualitative study suggests (shared/reference/domain.md) and a truth for
`sprintlab segment` to recover:

- `zelf-kiezen`: welcomes help but wants to choose for themselves (a high
  need for autonomy, moderate trust);
- `wantrouwend`: distrusts government after bad experiences (low trust,
  privacy worries; prefers senders other than the municipality);
- `weinig-zorgen`: little financial strain; finds proactive contact
  intrusive.

A segment sets the mean of each trait (financial strain, trust, need for
autonomy, privacy concern, openness to proactive help); people vary around
it, so attitudes correlate within a person. Data-use acceptance rises with
trust and with being told which data were used, and falls with privacy
concern; a preferred order of channels is drawn from the segment's liking
for each channel (Plackett-Luce: first choice in proportion to liking, then
the next among those left).
"""

import math
from dataclasses import dataclass

WITHIN_SD = 0.5  # spread of a trait around its segment's mean


@dataclass(frozen=True)
class Archetype:
    """A planted segment: its share of people and the mean of each trait."""

    id: str
    share: float
    means: dict
    channels: dict  # channel option id -> liking (relative weight)


ARCHETYPES = (
    Archetype(
        "zelf-kiezen",
        0.40,
        {"strain": 0.3, "trust": 0.35, "autonomy": 1.1, "privacy": 0.3,
         "openness": 0.7},
        {"brief": 3.0, "app": 2.5, "e-mail": 2.0, "sms": 1.2},
    ),
    Archetype(
        "wantrouwend",
        0.30,
        {"strain": 0.7, "trust": -1.2, "autonomy": 0.5, "privacy": 1.2,
         "openness": -1.0},
        {"huisarts": 3.0, "bushokje": 2.0, "geen-contact": 2.5, "brief": 0.8},
    ),
    Archetype(
        "weinig-zorgen",
        0.30,
        {"strain": -1.1, "trust": 0.7, "autonomy": -0.4, "privacy": -0.4,
         "openness": -0.7},
        {"geen-contact": 3.0, "e-mail": 2.0, "app": 1.5, "brief": 1.0},
    ),
)  # fmt: skip
#: Trait each attitude item follows: (trait, loading, skew). An item's answer
#: is an ordered probit of loading x trait + skew, as respondents.py draws the
#: other segment answers (whose loading is 0.8); an attitude item is written
#: to measure its trait, so it loads on it a little more.
ATTITUDE_TRAITS = {
    "privacy_zorgen": ("privacy", 1.1, 0.3),
    "privacy_vragen": ("privacy", 1.1, 0.5),
    "privacy_zelf": ("privacy", 1.1, 0.8),
    "vertrouwen_bedoeling": ("trust", 1.1, 0.1),
    "vertrouwen_eerlijk": ("trust", 1.1, 0.0),
    "vertrouwen_kunnen": ("trust", 1.1, -0.1),
    "autonomie_tegendraads": ("autonomy", 1.1, -0.5),
    "autonomie_beslissen": ("autonomy", 1.1, 0.4),
    "open_voor_hulp": ("openness", 1.1, 0.0),
}
# How readily people accept each kind of data being used (log-odds at
# average trust and privacy concern); unknown sources 0.
SOURCE_ACCEPTANCE = {
    "naam-adres": 1.0, "verhuizing": 0.6, "betalingsachterstand": 0.4,
    "betalingsachterstand-huur": 0.3, "betalingsachterstand-energie": 0.3,
    "betalingsachterstand-water": 0.3, "zorgverzekering": 0.1,
    "telefoonnummer": -0.1, "inkomen": -0.8, "andere-schulden": -0.9,
}  # fmt: skip
TRUST_ACCEPTANCE = 0.9  # log-odds per SD of trust
PRIVACY_ACCEPTANCE = -0.6  # log-odds per SD of privacy concern
TOLD_ACCEPTANCE = 1.0  # log-odds when the message says which data it used
DATA_DONT_KNOW = 0.05


def draw_archetype(rng):
    """One of ARCHETYPES, in proportion to their shares."""
    pick, total = rng.random(), 0.0
    for archetype in ARCHETYPES:
        total += archetype.share
        if pick < total:
            return archetype
    return ARCHETYPES[-1]


def trait(archetype, name, rng):
    """A person's value of trait NAME: the segment's mean and their own spread."""
    return archetype.means.get(name, 0.0) + WITHIN_SD * rng.gauss(0, 1)


def accepts(rng, source, trust, privacy, told):
    """Whether a person with TRUST and PRIVACY concern accepts SOURCE being used.

    'yes', 'no' or 'dk' (don't know), as the form sends it.
    """
    if rng.random() < DATA_DONT_KNOW:
        return "dk"
    log_odds = (
        SOURCE_ACCEPTANCE.get(source, 0.0)
        + TRUST_ACCEPTANCE * trust
        + PRIVACY_ACCEPTANCE * privacy
        + (TOLD_ACCEPTANCE if told else 0.0)
    )
    chance = 1 / (1 + math.exp(-log_odds))
    return "yes" if rng.random() < chance else "no"


def ranking(rng, options, archetype):
    """OPTIONS in a preferred order: each next one in proportion to its liking."""
    left = list(options)
    order = []
    while left:
        weights = [archetype.channels.get(option, 1.0) for option in left]
        pick = rng.random() * sum(weights)
        chosen = len(left) - 1  # rounding at the very top falls to the last
        for index, weight in enumerate(weights):
            pick -= weight
            if pick <= 0:
                chosen = index
                break
        order.append(left.pop(chosen))
    return tuple(order)
