"""Every fixed word of a report has a Dutch entry, so no English leaks silently.

The HTML report's words are a ChainMap(NL, EN): a key missing in NL falls
back to English without a sound. The text report, the figures and the other
tables are {"en": ..., "nl": ...} dicts. These tests hold both to the same
keys and the same placeholders in both languages.
"""

import importlib
import inspect
import pkgutil
import re
import string

import pytest

import sprintlab.reporting as reporting
from sprintlab.reporting import note_words
from sprintlab.reporting.html import words_for
from sprintlab.reporting.html_words import EN
from sprintlab.reporting.html_words_nl import NL

# Words that are the same in Dutch and English (names, symbols, loanwords).
SAME_IN_BOTH = {
    "Variant", "variant", "Planning", "Downloads", "Factor", "prior", "interval",
    "software", "BIC", "Segment", "Log-likelihood", "{outcome} ({text})",
}  # fmt: skip


def _language_tables():
    """{name: table} of every {'en': ..., 'nl': ...} table in sprintlab.reporting.

    A table is named after the module that defines it, not one that imports it.
    """
    found = {}
    for info in pkgutil.iter_modules(reporting.__path__):
        module = importlib.import_module(f"sprintlab.reporting.{info.name}")
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            defined = re.search(rf"^{name}(: [^=]+)? = ", source, re.MULTILINE)
            if isinstance(value, dict) and {"en", "nl"} <= set(value) and defined:
                found[f"{info.name}.{name}"] = value
    return found


TABLES = _language_tables()


def _fields(text):
    """The placeholders of a format string."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _pairs(english, dutch, where):
    """(where, English, Dutch) of every string in two parallel word tables."""
    if isinstance(english, dict):
        assert set(english) == set(dutch), (
            where, sorted(set(english) ^ set(dutch))
        )  # fmt: skip
        for key in english:
            yield from _pairs(english[key], dutch[key], f"{where}.{key}")
    elif isinstance(english, tuple | list):
        assert len(english) == len(dutch), where
        for n, (en, nl) in enumerate(zip(english, dutch, strict=True)):
            yield from _pairs(en, nl, f"{where}[{n}]")
    else:
        yield where, english, dutch


def test_the_tables_are_found():
    # The walk finds the tables this file is about (a rename would hide them).
    for name in ("report_words.WORDS", "figures.WORDS", "survey_text.WORDS",
                 "factor_text.WORDS", "summary.SENTENCES"):  # fmt: skip
        assert name in TABLES


def test_every_english_html_word_has_a_dutch_one():
    assert sorted(set(EN) - set(NL)) == []
    assert sorted(set(NL) - set(EN)) == []  # a Dutch key without English: a typo
    dutch = words_for("nl")
    assert all(dutch[key] is NL[key] for key in EN)  # nothing falls back


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_language_table_says_the_same_in_dutch(name):
    table = TABLES[name]
    assert list(_pairs(table["en"], table["nl"], name))


@pytest.mark.parametrize(
    ("where", "english", "dutch"),
    [("html_words", EN, NL)] + [(name, t["en"], t["nl"]) for name, t in TABLES.items()],
    ids=["html_words", *TABLES],
)
def test_dutch_words_fill_the_same_blanks_and_are_no_copies(where, english, dutch):
    for place, en, nl in _pairs(english, dutch, where):
        if not isinstance(en, str):
            continue
        assert isinstance(nl, str) and nl.strip(), place
        assert _fields(en) == _fields(nl), place
        # Words of three letters or more: "p", "n" and "SD" are no language.
        worded = re.search(r"[^\W\d_]{3}", re.sub(r"{[^{}]*}", "", en))
        if worded and en not in SAME_IN_BOTH:
            assert en != nl, f"{place} is English in the Dutch table: {en!r}"


def test_each_dutch_note_fills_the_blanks_its_english_pattern_catches():
    for english, dutch in note_words.DUTCH:
        assert set(re.compile(english).groupindex) == _fields(dutch), english


def test_notes_of_the_statistics_are_said_in_dutch_part_by_part():
    note = (
        "3 missing ('don't know') answers left out; Hodges-Lehmann shift: "
        "zero-width interval (heavily tied answers): see the effect size instead"
    )
    assert note_words.note_text(note, "en") == note
    assert note_words.note_text(note, "nl") == (
        "3 ontbrekende antwoorden ('weet ik niet') weggelaten; "
        "Hodges-Lehmann-verschuiving: interval zonder breedte (veel gelijke "
        "antwoorden): lees liever de effectgrootte"
    )
    # A part no pattern knows is shown as the statistics wrote it.
    assert note_words.note_text("Cliff's delta: fewer than 5 per arm; new", "nl") == (
        "Cliff's delta: minder dan 5 per arm; new"
    )
