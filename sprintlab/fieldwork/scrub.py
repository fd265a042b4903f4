"""Replace Dutch direct identifiers in free-text answers before they are stored.

Text is first cleaned (``clean_text``): Unicode NFKC (full-width letters and
digits become plain ones), other scripts' digits become 0-9, every line
break becomes a line feed, and control and bidirectional-override characters (NUL,
U+202E, ...) are removed. Then these are detected, in this order, and
replaced by a placeholder naming the kind:

- ``[E-MAIL]``: e-mail addresses, also written as "jan [at] example [dot] nl".
- ``[IBAN]``: IBANs of any country, with spaces or dashes, that pass mod-97
  (python-stdnum).
- ``[ADRES]``: a capitalised street name ending in a common street word
  ("Oudegracht 123a", "Van Asch van Wijckstraat 12"), and a full postcode
  ("3511 AB", "3511AB12", "3511 ab 12" with its house number).
- ``[TELEFOON]``: numbers that phonenumbers takes for valid Dutch numbers
  (06, landlines, 0800/0900; +31/0031 with an optional "(0)"), grouped any
  way with one kind of separator ("0 6 1 2 3 4 5 6 7 8"), and other numbers
  written with + or 00.
- ``[BSN]``: nine digits, plain or grouped with spaces, dots or dashes, also
  right after "bsn", that pass the elfproef (python-stdnum) and are not
  written as an amount.

These are heuristics, not a guarantee: names, streets without a street word
("Neude 11") and house numbers without a postcode get through. Scrubbing
repeats until nothing more is found, so scrubbing twice gives the same text.
The false-positive rate on ordinary Dutch sentences is measured in
tests/test_scrub.py (tests/data/gewone-zinnen.txt).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from sprintlab.content.cleaning import clean_text

Span = tuple[int, int]


@dataclass(frozen=True)
class Scrubbed:
    """A text with identifiers replaced, and how many of each kind were found."""

    text: str
    found: dict[str, int] = field(default_factory=dict)


def scrub_identifiers(text: str) -> Scrubbed:
    """Clean TEXT, then replace e-mail, IBAN, address, phone and BSN identifiers."""
    text = clean_text(text)
    if not _MAY_IDENTIFY.search(text):
        # Most free text has no digit, "@" or "[at]": nothing to find, and
        # the detectors would scan it five times for nothing.
        return Scrubbed(text)
    found: Counter[str] = Counter()
    changed = True
    # Every identifier contains a digit, "@" or "at", and no placeholder
    # does, so each pass that replaces something removes one: the loop ends.
    while changed:
        changed = False
        for kind, detect in _DETECTORS:
            spans = list(detect(text))
            if spans:
                text = _replace(text, spans, f"[{kind}]")
                found[kind] += len(spans)
                changed = True
    return Scrubbed(text, dict(found))


# Every identifier below holds an ASCII digit (house numbers, postcodes, phone
# numbers, BSN, IBAN), an "@" or a bracketed "at" (e-mail): text without any
# of them has none.
_MAY_IDENTIFY = re.compile(r"[0-9@]|[\[({<]\s*at\s*[\])}>]", re.I)


def _replace(text: str, spans: list[Span], placeholder: str) -> str:
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], placeholder]
        last = end
    return "".join(pieces) + text[last:]


# --- validation -----------------------------------------------------------


def is_valid_bsn(digits: str) -> bool:
    """Tell whether nine digits pass the BSN elfproef (and are not all zero)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    return stdnum_bsn.is_valid(digits)


def is_valid_iban(iban: str) -> bool:
    """Tell whether a compact IBAN has a sane shape and passes the mod-97 check."""
    iban = iban.upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    # Any bank, also one stdnum's registry does not list: still an account.
    return stdnum_iban.is_valid(iban, check_country=False)


# --- detectors ------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|apenstaartje)\s*[\])}>]\s*)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*)"
_WRITTEN_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,}}(?![\w-])",
    re.I,
)


def _emails(text: str) -> Iterator[Span]:
    spans = [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _WRITTEN_EMAIL.finditer(text)]
    return iter(_without_overlaps(spans))


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans in order, each dropped that overlaps one kept before it."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}")
_IBAN_BODY = re.compile(r"(?:[ -]?[A-Za-z0-9]){11,30}")


def _ibans(text: str) -> Iterator[Span]:
    end_of_last = 0
    for start in _IBAN_START.finditer(text):
        if start.start() < end_of_last:
            continue
        body = _IBAN_BODY.match(text, start.end())
        if not body:
            continue
        # Try the longest run that ends at a word boundary first, so an
        # IBAN followed by ordinary words is still found.
        ends = [i for i in range(body.end(), start.end(), -1) if _word_ends(text, i)]
        for end in ends:
            if is_valid_iban(re.sub("[ -]", "", text[start.start() : end])):
                end_of_last = end
                yield start.start(), end
                break


def _word_ends(text: str, index: int) -> bool:
    return text[index - 1].isalnum() and not text[index : index + 1].isalnum()


