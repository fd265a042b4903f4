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


def settings_from(values):
    """The settings in a study table's VALUES, as read by its declared schema."""
    table = values.get("organisation")
    organisation = None
    if table:
        organisation = Organisation(
            name=table["name"],
            email=table["email"],
            phone=table.get("phone"),
            privacy=table["privacy"],
            retention=table["retention"],
        )
    municipality = values.get("municipality")
    return Settings(
        organisation=organisation,
        municipality=municipality.strip() if municipality else None,
        layout=values.get("layout") or LAYOUTS[0],
        opening=values.get("opening") or OPENINGS[0],
    )
