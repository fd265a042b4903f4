"""Dutch and English formats for amounts and dates, from CLDR via Babel."""

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