_HOUSE_NUMBER = r"[0-9]{1,5}(?:-?[A-Za-z](?![A-Za-z])|-[0-9]{1,3})?(?![0-9]|[.:,][0-9])"
# SA, SD and SS are not used as postcode letters. A house number may follow
# the letters at once ("3511AB12").
_POSTCODE = r"[1-9][0-9]{3}(?: ?(?!S[ADS])[A-Z]{2}|(?!s[ads])[a-z]{2})(?![A-Za-z])"
# "3511 ab 12": small letters after a space count only with a house number
# and when they are no Dutch word ("in 2026 op 12 maart").
_SHORT_WORDS = (
    "aa|af|al|as|bv|ca|cm|de|dr|en|er|eu|ga|ha|he|hr|ik|in|is|ja|je|kg|km|la|ma"
    "|me|ml|mm|na|nl|nr|nu|of|oh|ok|om|op|pa|st|te|to|tv|uw|vs|we|wo|ze|zo"
)
_SPACED_POSTCODE = (
    rf"[1-9][0-9]{{3}} (?!(?i:{_SHORT_WORDS})\b)(?![Ss][ADSads])[A-Za-z]{{2}}"
    r"(?![A-Za-z])"
)
_STREET_WORDS = (
    "straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|park|dreef"
    "|steeg|markt|plantsoen|boulevard|baan|wal|erf|veld|haven|allee|gang"
)
_STREET = re.compile(
    r"(?<![\w'’-])(?:(?:[A-Z][\w'’-]*|van|de|der|den|het|ter|ten|'t) ){0,4}"
    rf"[A-Z][a-zà-ÿ'’-]*(?:{_STREET_WORDS}) {_HOUSE_NUMBER}"
    rf"(?:,? {_POSTCODE})?"
)
_NUMBER_WORD = r"(?:(?:huis)?(?:nr|nummer)\.?:? *)?"
_POSTCODE_ADDRESS = re.compile(
    rf"(?<![\w-])(?:{_POSTCODE}(?:,? *{_NUMBER_WORD}{_HOUSE_NUMBER})?"
    rf"|{_SPACED_POSTCODE},? *{_NUMBER_WORD}{_HOUSE_NUMBER})"
)


def _addresses(text: str) -> Iterator[Span]:
    streets = [m.span() for m in _STREET.finditer(text)]
    postcodes = [
        m.span()
        for m in _POSTCODE_ADDRESS.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in streets)
    ]
    return iter(sorted(streets + postcodes))


_NATIONAL_PHONE = re.compile(
    r"(?<![\w+/.-])\(?0[1-9][0-9]{0,2}\)?(?: ?[-/] ?| )?[0-9]{2,}(?:[ .][0-9]{2,})*"
)
# Any grouping with one kind of separator: "06-1234-5678", "0 6 1 2 3 4 5 6 7 8".
_GROUPED_PHONE = re.compile(r"(?<![\w+/.-])0[0-9]*([ .-])[0-9]+(?:\1[0-9]+)*")
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+|00)[1-9](?: ?\(0\)|[ -]?[0-9]){7,16}"
)


def _phones(text: str) -> Iterator[Span]:
    found = [
        *_trimmed(_INTERNATIONAL_PHONE, text, _valid_international),
        *_trimmed(_NATIONAL_PHONE, text, _valid_national),
        *_trimmed(_GROUPED_PHONE, text, _valid_national),
    ]
    return iter(_without_overlaps(found))


def _trimmed(
    pattern: re.Pattern[str], text: str, valid: Callable[[str], bool]
) -> Iterator[Span]:
    # A candidate may run on into unrelated digits ("06 12345678 12 keer"):
    # use its longest valid prefix that ends after a digit group. If none is
    # valid, look again from the next character ("01 0612345678").
    pos = 0
    while match := pattern.search(text, pos):
        pos = match.start() + 1
        candidate = match[0]
        for group in reversed(list(re.finditer(r"[0-9]+", candidate))):
            digits = re.sub(r"\(0\)|[^0-9]", "", candidate[: group.end()])
            if valid(digits):
                pos = match.start() + group.end()
                yield match.start(), pos
                break


def _valid_national(digits: str) -> bool:
    """A valid Dutch number by phonenumbers' numbering plan (06, 010, 0800...).

    Ten digits, or eight or eleven for service numbers: nine digits starting
    with 0 may be a BSN, and are left to that detector.
    """
    service = digits.startswith(_SERVICE_PREFIXES)
    if len(digits) != 10 and not (service and len(digits) in (8, 11)):
        return False
    try:
        number = phonenumbers.parse(digits, "NL")
    except phonenumbers.NumberParseException:
        return False  # "00" then no country code: no number to hide
    return phonenumbers.is_valid_number(number)


def _valid_international(digits: str) -> bool:
    digits = digits.removeprefix("00")
    if digits.startswith("31"):
        return _valid_national("0" + digits[2:]) and digits[2] != "0"
    return 8 <= len(digits) <= 15


_BSN = re.compile(
    r"(?<![0-9.,€])"
    r"(?:[0-9]{9}|[0-9]{3}([ .-])[0-9]{3}\1[0-9]{3}|[0-9]{4}([ .-])[0-9]{2}\2[0-9]{3}"
    r"|[0-9]{2}([ .-])[0-9]{3}\3[0-9]{2}\3[0-9]{2})"
    r"(?![0-9]|[.,][0-9])"
)
# Right after one of these words a BSN may touch the word ("bsn111222333").
_BSN_WORD = re.compile(r"(?:bsn|sofi|burgerservice)(?:nummer|nr)?$", re.I)
_AMOUNT_BEFORE = re.compile(r"(?:€|eur|euro)\s*$", re.I)
_AMOUNT_AFTER = re.compile(r"\s*(?:€|eur\b|euro|,-)", re.I)


def _bsns(text: str) -> Iterator[Span]:
    for match in _BSN.finditer(text):
        start, end = match.span()
        if (
            start
            and text[start - 1].isalpha()
            and not _BSN_WORD.search(text[max(0, start - 20) : start])
        ):
            continue  # part of a word or code ("A123456789")
        if _AMOUNT_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if _AMOUNT_AFTER.match(text, end):
            continue
        if is_valid_bsn(re.sub(r"[ .-]", "", match[0])):
            yield start, end


_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[Span]]], ...] = (
    ("E-MAIL", _emails),
    ("IBAN", _ibans),
    ("ADRES", _addresses),
    ("TELEFOON", _phones),
    ("BSN", _bsns),
)
