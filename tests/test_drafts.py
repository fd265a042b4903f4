from datetime import date

import pytest

from sprintlab.content.messages import template_files
from sprintlab.studio.drafts import (
    BODY,
    FRONT,
    compare_templates,
    compose,
    locate,
    review_draft,
    split,
)
from sprintlab.studio.textdiff import ADDED
from tests.conftest import ROOT

TODAY = date(2026, 11, 28)
FRONT_MATTER = """channel = "letter"
sender = "Gemeente {{ persona.municipality }}"
subject = "Hulp bij een rekening"
language = "nl"
description = "test\""""


def draft(body, front=FRONT_MATTER):
    return compose(front, body)


@pytest.mark.parametrize(
    "path", [path for _, _, path in template_files(ROOT / "messages")], ids=str
)
def test_split_and_compose_give_back_every_shipped_file(path):
    text = path.read_text(encoding="utf-8")
    assert compose(*split(text)) == text


def test_compose_normalises_line_ends_and_ends_with_a_newline():
    assert (
        compose('a = "1"\r\n', "Hallo\r\nwereld")
        == '+++\na = "1"\n+++\nHallo\nwereld\n'
    )


def test_locate_places_a_file_line_in_the_body_or_the_front_matter():
    text = draft("Beste lezer,\n\nRegel drie.\n")
    body = locate(text, "wrong", line=10)
    assert (body.field, body.line, body.line_text) == (BODY, 3, "Regel drie.")
    assert body.where == "Message text, line 3"
    front = locate(text, "wrong", where="3 (sender)")
    assert (front.field, front.line) == (FRONT, 2)
    assert front.line_text.startswith("sender =")
    missing = locate(text, "missing", where="setting")
    assert missing.where == "Front matter: setting"


def test_a_clean_draft_is_previewed_and_screened():
    report = review_draft(
        draft("Beste {{ persona.first_name }},\n\nWij helpen u graag.\n"),
        "letter/test",
        "nl",
        seed=3,
        today=TODAY,
    )
    assert report.ok and 'class="mockup letter"' in report.preview.html
    assert report.readability.words > 0 and report.sms is None


def test_an_unknown_field_is_reported_at_its_line():
    report = review_draft(
        draft("Beste {{ persona.first_name }},\n\nUw {{ persona.iban }}.\n"),
        "letter/test",
        "nl",
        today=TODAY,
    )
    [error] = report.errors
    assert (error.field, error.line) == (BODY, 3) and "iban" in error.message
    assert report.preview is None


def test_a_toml_error_is_placed_in_the_front_matter():
    report = review_draft(
        draft("Hallo\n", front='channel = "letter"\nsender = oops'),
        "letter/test",
        "nl",
        today=TODAY,
    )
    assert report.errors[0].field == FRONT and report.errors[0].line == 2


def test_injection_in_the_sender_is_refused():
    front = FRONT_MATTER.replace("Gemeente", "{{ ''.__class__ }}")
    report = review_draft(draft("Hallo\n", front), "letter/test", "nl", today=TODAY)
    assert not report.ok and "sender" in report.errors[0].message


def test_sms_drafts_count_segments_and_english_skips_the_dutch_screen():
    front = 'channel = "sms"\nsender = "Gemeente"\nlanguage = "en"\ndescription = "t"'
    report = review_draft(draft("Hello " * 40, front), "sms/test", "en", today=TODAY)
    assert report.sms.segments == 2 and report.sms.encoding == "GSM-7"
    assert report.readability is None


def test_compare_marks_what_differs_from_the_first(content):
    columns = compare_templates(
        lambda t: content.template(t, "nl"),
        ["letter/controle", "letter/toon-warm", "sms/coach"],
        seed=1,
        today=TODAY,
    )
    assert [c.template_id for c in columns] == [
        "letter/controle",
        "letter/toon-warm",
        "sms/coach",
    ]
    assert columns[0].runs == ()
    assert any(run.kind == ADDED for run in columns[1].runs)
    assert columns[2].sms is not None and columns[1].readability is not None


def test_compare_shows_a_template_that_cannot_be_read(content):
    columns = compare_templates(
        lambda t: content.template(t, "nl"), ["letter/controle", "letter/nope"]
    )
    assert columns[1].error and columns[1].preview is None
