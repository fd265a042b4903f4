"""The grid, the debrief with its decide box, and the notes downloads."""

import csv
import io
import json
import re

import pytest

from tests.conftest import ROOT
from tests.testday_support import (
    KioskBot,
    app_rows,
    csrf_of,
    facilitator_link,
    log_in,
    post_note,
    read_grid,
    set_up,
    start,
)


@pytest.fixture
def day(app, client):
    """Five people through the kiosk in P1-P5; CLIENT is the researcher's."""
    log_in(app, client, "onderzoeker", "researcher")
    set_up(client)
    link = facilitator_link(client)
    kiosk = app.test_client()
    for slot in range(1, 6):
        start(kiosk, link, slot)
        KioskBot(kiosk, "sprint-sms", seed=slot).take()
        kiosk.delete_cookie("sl-sprint-sms", path="/s/sprint-sms")
    return client


def ratings_of(app, slot, variant):
    return app_rows(
        app,
        "SELECT a.question_id, a.value, a.dont_know FROM answers a"
        " JOIN testday_slots s ON s.participant_id = a.participant_id"
        " WHERE s.slot = ? AND a.variant_id = ?"
        " AND a.question_id IN ('helps', 'intrusive')",
        [slot, variant],
    )


def test_each_cell_holds_the_participants_notes_and_key_ratings(app, day):
    post_note(day, text="Vindt de coach te amicaal", slot="P2", variant="coach")
    post_note(day, text="Mist een telefoonnummer", slot="P2", variant="keuze")
    page = day.get("/research/sprint-sms/grid").get_data(as_text=True)
    cells, _ = read_grid(page)
    assert cells[("coach", "P2")] == ["Vindt de coach te amicaal"]
    assert cells[("keuze", "P2")] == ["Mist een telefoonnummer"]
    assert [k for k, texts in cells.items() if texts] == [
        ("coach", "P2"),
        ("keuze", "P2"),
    ]
    for question, value, dont_know in ratings_of(app, 2, "coach"):
        shown = "don't know" if dont_know else f"{value:g}"
        assert f"{question} <strong>{shown}</strong>" in page.replace("&#39;", "'")
    assert "All 5 participants have finished" in page


def test_the_grid_prints_on_a3_landscape():
    css = (ROOT / "sprintlab/static/testday-print.css").read_text()
    assert "@page { size: A3 landscape;" in css


def test_the_grid_page_links_its_print_stylesheet(app, day):
    page = day.get("/research/sprint-sms/grid").get_data(as_text=True)
    assert 'rel="stylesheet" media="print" href="/static/testday-print.css"' in page


def test_the_grid_updates_through_its_json(app, day):
    first = day.get("/research/sprint-sms/grid.json").get_json()
    post_note(day, text="Nieuw in het grid", slot="P1", variant="keuze")
    later = day.get(f"/research/sprint-sms/grid.json?since={first['version']}")
    assert "Nieuw in het grid" in later.get_json()["html"]["grid-table"]


def test_the_debrief_lists_patterns_quotes_and_what_five_people_can_show(app, day):
    for slot in (1, 2, 3):
        post_note(
            day,
            text=f"Negatief {slot}",
            slot=f"P{slot}",
            variant="coach",
            kind="negative",
        )
    post_note(
        day, text="Dit voelt als controle", slot="P4", variant="keuze", kind="quote"
    )
    page = day.get("/research/sprint-sms/debrief").get_data(as_text=True)
    assert "negative notes: 3 of 5 participants" in page
    assert "<q>Dit voelt als controle</q>" in page
    # The analysis's own sentence: no test can reach p < 0.05 with so few.
    assert "Significance is out of reach: with" in page
    assert "pairs no two-sided test can give p &lt; 0.05" in page
    assert "not complete yet" not in page
    assert 'id="decide"' in page


def test_the_debrief_says_when_the_day_is_not_over(app, client):
    log_in(app, client, "onderzoeker", "researcher")
    page = client.get("/research/sprint-sms/debrief").get_data(as_text=True)
    assert "Only 0 of 5 participants have finished" in page


