"""Real Dutch municipalities a fictional letter can come from.

A persona's municipality is drawn from this list unless the study names the
commissioning municipality (its `municipality` key). Each name is a real
municipality whose main town carries the same name, so "Gemeente Zwolle,
Postbus 1000, Zwolle" reads true; never a Faker place name with a hamlet
after it ("Winterswijk Brinkheurne" is not a municipality).
"""

import re
import unicodedata

MUNICIPALITIES = (
    "Alkmaar", "Almelo", "Almere", "Alphen aan den Rijn", "Amersfoort",
    "Apeldoorn", "Arnhem", "Assen", "Breda", "Delft", "Deventer", "Doetinchem",
    "Dordrecht", "Ede", "Eindhoven", "Emmen", "Enschede", "Gouda", "Groningen",
    "Haarlem", "Harderwijk", "Heerenveen", "Heerlen", "Helmond", "Hengelo",
    "Hilversum", "Hoorn", "Houten", "Kampen", "Leeuwarden", "Leiden", "Lelystad",
    "Maastricht", "Meppel", "Middelburg", "Nijmegen", "Oss", "Purmerend",
    "Roermond", "Roosendaal", "Schiedam", "Tiel", "Tilburg", "Utrecht",
    "Veenendaal", "Venlo", "Vlissingen", "Winterswijk", "Woerden", "Zaanstad",
    "Zeist", "Zoetermeer", "Zutphen", "Zwolle",
)  # fmt: skip
MAX_NAME = 60


def website(municipality):
    """The municipality's web address as a letter prints it: www.<name>.nl."""
    plain = unicodedata.normalize("NFKD", municipality)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "www." + re.sub(r"[^a-z0-9-]", "", plain.replace(" ", "")) + ".nl"


SMS_SENDER_MAX = 11  # an alphanumeric SMS sender ID has at most 11 characters


def sms_sender(municipality):
    """The municipality's SMS sender ID: its name in letters, at most 11 characters.

    "Zwolle" stays "Zwolle"; a longer name keeps its first word and the
    initials of the rest ("Alphen aan den Rijn": "AlphenADR"), as senders
    shorten names to fit.
    """
    plain = unicodedata.normalize("NFKD", municipality)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = [re.sub(r"[^A-Za-z0-9]", "", word) for word in re.split(r"[\s-]+", plain)]
    words = [word for word in words if word]
    joined = "".join(word[0].upper() + word[1:] for word in words)
    if len(joined) <= SMS_SENDER_MAX:
        return joined
    short = (
        words[0][0].upper() + words[0][1:] + "".join(w[0].upper() for w in words[1:])
    )
    return short[:SMS_SENDER_MAX]
