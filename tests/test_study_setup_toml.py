import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlab.studio.setup import to_toml
from tests.conftest import ROOT


@pytest.mark.parametrize("name", ["vroegsignalering", "sprint-sms"])
def test_shipped_studies_read_back_equal(name):
    data = tomllib.loads((ROOT / "prototypes" / f"{name}.toml").read_text())
    assert tomllib.loads(to_toml(data)) == data


def test_tables_and_arrays_of_tables_are_written_as_sections():
    text = to_toml(
        {
            "id": "x",
            "title": {"nl": "Titel", "en": "Title"},
            # Real variants carry long texts: they are written as sections.
            "variants": [
                {"id": "a", "label": {"nl": "Een brief van de gemeente " * 4}},
                {"id": "b", "label": {"nl": "Een sms van de gemeente " * 4}},
            ],
            "empty": [],
        },
        comment="Made in a test.\nTwo lines.",
    )
    assert text.startswith("# Made in a test.\n# Two lines.\n\nid = ")
    assert "[title]" in text and text.count("[[variants]]") == 2
    assert "[variants.label]" in text and "empty = []" in text
    assert tomllib.loads(text)["variants"][1]["id"] == "b"


def test_awkward_strings_survive():
    value = 'quote " backslash \\ triple """ tab \t cr \r nul \x00 del \x7f é €'
    data = {"one": value, "multi": "line\n" + value + "\n", "key with space": 1}
    assert tomllib.loads(to_toml(data)) == data


def test_other_types_are_refused():
    with pytest.raises((TypeError, ValueError)):
        to_toml({"when": object()})


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(
            st.text(),
            st.integers(),
            st.booleans(),
            st.lists(st.text(max_size=5), max_size=3),
            st.dictionaries(st.sampled_from(["nl", "en"]), st.text()),
        ),
        max_size=5,
    )
)
def test_any_study_shaped_data_reads_back_equal(data):
    assert tomllib.loads(to_toml(data)) == data
