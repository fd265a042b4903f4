"""Fictional addressees for mockups, from Faker nl_NL, reproducible from a seed.

A persona is never a real person: names, addresses and numbers are generated,
and nothing about a persona is stored.
"""

import threading
from datetime import date, timedelta

from faker import Faker

from sprintlab.content.municipalities import MUNICIPALITIES, sms_sender, website

CREDITOR_KINDS = {
    "housing": ("woningcorporatie", "housing association"),
    "energy": ("energiebedrijf", "energy company"),
    "health": ("zorgverzekeraar", "health insurer"),
    "water": ("waterbedrijf", "water company"),
}
CREDITOR_NAMES = {
    "housing": ("Woonstichting {}", "Wooncorporatie {}", "{} Wonen"),
    "energy": ("{} Energie", "Energie {}", "{} Stroom & Gas"),
    "health": ("Zorgverzekeraar {}", "{} Zorg", "{} Verzekeringen"),
    "water": ("Waterbedrijf {}", "{} Water", "Drinkwater {}"),
}
SALUTATIONS = {"nl": ("meneer", "mevrouw"), "en": ("Mr", "Ms")}
MAX_SEED = 10**6


_local = threading.local()


def _generator():
    """The Faker nl_NL generator of the calling thread, made once.

    Making one cost more than drawing a persona. It is reseeded for every
    persona, so a seed gives the same persona whichever thread draws it; one
    per thread, as a generator is not safe to share between threads.
    """
    fake = getattr(_local, "fake", None)
    if fake is None:
        fake = _local.fake = Faker("nl_NL")
    return fake


def make_persona(seed=0, language="nl", today=None, municipality=None):
    """A fictional persona for SEED, the same every time, in LANGUAGE.

    They live in MUNICIPALITY (a study's commissioning municipality) when it
    is given, else in one drawn from a list of real municipalities; the rest
    of the person is the same either way.
    """
    if language not in SALUTATIONS:
        raise ValueError(f"no personas in language {language!r}")
    today = today or date.today()
    fake = _generator()
    fake.seed_instance(seed)
    female = fake.random.random() < 0.5
    first_name = fake.first_name_female() if female else fake.first_name_male()
    last_name = fake.last_name()
    # Drawn even when MUNICIPALITY is given, so the rest stays the same person.
    drawn = fake.random.choice(MUNICIPALITIES)
    city = municipality or drawn
    kind = fake.random.choice(sorted(CREDITOR_KINDS))
    creditor = fake.random.choice(CREDITOR_NAMES[kind]).format(
        fake.last_name().split(" ")[-1].capitalize()
    )
    postcode = fake.postcode().replace(" ", "")
    case_worker_first = fake.first_name()
    salutation = SALUTATIONS[language][female]
    return {
        "salutation": salutation,
        # Dutch capitalises the first particle when no first name precedes it:
        # "meneer Van Boven", but "Ruben van Boven".
        "addressed_as": f"{salutation} {last_name[0].upper()}{last_name[1:]}",
        "first_name": first_name,
        "last_name": last_name,
        "full_name": f"{first_name} {last_name}",
        "street": fake.street_name(),
        "house_number": str(fake.random.randint(1, 240)),
        "postcode": f"{postcode[:4]} {postcode[4:]}",
        "city": city,
        "municipality": city,
        "municipality_website": website(city),
        "sms_sender": sms_sender(city),
        "arrears": round(fake.random.lognormvariate(5.5, 0.7), 2),
        "creditor": creditor,
        "creditor_kind": CREDITOR_KINDS[kind][language == "en"],
        "open_since": today - timedelta(days=fake.random.randint(30, 90)),
        "due_date": today + timedelta(days=fake.random.randint(14, 28)),
        "case_worker": f"{case_worker_first} {fake.last_name()}",
        "case_worker_first_name": case_worker_first,
        "phone": fictional_phone(fake.random),
        "reference": f"GZ-{today.year}-{fake.random.randint(100000, 999999)}",
    }


def fictional_phone(random):
    """A phone number in Dutch notation for a mockup, never shown as a live link."""
    area, block, line = (
        random.randint(*r) for r in ((10, 99), (100, 999), (1000, 9999))
    )
    return f"0{area}-{block} {line}"


def parse_seed(value):
    """A persona seed from a form or query value: 0 when it is not a number."""
    try:
        return max(0, min(int(value), MAX_SEED))
    except (TypeError, ValueError):
        return 0
