"""The data_use and rank questions on the real pages, through the test client.

A small study in its own content folder: a letter that lists the data it
used (and a poster that lists none), a data_use question, and a rank
segment question. Slips are shown back and store nothing; input no honest
form sends is refused; what is stored is exactly what was chosen.
"""

import re
import shutil

import pytest

from sprintlab import create_app
from tests.bot import Bot, forms
from tests.conftest import ROOT
from tests.evidence import app_rows as rows

STUDY = """
id = "mini"
version = 1
design = "between"
control = "brief"
primary_outcome = "nuttig"
layout = "{layout}"
title = {{ nl = "Mini", en = "Mini" }}
intro = {{ nl = "Intro", en = "Intro" }}
consent = {{ version = "1", nl = "Ja", en = "Yes" }}

[organisation]
name = {{ nl = "Lectoraat", en = "Research group" }}
email = "onderzoek@example.nl"
privacy = {{ nl = "Privacy", en = "Privacy" }}
retention = {{ nl = "Twee jaar", en = "Two years" }}

[[variants]]
id = "brief"
template = "letter/transparantie"
label = {{ nl = "Brief", en = "Letter" }}

[[variants]]
id = "poster"
template = "poster/bushalte"
label = {{ nl = "Poster", en = "Poster" }}

[[questions]]
id = "nuttig"
type = "likert7"
better = "higher"
text = {{ nl = "Nuttig.", en = "Useful." }}

[[questions]]
id = "gegevens"
type = "data_use"
text = {{ nl = "Vindt u het goed?", en = "Is that fine with you?" }}

[[segments]]
id = "kanaal"
type = "rank"
required = false
text = {{ nl = "Hoe hoort u het liefst over hulp?", en = "How to hear?" }}
options = [
  {{ id = "brief", nl = "Een brief", en = "A letter" }},
  {{ id = "sms", nl = "Een sms", en = "A text message" }},
  {{ id = "geen", nl = "Liever geen contact", en = "Rather no contact" }},
]
"""
LETTER_SOURCES = ["betalingsachterstand", "naam-adres", "telefoonnummer"]


def make_app(tmp_path, layout="grouped"):
    folder = tmp_path / "content"
    (folder / "prototypes").mkdir(parents=True)
    (folder / "prototypes" / "mini.toml").write_text(
        STUDY.format(layout=layout), encoding="utf-8"
    )
    shutil.copytree(ROOT / "messages", folder / "messages")
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "mini.db"),
            "CONTENT_ROOT": str(folder),
            "SECRET_KEY": "test",
        }
    )


def start(app, variant, language="nl"):
    """(client, message path) of a new participant assigned VARIANT."""
    for _ in range(6):  # balanced assignment: the arms take turns
        client = app.test_client()
        response = Bot(client, "mini", language=language).consent()
        assert response.status_code == 303
        (assigned,) = rows(
            app,
            "SELECT variant_id FROM assignments ORDER BY participant_id DESC LIMIT 1",
        )
        if assigned[0] == variant:
            return client, response.headers["Location"]
    pytest.fail(f"never assigned {variant}")


@pytest.fixture
def grouped(tmp_path):
    return make_app(tmp_path)


def message_form(client, path):
    html = client.get(path).get_data(as_text=True)
    return html, forms(html)[-1]


def test_the_letter_asks_about_each_piece_of_data_it_lists(grouped):
    app = grouped
    client, path = start(app, "brief")
    html, form = message_form(client, path)
    rows_asked = [n for n in form["radios"] if n.startswith("q-gegevens:")]
    assert rows_asked == [f"q-gegevens:{s}" for s in LETTER_SOURCES]
    assert all(form["radios"][n] == ["yes", "no", "dk"] for n in rows_asked)
    assert "Uw naam en adres" in html and "Uw telefoonnummer" in html
    data = dict(form["hidden"], **{"q-nuttig": "5"})
    data |= {"q-gegevens:betalingsachterstand": "yes", "q-gegevens:naam-adres": "no"}
    slip = client.post(path, data=data)  # one row left open: required
    assert slip.status_code == 422
    page = slip.get_data(as_text=True)
    assert "Kies bij elk gegeven een antwoord" in page
    assert 'class="data-source missing" id="q-gegevens:telefoonnummer"' in page
    assert 'value="no" checked' in page  # the rows given are kept
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0
    data["q-gegevens:telefoonnummer"] = "dk"
    assert client.post(path, data=data).status_code == 303
    stored = rows(
        app,
        "SELECT question_id, value, dont_know FROM answers ORDER BY question_id",
    )
    assert stored == [
        ("gegevens:betalingsachterstand", 1.0, 0),
        ("gegevens:naam-adres", 0.0, 0),
        ("gegevens:telefoonnummer", None, 1),
        ("nuttig", 5.0, 0),
    ]
    assert client.post(path, data=data).status_code == 409  # never twice


def test_a_message_without_data_is_not_asked_about_it(grouped):
    app = grouped
    client, path = start(app, "poster")
    html, form = message_form(client, path)
    assert not [n for n in form["radios"] if n.startswith("q-gegevens")]
    assert "Vindt u het goed?" not in html
    data = dict(form["hidden"], **{"q-nuttig": "3"})
    assert client.post(path, data=data).status_code == 303
    assert rows(app, "SELECT question_id FROM answers") == [("nuttig",)]


