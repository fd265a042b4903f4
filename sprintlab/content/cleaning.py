"""Text as it may be stored: one Unicode form, plain digits, no hidden controls.

Used for everything people type that is stored: participants' free text
(before it is scrubbed of identifiers) and designers' notes on saved
versions.
"""

import re
import unicodedata

# C0/C1 controls but tab and line feed, and the bidirectional formatting
# characters that can make stored text read differently from what it is.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str) -> str:
    """TEXT as it may be stored: NFKC, digits 0-9, line feeds, no control characters."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = "".join(_ascii_digit(c) for c in text) if _has_digit(text) else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", text)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() and not c.isascii() for c in text)


def _ascii_digit(char: str) -> str:
    """An Arabic-Indic, Devanagari, ... digit as 0-9; anything else unchanged."""
    if char.isascii():
        return char
    value = unicodedata.decimal(char, None)
    return char if value is None else str(value)
