"""Synthetic respondents: traits, segment answers and ratings from a known model.

A person belongs to one of three planted latent segments (attitudes.py),
which sets the means of their financial strain, trust in the municipality,
need for autonomy, privacy concern and openness to proactive help; they vary
around those means, and have a general attitude of their own. Segment and
attitude answers follow these traits (drawn with Faker from skewed weights);
a rating is a latent-normal value on the 7-point scale: a baseline per
question, the person's traits, the injected shifts (in scale points) and
noise, rounded and clipped. Data-use answers follow trust, privacy concern
and whether the message said which data it used; a ranking of channels
follows the segment's liking. Don't-knows, speeders, straight-liners and
drop-outs are mixed in.
"""

import math
import random as random_module
from collections import OrderedDict
from dataclasses import dataclass, field
from statistics import NormalDist

from faker import Faker

from sprintlab.content.data_sources import data_explained
from sprintlab.fieldwork import attitudes
from sprintlab.fieldwork.answers import DONT_KNOW, field_name, item_field

# By question id, as the shipped studies name them; other questions get 4.0.
# A yes/no answer is "yes" when the latent value reaches 4.
BASELINE = {
    "understand": 5.2, "next_step": 4.9, "helps": 4.6, "autonomy": 4.5,
    "respectful": 5.0, "no_judgement": 4.8, "legitimacy": 4.6, "intrusive": 3.6,
    "intention": 3.9, "contact": 3.9, "scam": 3.0,
}  # fmt: skip
TRUST_WEIGHT = {
    "intrusive": -0.5, "legitimacy": 0.5, "scam": -0.5, "respectful": 0.3,
    "intention": 0.3, "contact": 0.3, "helps": 0.15,
}  # fmt: skip
STRAIN_WEIGHT = {"helps": 0.3, "intention": 0.3, "contact": 0.3, "intrusive": 0.1}
NOISE_SD = 1.1
DONT_KNOW_RATE = 0.03
DROP_OUT_RATE = 0.05
SPEEDER_RATE = 0.03
STRAIGHT_LINER_RATE = 0.02
ENGLISH_RATE = 0.08
REMARK_RATE = 0.15
SKIP_RANK_RATE = 0.04  # an optional ranking is left open now and then
# Ordered segment questions follow a latent trait: (trait, direction, skew);
# direction -1 where the first options go with a high trait (see the study).
SEGMENT_TRAITS = {
    "rondkomen": ("strain", -1, 0.2),
    "buffer": ("strain", 1, -0.2),
    "zorgen": ("strain", 1, -0.3),
    "vertrouwen": ("trust", -1, -0.3),
}
CHANNEL_WEIGHTS = {
    "brief": 3.0, "e-mail": 2.0, "sms": 1.5, "telefoon": 1.5,
    "poster-of-folder": 0.8, "liever-niet": 1.0,
}  # fmt: skip
REMARKS = {
    "nl": (
        "Duidelijk, maar wat lang.", "Minder moeilijke woorden graag.",
        "Fijn dat ik zelf mag kiezen.", "Voelt alsof ik in de gaten word gehouden.",
        "Zeg eerder wie ik kan bellen.", "Vriendelijk geschreven.",
        "Waarom weet de gemeente dit van mij?", "Graag een kortere tekst.",
        "Niets, het is goed zo.", "Meer uitleg over wat de hulp inhoudt.",
    ),
    "en": (
        "Clear, but a bit long.", "I like that I can choose.",
        "Feels like being watched.", "Friendly tone.", "Nothing, it is fine.",
    ),
}  # fmt: skip


@dataclass
class Person:
    """One synthetic participant's traits and habits (never stored)."""

    strain: float
    trust: float
    attitude: float
    language: str
    seconds: tuple
    straight_line: int | None
    drop_after: int | None
    segments: dict = field(default_factory=dict)
    channel: str | None = None
    archetype: str = ""  # the planted latent segment (attitudes.ARCHETYPES)
    autonomy: float = 0.0
    privacy: float = 0.0
    openness: float = 0.0


def _ordered_weights(count, mean):
    """Ordered-probit chances of COUNT options for a latent with MEAN."""
    cuts = [-2.4 + 4.8 * j / count for j in range(1, count)]
    below = [0.0, *(NormalDist(mean, 0.7).cdf(c) for c in cuts), 1.0]
    return [max(below[j + 1] - below[j], 1e-6) for j in range(count)]


#: An effect key (variant, question, LATENT, archetype) shifts the ratings of
#: one planted latent segment only (simulation.DEMO_EFFECTS).
LATENT = "latent"


def _shift(effects, person, variant_id, question_id):
    total = effects.get((variant_id, question_id), 0.0)
    for key, shift in effects.items():
        if len(key) == 4 and key[:2] == (variant_id, question_id):
            given = (
                person.archetype if key[2] == LATENT else person.segments.get(key[2])
            )
            total += shift if given == key[3] else 0.0
    return total


