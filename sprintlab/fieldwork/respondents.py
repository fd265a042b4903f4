"""Synthetic respondents: traits, segment answers and ratings from a known model.

A person has a latent financial strain, a trust in the municipality that
falls a little with strain, and a general attitude. Segment answers follow
these traits (drawn with Faker from skewed weights); a rating is a
latent-normal value on the 7-point scale: a baseline per question, the
person's traits, the injected shifts (in scale points) and noise, rounded and
clipped. Don't-knows, speeders, straight-liners and drop-outs are mixed in.
"""

import math
import random as random_module
from collections import OrderedDict
from dataclasses import dataclass, field
from statistics import NormalDist

from faker import Faker

from sprintlab.fieldwork.answers import DONT_KNOW

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


def _ordered_weights(count, mean):
    """Ordered-probit chances of COUNT options for a latent with MEAN."""
    cuts = [-2.4 + 4.8 * j / count for j in range(1, count)]
    below = [0.0, *(NormalDist(mean, 0.7).cdf(c) for c in cuts), 1.0]
    return [max(below[j + 1] - below[j], 1e-6) for j in range(count)]


def _shift(effects, person, variant_id, question_id):
    total = effects.get((variant_id, question_id), 0.0)
    for key, shift in effects.items():
        if len(key) == 4 and key[:2] == (variant_id, question_id):
            total += shift if person.segments.get(key[2]) == key[3] else 0.0
    return total


@dataclass
class RespondentModel:
    """Draws synthetic people and their answers from seeded random sources."""

    rng: random_module.Random
    fake: Faker
    effects: dict

    def person(self, study):
        """A new synthetic participant with correlated traits and segment answers."""
        rng = self.rng
        pages = len(study.variants) if study.design == "within" else 1
        speeder = rng.random() < SPEEDER_RATE
        strain = rng.gauss(0, 1)
        person = Person(
            strain=strain,
            # people under financial strain trust the municipality a bit less
            trust=-0.35 * strain + math.sqrt(1 - 0.35**2) * rng.gauss(0, 1),
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
        )
        person.segments = {q.id: self.segment(q, person) for q in study.segments}
        return person

    def segment(self, question, person):
        """One segment answer, drawn with Faker from skewed, trait-driven weights."""
        fake = self.fake
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
        trait, direction, skew = SEGMENT_TRAITS.get(question.id, ("attitude", 1, 0))
        weights = _ordered_weights(
            len(ids), direction * 0.8 * getattr(person, trait) + skew
        )
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
