import pytest

from sprintlab.content.messages import (
    is_template_id,
    load_template,
    parse_template,
    template_ids,
    template_path,
)
from sprintlab.content.problems import ContentError
from tests.conftest import ROOT

GOOD = """+++
channel = "sms"
sender = "Gemeente"
language = "nl"
description = "kort"
+++
Hallo {{ persona.first_name }}.
"""


def test_parse_splits_front_matter_and_body():
    template = parse_template(GOOD, "sms/kort", "nl")
    assert template.channel == "sms"
    assert template.front_matter["sender"] == "Gemeente"
    assert template.body == "Hallo {{ persona.first_name }}.\n"
    assert template.body_line == 7
    assert len(template.hash) == 64


def test_hash_changes_with_any_edit():
    edited = GOOD.replace("Hallo", "Hoi")
    assert (
        parse_template(GOOD, "sms/kort", "nl").hash
        != parse_template(edited, "sms/kort", "nl").hash
    )


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("Hallo", "1", "start the file"),
        ("+++\nchannel = 'sms'\nHallo", "1", "close the front matter"),
        (
            GOOD.replace('language = "nl"', 'language = "nl"\nkleur = "rood"'),
            "5 (kleur)",
            "unknown key",
        ),
        (GOOD.replace('sender = "Gemeente"\n', ""), "sender", "missing"),
        (
            GOOD.replace('channel = "sms"', 'channel = "letter"'),
            "channel",
            "messages/sms/",
        ),
        (GOOD.replace('language = "nl"', 'language = "en"'), "language", ".nl.md"),
        (GOOD.replace('sender = "Gemeente"', "sender = 3"), "sender", "text in quotes"),
        (GOOD.replace('sender = "Gemeente"', 'sender = "'), "front matter", "TOML"),
        (GOOD.split("Hallo")[0], "7", "body is empty"),
    ],
)
def test_problems_name_the_key_or_line(text, where, words):
    with pytest.raises(ContentError) as caught:
        parse_template(text, "sms/kort", "nl", "sms/kort.nl.md")
    problems = caught.value.problems
    assert any(p.where == where and words in p.message for p in problems), problems
    assert all(p.path == "sms/kort.nl.md" for p in problems)


def test_letters_need_a_subject_and_posters_a_title():
    letter = GOOD.replace('channel = "sms"', 'channel = "letter"')
    with pytest.raises(ContentError, match="a letter needs subject"):
        parse_template(letter, "letter/x", "nl")
    poster = GOOD.replace('channel = "sms"', 'channel = "poster"')
    with pytest.raises(ContentError, match="a poster needs title"):
        parse_template(poster, "poster/x", "nl")


@pytest.mark.parametrize(
    "name",
    [
        "../etc/passwd",
        "letter/../../x",
        "letter/Brief",
        "letter/a b",
        "/letter/a",
        "letter/a/b",
        "fax/a",
        "letter/",
        "letter/a.nl",
        "letter\\a",
        "",
    ],
)
def test_template_names_are_identifiers_never_paths(tmp_path, name):
    assert not is_template_id(name)
    with pytest.raises(ValueError, match="not a template name"):
        template_path(tmp_path, name, "nl")


def test_unknown_language_is_not_a_path_either(tmp_path):
    with pytest.raises(ValueError):
        template_path(tmp_path, "letter/a", "../nl")


def test_missing_template_is_a_content_error():
    with pytest.raises(ContentError, match="no template file"):
        load_template(ROOT / "messages", "letter/bestaat-niet", "nl")


def test_shipped_templates_are_listed_by_id():
    ids = template_ids(ROOT / "messages")
    assert "letter/controle" in ids and "sms/hulpaanbod" in ids
    assert {i.split("/")[0] for i in ids} == {"letter", "sms", "poster", "email"}
