"""Editing templates in the studio: preview, save, confirm, refuse, history, compare."""

import html
import re

import pytest

from sprintlab import db as store
from sprintlab.hashing import content_hash
from sprintlab.studio.drafts import split
from tests.sandbox_payloads import INJECTIONS, REFUSALS
from tests.studio_support import csrf, log_in, snapshot, studio_app

EDITOR = "/studio/t/letter/controle"


@pytest.fixture
def app(tmp_path):
    return studio_app(tmp_path)


@pytest.fixture
def designer(app):
    client = app.test_client()
    log_in(client, "designer")
    return client


def file_of(app, template_id="letter/controle", language="nl"):
    root = app.extensions["sprintlab.content"].messages_dir
    return root / f"{template_id}.{language}.md"


def edit_form(client, app, body=None, **fields):
    """The editor's form for letter/controle (nl), with BODY in place of its text."""
    page = client.get(f"{EDITOR}?lang=nl").get_data(as_text=True)
    front, old_body = split(file_of(app).read_text(encoding="utf-8"))
    base_hash = re.search(r'name="base_hash" value="([0-9a-f]+)"', page).group(1)
    return {
        "csrf_token": csrf(client, f"{EDITOR}?lang=nl"),
        "lang": "nl",
        "front": front,
        "body": old_body if body is None else body,
        "seed": "0",
        "base_hash": base_hash,
        **fields,
    }


def edits(app, template_id="letter/controle", language="nl"):
    db = store.open_db(app.config["DATABASE"])
    rows = store.template_edits(db, template_id, language)
    db.close()
    return rows


def test_preview_without_javascript_shows_the_draft(designer, app):
    form = edit_form(
        designer, app, body="Beste {{ persona.first_name }},\n\nNIEUWE ZIN.\n"
    )
    page = designer.post(EDITOR, data={**form, "action": "preview"}).get_data(
        as_text=True
    )
    assert "NIEUWE ZIN." in page and 'class="mockup letter"' in page
    assert "NIEUWE ZIN" not in file_of(app).read_text(encoding="utf-8")


def test_another_person_changes_the_persona(designer, app):
    form = edit_form(designer, app)
    first = designer.post(EDITOR, data={**form, "action": "preview"}).get_data(
        as_text=True
    )
    other = designer.post(EDITOR, data={**form, "action": "another"}).get_data(
        as_text=True
    )
    assert 'value="1" form="editor-form"' in other
    assert first != other


def test_the_live_preview_panel_has_readability_and_sms_figures(designer, app):
    token = csrf(designer, "/studio/t/sms/coach?lang=nl")
    front, body = split(file_of(app, "sms/coach").read_text(encoding="utf-8"))
    panel = designer.post(
        "/studio/t/sms/coach/preview",
        data={"csrf_token": token, "lang": "nl", "front": front, "body": body},
    ).get_data(as_text=True)
    assert "Flesch–Douma" in panel and "B1: 60 or more" in panel
    assert "Words per sentence" in panel and "Passive voice?" in panel
    assert "Segments" in panel and "GSM-7" in panel
    assert "<html" not in panel


def test_errors_are_shown_at_their_line(designer, app):
    body = "Beste {{ persona.first_name }},\n\nUw {{ persona.iban }} staat open.\n"
    form = edit_form(designer, app, body=body)
    page = designer.post(EDITOR, data={**form, "action": "preview"}).get_data(
        as_text=True
    )
    assert "Message text, line 3" in page and "iban" in page
    assert "Uw {{ persona.iban }} staat open." in page