@dataclass
class RespondentModel:
    """Draws synthetic people and their answers from seeded random sources."""

    rng: random_module.Random
    fake: Faker
    effects: dict
    # The latent segments and the traits only they drive come from a draw of
    # their own, so the ratings' draws keep their order.
    latent: random_module.Random = field(
        default_factory=lambda: random_module.Random("sprintlab-latent")
    )

    def person(self, study):
        """A new synthetic participant with correlated traits and segment answers."""
        rng = self.rng
        archetype = attitudes.draw_archetype(self.latent)
        pages = len(study.variants) if study.design == "within" else 1
        speeder = rng.random() < SPEEDER_RATE
        strain = archetype.means["strain"] + attitudes.WITHIN_SD * rng.gauss(0, 1)
        person = Person(
            strain=strain,
            # within a segment, more strain goes with a little less trust
            trust=archetype.means["trust"]
            + attitudes.WITHIN_SD
            * (
                -0.2 * (strain - archetype.means["strain"]) / attitudes.WITHIN_SD
                + math.sqrt(1 - 0.2**2) * rng.gauss(0, 1)
            ),
            attitude=rng.gauss(0, 0.6),
            language="en" if rng.random() < ENGLISH_RATE else "nl",
            seconds=tuple(
                rng.uniform(2, 8) if speeder else rng.lognormvariate(math.log(50), 0.45)
                for _ in range(pages)
            ),
            straight_line=rng.choice((1, 4, 5, 7))
            if rng.random() < STRAIGHT_LINER_RATE
            else None,
            drop_after=rng.randrange(pages + 1)
            if rng.random() < DROP_OUT_RATE
            else None,
            archetype=archetype.id,
            autonomy=attitudes.trait(archetype, "autonomy", self.latent),
            privacy=attitudes.trait(archetype, "privacy", self.latent),
            openness=attitudes.trait(archetype, "openness", self.latent),
        )
        person.segments = {q.id: self.segment(q, person) for q in study.segments}
        return person

    def segment_fields(self, question, value):
        """The form fields that give VALUE (from `segment`) to QUESTION."""
        if question.type != "rank":
            return {field_name(question): value}
        if value is None:  # skipped
            return {}
        return {
            item_field(question, option): str(place)
            for place, option in enumerate(value, start=1)
        }

    def data_use_fields(self, question, person, front_matter):
        """Yes, no or don't know per data source the message lists (form fields)."""
        told = data_explained(front_matter)
        return {
            item_field(question, source): attitudes.accepts(
                self.latent, source, person.trust, person.privacy, told
            )
            for source in question.option_ids()
        }

    def segment(self, question, person):
        """One segment answer, drawn with Faker from skewed, trait-driven weights."""
        fake = self.fake
        if question.type == "rank":
            if not question.required and fake.random.random() < SKIP_RANK_RATE:
                return None
            archetype = next(
                a for a in attitudes.ARCHETYPES if a.id == person.archetype
            )
            return attitudes.ranking(fake.random, question.option_ids(), archetype)
        if fake.random.random() < DONT_KNOW_RATE:
            return DONT_KNOW
        if question.type == "yes_no":
            chance = 0.25
            if question.id == "levensgebeurtenis":
                chance = 0.2 + 0.12 * max(person.strain, 0)
            if question.id == "slechte_ervaring":
                # bad experiences go with little trust in the municipality
                chance = 0.15 + 0.1 * max(-person.trust, 0)
            return "yes" if fake.random.random() < chance else "no"
        ids = question.option_ids()
        if question.type == "choice" and not question.ordered:
            return fake.random_element(ids)
        if question.id in SEGMENT_TRAITS:
            trait, direction, skew = SEGMENT_TRAITS[question.id]
            loading = 0.8 * direction
        else:
            trait, loading, skew = attitudes.ATTITUDE_TRAITS.get(
                question.id, ("attitude", 0.8, 0)
            )
        weights = _ordered_weights(len(ids), loading * getattr(person, trait) + skew)
        return fake.random_element(OrderedDict(zip(ids, weights, strict=True)))

    def channel(self, question, person):
        """A preferred channel; people with little trust more often want none."""
        weights = {o: CHANNEL_WEIGHTS.get(o, 1.0) for o in question.option_ids()}
        if "liever-niet" in weights:
            weights["liever-niet"] *= 1 + max(-person.trust, 0)
        return self.fake.random_element(OrderedDict(weights))

    def answer(self, question, person, variant_id):
        """The form value a person gives to QUESTION about VARIANT_ID, or None."""
        rng = self.rng
        if question.type == "text":
            if question.required or rng.random() < REMARK_RATE:
                return rng.choice(REMARKS[person.language])
            return None
        if person.straight_line and question.type == "likert7":
            return str(person.straight_line)
        if rng.random() < DONT_KNOW_RATE:
            return DONT_KNOW
        if question.type == "choice":
            if not question.required and rng.random() < 0.1:
                return None
            person.channel = person.channel or self.channel(question, person)
            # a stated preference mostly repeats from one message to the next
            keep = rng.random() < 0.8
            return person.channel if keep else rng.choice(question.option_ids())
        sign = -0.6 if question.better == "lower" else 1.0
        value = (
            BASELINE.get(question.id, 4.0)
            + sign * person.attitude
            + TRUST_WEIGHT.get(question.id, 0.2 * sign) * person.trust
            + STRAIN_WEIGHT.get(question.id, 0.0) * person.strain
            + _shift(self.effects, person, variant_id, question.id)
            + rng.gauss(0, NOISE_SD)
        )
        if question.type == "yes_no":
            return "yes" if value >= 4.0 else "no"
        return str(min(7, max(1, round(value))))

    def baseline(self, study):
        """The model's mean per rated question before any person or shift."""
        return {
            q.id: BASELINE.get(q.id, 4.0)
            for q in study.questions
            if q.type in ("likert7", "yes_no")
        }
