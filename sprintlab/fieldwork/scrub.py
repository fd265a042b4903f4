"""Replace Dutch direct identifiers in free-text answers before they are stored.

Detected, in this order, and replaced by a placeholder naming the kind:

- ``[E-MAIL]``: e-mail addresses.
- ``[IBAN]``: IBANs of any country, with or without spaces, that pass mod-97.
- ``[ADRES]``: a capitalised street name ending in a common street word
  ("Oudegracht 123a", "Van Asch van Wijckstraat 12"), and a full postcode
  ("3511 AB", "3511AB, nr 12") with the house number that follows it.
- ``[TELEFOON]``: Dutch numbers (06, landlines, 0800/0900 service numbers,
  +31/0031 with an optional "(0)") and other numbers written with + or 00.
- ``[BSN]``: nine digits, plain or grouped 3-3-3 / 4-2-3 with spaces or dots,
  that pass the elfproef and are not written as an amount.

These are pattern heuristics, not a guarantee: names, streets without a
street word ("Neude 11"), house numbers without a postcode and numbers split
in unusual ways get through. Scrubbing repeats until nothing more is found,
so scrubbing twice gives the same text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class Scrubbed:
    """A text with identifiers replaced, and how many of each kind were found."""

    text: str
    found: dict[str, int] = field(default_factory=dict)


def scrub_identifiers(text: str) -> Scrubbed:
    """Replace e-mail, IBAN, address, phone and BSN identifiers with placeholders."""
    if not _MAY_IDENTIFY.search(text):
        # Most free text has no digit and no "@": nothing to find, and the
        # detectors would scan it five times for nothing.
        return Scrubbed(text)
    found: Counter[str] = Counter()
    changed = True
    # Every identifier contains a digit or "@" and no placeholder does, so
    # each pass that replaces something removes one: the loop ends.
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
# numbers, BSN, IBAN) or an "@" (e-mail): text without either has none.
_MAY_IDENTIFY = re.compile(r"[0-9@]")


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
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(w * int(d) for w, d in zip(weights, digits, strict=True))
    return total % 11 == 0 and digits != "000000000"


def is_valid_iban(iban: str) -> bool:
    """Tell whether a compact IBAN has a sane shape and passes the mod-97 check."""
    iban = iban.upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# --- detectors ------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")


def _emails(text: str) -> Iterator[Span]:
    return (m.span() for m in _EMAIL.finditer(text))


_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}")
_IBAN_BODY = re.compile(r"(?: ?[A-Za-z0-9]){11,30}")


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
            if is_valid_iban(text[start.start() : end].replace(" ", "")):
                end_of_last = end
                yield start.start(), end
                break


def _word_ends(text: str, index: int) -> bool:
    return text[index - 1].isalnum() and not text[index : index + 1].isalnum()


_HOUSE_NUMBER = r"[0-9]{1,5}(?:-?[A-Za-z](?![A-Za-z])|-[0-9]{1,3})?(?![0-9]|[.:,][0-9])"
# SA, SD and SS are not used as postcode letters.
_POSTCODE = r"[1-9][0-9]{3}(?: ?(?!S[ADS])[A-Z]{2}|(?!s[ads])[a-z]{2})(?![A-Za-z0-9])"
_STREET_WORDS = (
    "straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|park|dreef"
    "|steeg|markt|plantsoen|boulevard|baan|wal|erf|veld|haven|allee|gang"
)
_STREET = re.compile(
    r"(?<![\w'’-])(?:(?:[A-Z][\w'’-]*|van|de|der|den|het|ter|ten|'t) ){0,4}"
    rf"[A-Z][a-zà-ÿ'’-]*(?:{_STREET_WORDS}) {_HOUSE_NUMBER}"
    rf"(?:,? {_POSTCODE})?"
)
_POSTCODE_ADDRESS = re.compile(
    rf"(?<![\w-]){_POSTCODE}"
    rf"(?:,? *(?:(?:huis)?(?:nr|nummer)\.?:? *)?{_HOUSE_NUMBER})?"
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
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+|00)[1-9](?: ?\(0\)|[ -]?[0-9]){7,16}"
)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


def _phones(text: str) -> Iterator[Span]:
    found = [
        *_trimmed(_INTERNATIONAL_PHONE, text, _valid_international),
        *_trimmed(_NATIONAL_PHONE, text, _valid_national),
    ]
    found.sort()
    kept: list[Span] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return iter(kept)


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
    if digits.startswith(_SERVICE_PREFIXES):
        return len(digits) in (8, 11)
    return len(digits) == 10


def _valid_international(digits: str) -> bool:
    digits = digits.removeprefix("00")
    if digits.startswith("31"):
        return len(digits) == 11 and digits[2] != "0"
    return 8 <= len(digits) <= 15


_BSN = re.compile(
    r"(?<![0-9A-Za-z.,€])"
    r"(?:[0-9]{9}|[0-9]{3}([ .])[0-9]{3}\1[0-9]{3}|[0-9]{4}([ .])[0-9]{2}\2[0-9]{3})"
    r"(?![0-9]|[.,][0-9])"
)
_AMOUNT_BEFORE = re.compile(r"(?:€|eur|euro)\s*$", re.I)
_AMOUNT_AFTER = re.compile(r"\s*(?:€|eur\b|euro|,-)", re.I)


def _bsns(text: str) -> Iterator[Span]:
    for match in _BSN.finditer(text):
        start, end = match.span()
        if _AMOUNT_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if _AMOUNT_AFTER.match(text, end):
            continue
        if is_valid_bsn(re.sub(r"[ .]", "", match[0])):
            yield start, end


_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[Span]]], ...] = (
    ("E-MAIL", _emails),
    ("IBAN", _ibans),
    ("ADRES", _addresses),
    ("TELEFOON", _phones),
    ("BSN", _bsns),
)