def test_saving_writes_the_file_and_records_the_version(designer, app):
    before = file_of(app).read_text(encoding="utf-8")
    body = split(before)[1].replace("Wij bieden u", "Wij bieden u graag")
    form = edit_form(designer, app, body=body, message="warmer")
    response = designer.post(EDITOR, data={**form, "action": "save", "confirm": "1"})
    assert response.status_code == 303
    after = file_of(app).read_text(encoding="utf-8")
    assert "Wij bieden u graag" in after
    [edit] = edits(app)
    assert edit["author"] == "designer" and edit["message"] == "warmer"
    assert edit["hash"] == content_hash(after)
    assert f"Saved as version {edit['hash'][:12]}" in designer.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert not list(file_of(app).parent.glob(".*.tmp"))


def test_editing_a_template_of_a_running_study_asks_for_confirmation(designer, app):
    before = file_of(app).read_bytes()
    form = edit_form(designer, app, body="Beste {{ persona.first_name }},\n\nKort.\n")
    asked = designer.post(EDITOR, data={**form, "action": "save"})
    assert asked.status_code == 409
    page = asked.get_data(as_text=True)
    assert "in a running study" in page and "vroegsignalering" in page
    assert 'name="confirm" value="1"' in page
    assert file_of(app).read_bytes() == before and edits(app) == []
    confirmed = designer.post(EDITOR, data={**form, "confirm": "1"})
    assert confirmed.status_code == 303
    assert "Kort." in file_of(app).read_text(encoding="utf-8")


def test_a_paused_study_does_not_ask_for_confirmation(designer, app):
    token = csrf(designer, "/studio/studies/sprint-sms")
    paused = designer.post(
        "/studio/studies/sprint-sms/state",
        data={"csrf_token": token, "state": "paused"},
    )
    assert paused.status_code == 303
    db = store.open_db(app.config["DATABASE"])
    assert store.study_state(db, "sprint-sms") == "paused"
    db.close()
    token = csrf(designer, "/studio/t/sms/coach?lang=nl")
    front, body = split(file_of(app, "sms/coach").read_text(encoding="utf-8"))
    response = designer.post(
        "/studio/t/sms/coach",
        data={
            "csrf_token": token,
            "lang": "nl",
            "front": front,
            "body": body.replace("Hallo", "Hoi"),
            "action": "save",
        },
    )
    assert response.status_code == 303
    saved = file_of(app, "sms/coach").read_text(encoding="utf-8")
    assert "Hallo" in body and "Hoi" in saved and "Hallo" not in saved
    assert len(edits(app, "sms/coach")) == 1