def decide(client, **fields):
    page = client.get("/research/sprint-sms/debrief").get_data(as_text=True)
    key = page.split('name="form_key" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "form_key": key, **fields}
    return client.post("/research/sprint-sms/debrief", data=data), data


def test_the_team_decides_per_variant_and_the_decision_is_exported(app, day):
    response, data = decide(
        day,
        **{
            "decision-coach": "change",
            "reason-coach": "Te amicaal; bel 0612345678",
            "decision-keuze": "keep",
        },
    )
    assert response.status_code == 303
    assert day.post("/research/sprint-sms/debrief", data=data).status_code == 303
    assert app_rows(
        app, "SELECT variant_id, decision, reason FROM testday_decisions"
    ) == [
        ("coach", "change", "Te amicaal; bel [TELEFOON]"),
        ("keuze", "keep", ""),
    ]
    decide(day, **{"decision-coach": "drop", "reason-coach": "Toch niet"})
    exported = json.loads(day.get("/research/sprint-sms/notes.json").get_data())
    assert [(d["variant"], d["decision"]) for d in exported["decisions"]] == [
        ("coach", "drop"),
        ("keuze", "keep"),
    ]
    assert len(exported["decision_history"]) == 3
    rows = list(
        csv.DictReader(io.StringIO(day.get("/research/sprint-sms/notes.csv").text))
    )
    assert [(r["variant"], r["kind"], r["decision"], r["text"]) for r in rows] == [
        ("coach", "decision", "drop", "Toch niet"),
        ("keuze", "decision", "keep", ""),
    ]
    markdown = day.get("/research/sprint-sms/notes.md").text
    assert (
        "| Tone: warm, first name and informal address | drop | Toch niet |" in markdown
    )


@pytest.mark.parametrize(
    "fields, status, message",
    [
        ({}, 422, "Choose keep, change or drop for at least one variant."),
        (
            {"reason-keuze": "Waarom?"},
            422,
            "Choose keep, change or drop for the reason",
        ),
        ({"decision-keuze": "misschien"}, 400, ""),
    ],
)
def test_a_decide_form_with_slips_records_nothing(app, day, fields, status, message):
    response, _ = decide(day, **fields)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert app_rows(app, "SELECT count(*) FROM testday_decisions") == [(0,)]


def test_the_downloads_keep_spreadsheets_and_markdown_safe(app, day):
    post_note(day, text='=HYPERLINK("http://x")', slot="P1", variant="coach")
    post_note(day, text="a | b *c* <b>", slot="P1", variant="coach", tags="x|y")
    rows = list(
        csv.DictReader(io.StringIO(day.get("/research/sprint-sms/notes.csv").text))
    )
    assert rows[0]["text"] == '\'=HYPERLINK("http://x")'
    assert (
        json.loads(day.get("/research/sprint-sms/notes.json").text)["notes"][0]["text"]
        == '=HYPERLINK("http://x")'
    )
    markdown = day.get("/research/sprint-sms/notes.md").text
    assert "a \\| b \\*c\\* \\<b\\> (\\#x\\|y)" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| Tone"))
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 7  # variant, P1-P5, summary: no cell broke out
    response = day.get("/research/sprint-sms/notes.md")
    assert response.headers["Content-Disposition"].endswith("sprint-sms-notes.md")
    assert day.get("/research/sprint-sms/notes.xlsx").status_code == 404


def test_a_between_subjects_test_day_has_its_grid_and_debrief(app, client):
    log_in(app, client, "onderzoeker", "researcher")
    assert set_up(client, "2", study="vroegsignalering").status_code == 303
    link = facilitator_link(client, "vroegsignalering")
    kiosk = app.test_client()
    for slot in (1, 2):
        start(kiosk, link, slot)
        KioskBot(kiosk, "vroegsignalering", seed=slot).take()
    seen = dict(
        app_rows(
            app,
            "SELECT s.slot, a.variant_id FROM testday_slots s JOIN assignments a"
            " ON a.participant_id = s.participant_id",
        )
    )
    post_note(
        client, "vroegsignalering", text="Leest de brief twee keer", slot="P1",
        variant=seen[1],
    )  # fmt: skip
    cells, _ = read_grid(client.get("/research/vroegsignalering/grid").text)
    assert cells[(seen[1], "P1")] == ["Leest de brief twee keer"]
    grid = client.get("/research/vroegsignalering/grid").text
    assert grid.count('class="not-shown"') == 2 * 9 - 2  # nine variants, one seen each
    assert client.get("/research/vroegsignalering/debrief").status_code == 200
    markdown = client.get("/research/vroegsignalering/notes.md").text
    assert markdown.count("\n| ") == 2 + 9  # the header, its rule, a row a variant
