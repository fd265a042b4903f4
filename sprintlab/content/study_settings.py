"""What a study file says about its participants' pages: who asks, where, how.

- `[organisation]`: who is asking, named on the consent page as the AVG asks
  (name, contact e-mail and phone, privacy statement, retention period);
- `municipality`: the commissioning municipality, the sender of the letters;
- `layout`: the questions about a message on one page (`grouped`), one per
  screen (`one-per-screen`), or one per screen on a phone (`auto`);
- `opening`: the message shown open (`open`) or first as an envelope, lock
  screen or inbox the participant opens (`staged`), which is then recorded.
"""

import re
from dataclasses import dataclass

LAYOUTS = ("grouped", "one-per-screen", "auto")
OPENINGS = ("open", "staged")
ORGANISATION_KEYS = {"name", "email", "phone", "privacy", "retention"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")
MAX_MUNICIPALITY = 60


@dataclass(frozen=True)
class Organisation:
    """Who is asking: named on the consent page, with how to reach them."""

    name: dict  # per language
    email: str
    phone: str | None
    privacy: dict  # per language: the privacy statement, or where to read it
    retention: dict  # per language: how long the answers are kept


@dataclass(frozen=True)
class Settings:
    """The participant-facing settings of one study."""

    organisation: Organisation | None = None
    municipality: str | None = None
    layout: str = "grouped"
    opening: str = "open"


def read_settings(reader, raw):
    """The settings in the study table RAW; problems noted on READER."""
    return Settings(
        organisation=_organisation(reader, raw.get("organisation")),
        municipality=_municipality(reader, raw.get("municipality")),
        layout=_one_of(reader, raw, "layout", LAYOUTS),
        opening=_one_of(reader, raw, "opening", OPENINGS),
    )


def _one_of(reader, raw, key, allowed):
    value = raw.get(key, allowed[0])
    if value not in allowed:
        reader.problem(key, f"must be one of {', '.join(allowed)}", f"{key} =")
        return allowed[0]
    return value


def _municipality(reader, value):
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value.strip()) <= MAX_MUNICIPALITY:
        reader.problem(
            "municipality",
            f"name the municipality in at most {MAX_MUNICIPALITY} characters,"
            ' e.g. "Zwolle"',
            "municipality =",
        )
        return None
    return value.strip()


def _organisation(reader, table):
    if table is None:
        return None
    if not isinstance(table, dict):
        reader.problem("organisation", "must be a table: [organisation]")
        return None
    reader.known_keys(table, ORGANISATION_KEYS, "organisation")
    email = table.get("email")
    if not isinstance(email, str) or not EMAIL.match(email):
        reader.problem(
            "organisation.email",
            'give a contact e-mail address, e.g. "onderzoek@example.nl"',
            "email =",
        )
    phone = table.get("phone")
    if phone is not None and not (isinstance(phone, str) and PHONE.match(phone)):
        reader.problem(
            "organisation.phone", 'give a phone number, e.g. "030 123 4567"', "phone ="
        )
    texts = {
        key: reader.localized(table, f"organisation.{key}")
        for key in ("name", "privacy", "retention")
    }
    if reader.problems or not all(texts.values()):
        return None
    return Organisation(email=email, phone=phone, **texts)
