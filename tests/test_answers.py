import pytest
from werkzeug.datastructures import MultiDict

from sprintlab.content.studies import parse_study
from sprintlab.fieldwork.answers import BadAnswer, parse_answers
from tests.conftest import DATA

STUDY = parse_study((DATA / "minimal" / "prototypes" / "mini.toml").read_text())


def parse(**fields):
    return parse_answers(STUDY.questions, MultiDict(fields))


def test_scale_yes_no_and_text():
    answers, errors = parse(
        **{"q-nuttig": "6", "q-contact": "no", "q-anders": " Korter "}
    )
    assert errors == {}
    assert [a.row() for a in answers] == [
        ("nuttig", 6.0, None, 0),
        ("contact", 0.0, None, 0),
        ("anders", None, "Korter", 0),
    ]


def test_dont_know_is_missing_data_not_a_scale_point():
    answers, _ = parse(**{"q-nuttig": "dk", "q-contact": "dk"})
    assert all(a.dont_know and a.value is None for a in answers)


def test_missing_required_answers_are_slips():
    answers, errors = parse(**{"q-contact": "yes"})
    assert errors == {"nuttig": "required"} and len(answers) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"q-nuttig": "8"},
        {"q-nuttig": "0"},
        {"q-nuttig": "abc"},
        {"q-nuttig": "6.5"},
        {"q-contact": "maybe"},
        {"q-onbekend": "1"},
        {"q-nuttig": "5\ufffd"},
    ],
)
def test_input_no_form_sends_is_refused(fields):
    with pytest.raises(BadAnswer):
        parse(**fields)


def test_a_field_sent_twice_is_refused():
    with pytest.raises(BadAnswer, match="more than once"):
        parse_answers(
            STUDY.questions, MultiDict([("q-nuttig", "1"), ("q-nuttig", "7")])
        )


def test_free_text_is_scrubbed_and_bounded():
    answers, _ = parse(
        **{
            "q-nuttig": "4",
            "q-contact": "yes",
            "q-anders": "Bel mij op 06-12345678 <script>x</script>",
        }
    )
    text = answers[-1].text
    assert "06-12345678" not in text and "[TELEFOON]" in text
    assert "<script>x</script>" in text  # stored as inert text, escaped on output
    _, errors = parse(**{"q-nuttig": "4", "q-contact": "yes", "q-anders": "x" * 2001})
    assert errors == {"anders": "too_long"}
