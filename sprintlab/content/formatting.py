"""Dutch and English formats for amounts and dates, from CLDR via Babel."""

import unicodedata
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_currency

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def locale_for(language):
    """The Babel locale used for LANGUAGE."""
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(f"no locale for language {language!r}") from None


def euro(amount, language="nl"):
    """AMOUNT in euros: '€ 1.234,56' in Dutch, '€1,234.56' in English."""
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise TypeError(f"euro needs a number, not {type(amount).__name__}")
    return format_currency(amount, "EUR", locale=locale_for(language))


def long_date(value, language="nl"):
    """VALUE as a long date: '28 november 2026' or '28 November 2026'."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"date needs a date, not {type(value).__name__}")
    return format_date(value, format="long", locale=locale_for(language))


def plain_spaces(text):
    """TEXT with every kind of space (no-break, narrow, thin) as a plain space.

    CLDR puts a no-break space in '€ 12,50'. In a letter that keeps the
    amount on one line; in an SMS it is a character outside GSM-7, which
    turns the whole message into UCS-2 (70 instead of 160 per segment).
    """
    return "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)
