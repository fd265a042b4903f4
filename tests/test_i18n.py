import re
from pathlib import Path

from sprintlab.content.readability import analyse_text
from sprintlab.i18n import STRINGS, translate

TEMPLATES = Path(__file__).resolve().parent.parent / "sprintlab" / "templates"


def test_every_string_has_dutch_and_english():
    for key, (dutch, english) in STRINGS.items():
        assert dutch.strip() and english.strip(), key
        assert dutch != english or key in ("stop",), key
        assert re.findall(r"{\w+}", dutch) == re.findall(r"{\w+}", english), key


def test_every_key_used_in_participant_pages_exists():
    used = set()
    for path in (TEMPLATES / "participant").glob("*.html"):
        used |= set(re.findall(r"t\('(\w+)'[,)]", path.read_text()))
    assert used and used <= set(STRINGS), used - set(STRINGS)


def test_translate_fills_values_and_falls_back_to_dutch():
    assert translate("step", "en", number=2, total=5) == "Step 2 of 5"
    assert translate("step", "fr", number=2, total=5) == "Stap 2 van 5"


def test_the_dutch_sentences_are_plain_dutch_at_b1():
    # Every full sentence a participant reads, numbers filled in, as one text.
    sentences = [
        re.sub(r"\{\w+\}", "3", dutch)
        for dutch, _ in STRINGS.values()
        if dutch.rstrip().endswith((".", "?", "!"))
    ]
    assert len(sentences) >= 20
    result = analyse_text(" ".join(sentences))
    assert result.meets_b1, result.advice
    assert result.long_sentences == ()