@pytest.mark.parametrize("payload", INJECTIONS)
def test_template_injection_is_refused_in_the_editor(designer, app, payload):
    before = snapshot(app.extensions["sprintlab.content"].root)
    body = f"Beste {{{{ persona.first_name }}}},\n\n{payload}\n"
    form = edit_form(designer, app, body=body)
    response = designer.post(EDITOR, data={**form, "action": "save", "confirm": "1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    assert "Message text, line 3" in page
    summary = page[page.index('id="error-summary"') :].lower()
    assert any(word in summary for word in REFUSALS), summary[:600]
    assert "&lt;class" not in page and "<class" not in page
    assert snapshot(app.extensions["sprintlab.content"].root) == before
    assert edits(app) == []


def test_injection_in_the_front_matter_is_refused_too(designer, app):
    form = edit_form(designer, app)
    form["front"] = form["front"].replace(
        'sender = "', "sender = \"{{ ''.__class__.__mro__ }} "
    )
    response = designer.post(EDITOR, data={**form, "action": "save", "confirm": "1"})
    assert response.status_code == 422
    assert "in sender" in response.get_data(as_text=True)
    assert edits(app) == []


def test_saving_an_unchanged_text_records_nothing(designer, app):
    form = edit_form(designer, app)
    response = designer.post(EDITOR, data={**form, "action": "save", "confirm": "1"})
    assert response.status_code == 303 and edits(app) == []
    assert "Nothing changed" in designer.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_a_stale_draft_is_not_saved_over_someone_elses_version(designer, app):
    form = edit_form(designer, app, body="Beste {{ persona.first_name }},\n\nEen.\n")
    other = app.test_client()
    log_in(other, "admin")
    second = edit_form(other, app, body="Beste {{ persona.first_name }},\n\nTwee.\n")
    assert other.post(EDITOR, data={**second, "confirm": "1"}).status_code == 303
    stale = designer.post(EDITOR, data={**form, "confirm": "1"})
    assert stale.status_code == 409
    assert "Someone else saved this template" in stale.get_data(as_text=True)
    assert "Twee." in file_of(app).read_text(encoding="utf-8")


def save(client, app, body, message=""):
    form = edit_form(client, app, body=body, message=message)
    assert client.post(EDITOR, data={**form, "confirm": "1"}).status_code == 303
    return content_hash(file_of(app).read_text(encoding="utf-8"))


def test_history_diff_and_restore(designer, app):
    original = content_hash(file_of(app).read_text(encoding="utf-8"))
    first = save(designer, app, "Beste {{ persona.first_name }},\n\nEen.\n", "een")
    second = save(designer, app, "Beste {{ persona.first_name }},\n\nTwee.\n", "twee")
    history = designer.get(f"{EDITOR}/history?lang=nl").get_data(as_text=True)
    for digest in (original, first, second):
        assert digest[:12] in history
    assert history.index(second[:12]) < history.index(first[:12])
    assert "een" in history and "twee" in history and "designer" in history
    diff = designer.get(f"{EDITOR}/diff?lang=nl&a={first}&b={second}")
    text = diff.get_data(as_text=True)
    assert '<del><span class="visually-hidden">removed: </span>Een.</del>' in text
    assert '<ins><span class="visually-hidden">added: </span>Twee.</ins>' in text
    evil = "Beste {{ persona.first_name }},\n\n<script>alert(1)</script>\n"
    third = save(designer, app, evil)
    escaped = designer.get(f"{EDITOR}/diff?lang=nl&a={second}&b={third}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped.get_data(as_text=True)
    assert designer.get(f"{EDITOR}/diff?lang=nl&a={'f' * 64}").status_code == 404
    token = csrf(designer, f"{EDITOR}/history?lang=nl")
    restore = {"csrf_token": token, "lang": "nl", "hash": original}
    asked = designer.post(f"{EDITOR}/restore", data=restore)
    assert asked.status_code == 409 and "Yes, restore version" in asked.get_data(
        as_text=True
    )
    done = designer.post(f"{EDITOR}/restore", data={**restore, "confirm": "1"})
    assert done.status_code == 303
    assert content_hash(file_of(app).read_text(encoding="utf-8")) == original
    latest = edits(app)[-1]
    assert latest["restored_from"] == original and latest["hash"] == original


def test_restore_refuses_a_version_of_another_template(designer, app):
    other = save(designer, app, "Beste {{ persona.first_name }},\n\nEen.\n")
    token = csrf(designer, "/studio/")
    response = designer.post(
        "/studio/t/letter/keuze/restore",
        data={"csrf_token": token, "lang": "nl", "hash": other, "confirm": "1"},
    )
    assert response.status_code == 404


def test_duplicate_makes_a_new_variant_in_both_languages(designer, app):
    token = csrf(designer, "/studio/")
    response = designer.post(
        f"{EDITOR}/duplicate", data={"csrf_token": token, "new_name": "controle-kort"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/studio/t/letter/controle-kort")
    for language in ("nl", "en"):
        copy = file_of(app, "letter/controle-kort", language).read_text(
            encoding="utf-8"
        )
        assert copy == file_of(app, "letter/controle", language).read_text(
            encoding="utf-8"
        )
        assert edits(app, "letter/controle-kort", language)[0]["message"].startswith(
            "Copied"
        )
    again = designer.post(
        f"{EDITOR}/duplicate", data={"csrf_token": token, "new_name": "controle-kort"}
    )
    assert again.status_code == 303
    assert "already a template" in designer.get(again.headers["Location"]).get_data(
        as_text=True
    )


def test_compare_shows_variants_side_by_side_with_differences_marked(designer):
    page = designer.get(
        "/studio/compare?t=letter/controle&t=letter/toon-warm&t=sms/coach&seed=2"
    ).get_data(as_text=True)
    assert page.count('class="compare-column"') == 3
    assert page.count("What differs from") == 2
    assert "<ins>" in page and "<del>" in page
    assert 'class="mockup letter"' in page and 'class="mockup sms"' in page
    five = "&".join(
        f"t={t}"
        for t in (
            "letter/controle",
            "letter/keuze",
            "sms/coach",
            "sms/keuze",
            "poster/bushalte",
        )
    )
    assert designer.get(f"/studio/compare?{five}").status_code == 400
    one = designer.get("/studio/compare?t=letter/controle").get_data(as_text=True)
    assert "Choose at least two templates" in one


def test_compare_shows_the_manipulation_check_with_the_studys_factors(designer):
    plain = designer.get(
        "/studio/compare?t=letter/controle&t=letter/afzender-geldloket"
    ).get_data(as_text=True)
    assert plain.count(">Manipulation check</h4>") == 1  # under the second column
    # Without a study the factor is unknown, so another sender is a warning.
    assert "Warning: nl: the sender differs from the control" in html.unescape(plain)
    declared = designer.get(
        "/studio/compare?t=letter/controle&t=letter/afzender-geldloket"
        "&study=vroegsignalering"
    ).get_data(as_text=True)
    text = html.unescape(declared)
    assert "afzender-geldloket (sender = geldloket), nl: " in text
    assert "Warning:" not in text and "Over het Geldloket" in text
    assert "<del>Over team Geldzaken</del>" in text
    assert designer.get("/studio/compare?t=a&t=b&study=nope").status_code == 400
    page = designer.get("/studio/studies/vroegsignalering").get_data(as_text=True)
    assert "sender = geldloket" in page
    assert "study=vroegsignalering" in page and "compare with the control" in page


def test_compare_puts_cells_of_a_factorial_study_side_by_side(designer):
    study = "vroegsignalering-factorieel"
    page = designer.get(f"/studio/studies/{study}").get_data(as_text=True)
    link = html.unescape(page).split("compare with the control cell")[0]
    assert f"study={study}" in link and "cell=gemeente-formeel-neutraal" in link
    three = designer.get(
        f"/studio/compare?study={study}&cell=gemeente-formeel-neutraal"
        "&cell=gemeente-formeel-uitleg&cell=geldloket-warm-neutraal&seed=1"
    ).get_data(as_text=True)
    text = html.unescape(three)
    assert three.count('class="compare-column"') == 3
    # Each column is its cell: the box of "uitleg", the sender of "geldloket".
    columns = text.split('class="compare-column"')[1:]
    assert "Waarom krijgt u deze brief?" in columns[1]
    assert "Waarom krijgt u deze brief?" not in columns[0]
    assert "Geldloket" in columns[2] and "Geldloket" not in columns[0]
    # The check names the factors in which a cell differs from the first.
    assert "gemeente-formeel-uitleg (transparantie = uitleg), nl: " in text
    assert "geldloket-warm-neutraal (afzender + toon = geldloket, warm), nl: " in text
    assert "Warning:" not in text  # another sender is a factor here, no confound
    # Cells that are not the study's, or too many, are refused.
    bad = f"/studio/compare?study={study}&cell=gemeente-formeel-neutraal&cell=nope"
    assert designer.get(bad).status_code == 400
    cells = [v.id for v in designer.application.extensions[
        "sprintlab.content"].study(study).variants]  # fmt: skip
    five = "&".join(f"cell={v}" for v in cells[:5])
    assert designer.get(f"/studio/compare?study={study}&{five}").status_code == 400
    one = designer.get(f"/studio/compare?study={study}&cell=gemeente-warm-uitleg")
    assert "Choose at least two cells" in one.get_data(as_text=True)
