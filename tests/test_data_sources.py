"""The data a message says it used, the data_use question and the rank question."""

import re

import pytest

from sprintlab.content import data_sources
from sprintlab.content.messages import read_template
from sprintlab.content.problems import ERROR
from sprintlab.content.studies import read_study
from tests import synthetic
from tests.conftest import ROOT

LETTER = """+++
channel = "letter"
sender = "Gemeente"
subject = "Hulp"
language = "nl"
description = "d"
{extra}
+++
Beste {{{{ persona.addressed_as }}}},
"""


def errors(problems):
    return [p for p in problems if p.level == ERROR]


def test_every_source_has_a_label_in_both_languages_and_is_documented():
    found = data_sources.vocabulary()
    assert "naam-adres" in found and len(found) >= 8
    for labels in found.values():
        assert labels["nl"].strip() and labels["en"].strip()
    doc = (ROOT / "docs" / "studies.md").read_text(encoding="utf-8")
    table = doc[doc.index("<!-- data sources -->") :].splitlines()[3:]
    rows = {}
    for line in table:
        if not line.startswith("|"):
            break
        source, nl, en = (cell.strip() for cell in line.strip("|").split("|"))
        rows[source.strip("`")] = {"nl": nl, "en": en}
    assert rows == found


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('data_used = ["bsn"]', 'unknown data source "bsn"'),
        ('data_used = ["inkomen", "inkomen"]', "names inkomen more than once"),
        ('data_used = "inkomen"', "must be a list of data source ids"),
        ('data_explained = "ja"', "must be true or false"),
    ],
)
def test_front_matter_refuses_bad_data_lists(extra, message):
    template, problems = read_template(
        LETTER.format(extra=extra), "letter/x", "nl", "messages/letter/x.nl.md"
    )
    assert template is None
    assert any(message in p.message for p in errors(problems)), problems


def test_front_matter_keeps_the_data_in_order():
    extra = 'data_used = ["naam-adres", "inkomen"]\ndata_explained = true'
    text = LETTER.format(extra=extra)
    template, problems = read_template(text, "letter/x", "nl")
    assert template is not None and not errors(problems)
    assert data_sources.data_used(template.front_matter) == ("naam-adres", "inkomen")
    assert data_sources.data_explained(template.front_matter)
    assert data_sources.item_id("gegevens", "inkomen") == "gegevens:inkomen"
    assert data_sources.split_item("gegevens:inkomen") == ("gegevens", "inkomen")
    assert data_sources.split_item("nuttig") == ("nuttig", None)


DATA_USE = """
[[questions]]
id = "gegevens"
type = "data_use"
text = { nl = "Goed?", en = "Fine?" }
"""


def rank(options):
    listed = ", ".join(
        f'{{ id = "o{n}", nl = "O{n}", en = "O{n}" }}' for n in range(options)
    )
    return f"""
[[segments]]
id = "kanaal"
type = "rank"
required = false
text = {{ nl = "Volgorde?", en = "Order?" }}
options = [{listed}]
"""


def test_a_data_use_question_is_no_rating_question():
    text = synthetic.study(arms=2).text + DATA_USE + rank(3)
    study = read_study(text).study
    assert [q.id for q in study.data_use_questions] == ["gegevens"]
    assert "gegevens" not in {q.id for q in study.rated_questions}
    assert [q.id for q in study.rank_questions] == ["kanaal"]
    assert study.indicators == () and study.tested_segments == ()


def test_a_data_use_question_cannot_be_the_primary_outcome():
    text = synthetic.study(arms=2).text.replace(
        'primary_outcome = "usefulness"', 'primary_outcome = "gegevens"'
    )
    reading = read_study(text + DATA_USE)
    assert reading.study is None
    assert any("must be a rating question id" in p.message for p in reading.problems)


def test_a_rank_question_has_at_most_ten_options():
    reading = read_study(synthetic.study(arms=2).text + rank(11))
    assert reading.study is None
    assert any(
        re.search("at most 10 for a rank question; got 11", p.message)
        for p in reading.problems
    )
    assert read_study(synthetic.study(arms=2).text + rank(10)).study is not None
