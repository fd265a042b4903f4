"""SMS length and segment counting (GSM 03.38 / 3GPP TS 23.038).

A text that fits the GSM 7-bit alphabet is sent in septets: 160 per single
message, 153 per part of a concatenated one (the rest carries the header).
Characters from the extension table are sent as escape + character, so they
cost two septets. Any other character forces UCS-2 for the whole message:
70 code units single, 67 per part; a character outside the Basic Multilingual
Plane (most emoji) takes two UTF-16 code units.

When a message is split, a two-septet character or a surrogate pair is never
cut in half across parts, as senders do; a part can then hold one unit less.
"""

from __future__ import annotations

from dataclasses import dataclass

# GSM 03.38 default alphabet, positions 0x00-0x7F; 0x1B (escape) is left out
# because it only introduces an extension-table character.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# GSM 03.38 extension table: form feed, ^ { } \ [ ~ ] | and the euro sign.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


@dataclass(frozen=True)
class SmsSegments:
    """How a text is sent as SMS: encoding, billed length and parts.

    `characters` is the billed length: septets for GSM-7, UTF-16 code units
    for UCS-2. `remaining` is what still fits in the last part. `offending`
    lists, in order of first use, the characters that forced UCS-2.
    """

    encoding: str
    characters: int
    segments: int
    per_segment: int
    remaining: int
    offending: tuple[str, ...]


def sms_segments(text: str) -> SmsSegments:
    """Count the encoding, length and segments of an SMS text (empty = 0 parts)."""
    offending = tuple(dict.fromkeys(c for c in text if not is_gsm7(c)))
    if offending:
        encoding, single, part = "UCS-2", UCS2_SINGLE, UCS2_PART
        widths = [2 if ord(c) > 0xFFFF else 1 for c in text]
    else:
        encoding, single, part = "GSM-7", GSM7_SINGLE, GSM7_PART
        widths = [2 if c in GSM7_EXTENSION else 1 for c in text]
    total = sum(widths)
    if total <= single:
        segments, per_segment, used = (1 if total else 0), single, total
    else:
        segments, used = _pack(widths, part)
        per_segment = part
    return SmsSegments(
        encoding=encoding,
        characters=total,
        segments=segments,
        per_segment=per_segment,
        remaining=per_segment - used,
        offending=offending,
    )


def is_gsm7(char: str) -> bool:
    """Tell whether a character can be sent in the GSM 7-bit alphabet."""
    return char in GSM7_BASIC or char in GSM7_EXTENSION


def _pack(widths: list[int], capacity: int) -> tuple[int, int]:
    """Fill parts greedily; return the number of parts and the last one's use."""
    parts, used = 1, 0
    for width in widths:
        if used + width > capacity:
            parts, used = parts + 1, 0
        used += width
    return parts, used
