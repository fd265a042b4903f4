import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlab.content.sms import GSM7_BASIC, GSM7_EXTENSION, is_gsm7, sms_segments

# Draft 5 of the domain notes, section (b).
DRAFT_SMS = (
    "Gemeente [X]: Hallo [naam], u kreeg van ons een brief over hulp bij geldzaken. "
    "Het gesprek is gratis en u beslist zelf. Bel ons op werkdagen tussen 9 en 17 "
    "uur: [nummer]. Geen hulp nodig? Dan hoeft u niets te doen. Wij vragen nooit om "
    "te betalen of in te loggen via sms."
)


def test_tables_have_the_gsm_03_38_sizes():
    # 128 positions minus the escape code; ten extension characters.
    assert len(GSM7_BASIC) == 127
    assert len(GSM7_EXTENSION) == 10
    assert not GSM7_BASIC & GSM7_EXTENSION


@pytest.mark.parametrize(
    ("length", "segments", "per_segment", "remaining"),
    [
        (1, 1, 160, 159),
        (160, 1, 160, 0),
        (161, 2, 153, 145),
        (306, 2, 153, 0),
        (307, 3, 153, 152),
    ],
)
def test_gsm7_boundaries(length, segments, per_segment, remaining):
    result = sms_segments("a" * length)
    assert result.encoding == "GSM-7"
    assert result.characters == length
    assert (result.segments, result.per_segment, result.remaining) == (
        segments,
        per_segment,
        remaining,
    )


@pytest.mark.parametrize(
    ("length", "segments", "per_segment"),
    [(70, 1, 70), (71, 2, 67), (134, 2, 67), (135, 3, 67)],
)
def test_ucs2_boundaries(length, segments, per_segment):
    result = sms_segments("ê" + "a" * (length - 1))
    assert result.encoding == "UCS-2"
    assert result.characters == length
    assert (result.segments, result.per_segment) == (segments, per_segment)


def test_euro_counts_two_septets():
    assert sms_segments("€").characters == 2
    assert sms_segments("€" * 80).segments == 1
    assert sms_segments("€" * 80 + "a").segments == 2


@pytest.mark.parametrize("char", list("[]{}^~\\|€"))
def test_extension_characters_count_two(char):
    result = sms_segments(f"a{char}b")
    assert (result.encoding, result.characters) == ("GSM-7", 4)


def test_extension_character_is_not_split_across_parts():
    # 152 + 2 would overflow the first part's 153 septets, so "€" moves on.
    result = sms_segments("a" * 152 + "€" + "a" * 10)
    assert (result.characters, result.segments) == (164, 2)
    assert result.remaining == 153 - 12


def test_emoji_forces_ucs2_and_takes_two_units():
    result = sms_segments("Hoi 😀")
    assert result.encoding == "UCS-2"
    assert result.characters == 6
    assert result.offending == ("😀",)


def test_surrogate_pair_is_not_split_across_parts():
    # 66 units, then the emoji would need 67 and 68: it starts part two.
    result = sms_segments("ê" + "a" * 65 + "😀" + "a" * 5)
    assert (result.characters, result.segments, result.remaining) == (73, 2, 60)


@pytest.mark.parametrize(
    ("text", "offending"),
    [
        ("Café in België", ("ë",)),  # é is in the basic table, ë is not
        ("Vóór u kiest", ("ó",)),
        ("Het is ’s avonds", ("’",)),
        ("“Gratis” – echt", ("“", "”", "–")),
        ("€\u00a075", ("\u00a0",)),  # a non-breaking space
    ],
)
def test_offending_characters(text, offending):
    result = sms_segments(text)
    assert result.encoding == "UCS-2"
    assert result.offending == offending


@pytest.mark.parametrize("char", list("éèùìòàÉÇäöüÄÖÜñÑåÅæÆøØß¿¡§£¥@_"))
def test_basic_table_letters(char):
    assert is_gsm7(char)


@pytest.mark.parametrize("char", list("êëïáíóúçâîôû’‘“”–—…"))
def test_not_in_gsm7(char):
    assert not is_gsm7(char)


def test_empty_text_has_no_segments():
    result = sms_segments("")
    assert (result.characters, result.segments, result.remaining) == (0, 0, 160)


def test_draft_sms_fits_gsm7_with_brackets_counted_double():
    result = sms_segments(DRAFT_SMS)
    assert result.encoding == "GSM-7"
    assert result.characters == len(DRAFT_SMS) + 6  # three pairs of [ ]
    assert result.segments == 2


@given(st.text(max_size=500))
def test_segments_hold_the_text(text):
    result = sms_segments(text)
    assert 0 <= result.remaining <= result.per_segment
    assert (result.segments == 0) == (text == "")
    if result.segments > 1:
        # Unsplittable pairs can leave at most one unit unused per part.
        assert result.segments >= math.ceil(result.characters / result.per_segment)
        assert (result.segments - 1) * (result.per_segment - 1) < result.characters


@given(st.text(alphabet="abc €[", max_size=400))
def test_gsm7_length_counts_extension_twice(text):
    result = sms_segments(text)
    assert result.encoding == "GSM-7"
    assert result.characters == len(text) + text.count("€") + text.count("[")