@pytest.mark.parametrize(
    "field, value",
    [
        ("q-gegevens:naam-adres", "misschien"),
        ("q-gegevens:inkomen", "yes"),  # a source this message does not list
    ],
)
def test_data_use_input_no_form_sends_is_refused(grouped, field, value):
    app = grouped
    client, path = start(app, "brief")
    _, form = message_form(client, path)
    data = dict(form["hidden"], **{"q-nuttig": "5"})
    data |= {f"q-gegevens:{s}": "yes" for s in LETTER_SOURCES}
    data[field] = value
    assert client.post(path, data=data).status_code == 400
    assert rows(app, "SELECT count(*) FROM answers")[0][0] == 0


def test_one_question_per_screen_keeps_each_row_as_a_draft(tmp_path):
    app = make_app(tmp_path, layout="one-per-screen")
    client, path = start(app, "brief")
    first = f"{path}/q/1"
    _, form = message_form(client, first)
    assert (
        client.post(first, data=dict(form["hidden"], **{"q-nuttig": "6"})).status_code
        == 303
    )
    second = f"{path}/q/2"
    html, form = message_form(client, second)
    assert "Vraag 2 van 2" in html  # the poster would have had one screen
    data = dict(form["hidden"], **{"q-gegevens:naam-adres": "yes"})
    slip = client.post(second, data=data)
    assert slip.status_code == 422
    data |= {"q-gegevens:betalingsachterstand": "no", "q-gegevens:telefoonnummer": "no"}
    assert client.post(second, data=data).status_code == 303
    stored = dict(rows(app, "SELECT question_id, value FROM answers"))
    assert stored == {
        "nuttig": 6.0,
        "gegevens:naam-adres": 1.0,
        "gegevens:betalingsachterstand": 0.0,
        "gegevens:telefoonnummer": 0.0,
    }
    assert rows(app, "SELECT count(*) FROM draft_answers")[0][0] == 0


def answer_message(client, path):
    _, form = message_form(client, path)
    data = dict(form["hidden"], **{"q-nuttig": "4"})
    data |= {n: "yes" for n in form["radios"] if n.startswith("q-gegevens:")}
    response = client.post(path, data=data)
    assert response.status_code == 303
    return response.headers["Location"]


def rank_form(client, path):
    html = client.get(path).get_data(as_text=True)
    return html, forms(html)[-1]


def test_the_rank_question_takes_each_place_once(grouped):
    app = grouped
    client, path = start(app, "poster")
    about_you = answer_message(client, path)
    assert about_you.endswith("/about-you")
    html, form = rank_form(client, about_you)
    names = ["q-kanaal:brief", "q-kanaal:sms", "q-kanaal:geen"]
    assert list(form["selects"]) == names
    assert all(form["selects"][n] == ["", "1", "2", "3"] for n in names)
    assert re.search(r'<label for="q-kanaal:brief">Een brief</label>', html)
    hidden = form["hidden"]
    twice = client.post(
        about_you, data=dict(hidden, **dict(zip(names, "112", strict=True)))
    )
    assert twice.status_code == 422
    assert "Gebruik elk nummer één keer" in twice.get_data(as_text=True)
    half = client.post(about_you, data=dict(hidden, **{names[0]: "1"}))
    assert half.status_code == 422
    assert "Geef elke mogelijkheid een eigen plaats" in half.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM segment_answers")[0][0] == 0
    done = client.post(
        about_you, data=dict(hidden, **dict(zip(names, "231", strict=True)))
    )
    assert done.status_code == 303
    assert rows(app, "SELECT question_id, value FROM segment_answers") == [
        ("kanaal", "geen,brief,sms")
    ]


def test_an_optional_ranking_may_be_left_open(grouped):
    app = grouped
    client, path = start(app, "poster")
    about_you = answer_message(client, path)
    _, form = rank_form(client, about_you)
    empty = {n: "" for n in form["selects"]}
    assert client.post(about_you, data=dict(form["hidden"], **empty)).status_code == 303
    assert rows(app, "SELECT count(*) FROM segment_answers")[0][0] == 0
    assert rows(app, "SELECT count(*) FROM participants WHERE completed_at")[0][0] == 1


@pytest.mark.parametrize("place", ["4", "0", "een"])
def test_a_place_off_the_list_is_refused(grouped, place):
    app = grouped
    client, path = start(app, "poster")
    about_you = answer_message(client, path)
    _, form = rank_form(client, about_you)
    data = dict(form["hidden"], **{"q-kanaal:brief": place, "q-kanaal:sms": "1"})
    data["q-kanaal:geen"] = "2"
    assert client.post(about_you, data=data).status_code == 400
    assert rows(app, "SELECT count(*) FROM segment_answers")[0][0] == 0


def test_english_labels_for_the_data_and_the_options(grouped):
    client, path = start(grouped, "brief", language="en")
    html = client.get(path).get_data(as_text=True)
    assert "Your name and address" in html and "Uw naam en adres" not in html
    assert "For each piece of information, choose yes, no or don" in html
