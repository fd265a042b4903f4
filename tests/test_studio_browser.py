"""A designer edits a letter in chromium; a participant then sees the new version.

The server runs on a copy of the content, so saving never touches the checkout.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.content.folder import Content
from sprintlab.content.studies import Variant
from sprintlab.hashing import content_hash
from sprintlab.studio import setup as study_setup
from tests.browser_walk import walk_to_thanks
from tests.studio_support import PASSWORD, copy_content

pytestmark = [pytest.mark.browser, pytest.mark.server]
SHOTS = Path(__file__).parent / "screenshots"
NEW_SENTENCE = "Dit is een nieuwe zin uit de studio."
STUDY = "studio-proef"


@pytest.fixture(scope="module")
def studio_server(tmp_path_factory):
    """sprintlab serve on a content copy with a designer and a two-letter study."""
    from tests.server import ServerProcess

    folder = tmp_path_factory.mktemp("studio")
    content = Content(copy_content(folder / "content"))
    database = folder / "studio.db"
    db = store.open_db(database)
    add_user(db, "ontwerper", PASSWORD, "designer")
    request = study_setup.StudyRequest(
        study_id=STUDY,
        title={"nl": "Twee brieven", "en": "Two letters"},
        design="within",
        variants=tuple(
            Variant(id="", template=t, label={"nl": t, "en": t})
            for t in ("letter/controle", "letter/toon-warm")
        ),
        base=content.study("sprint-sms"),
    )
    study_setup.create_study(
        db, content.prototypes_dir, content.messages_dir, request, "ontwerper"
    )
    study_setup.change_state(db, STUDY, "open", "ontwerper")
    db.close()
    with ServerProcess(database, content_root=content.root) as server:
        server.content = content
        yield server


def log_in(tab, server, next_url):
    tab.goto(f"{server.url}/login?next={next_url}")
    tab.get_by_label("Name").fill("ontwerper")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(f"**{next_url}")


def test_designer_edits_a_letter_and_a_participant_sees_the_new_version(
    browser, studio_server
):
    server = studio_server
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    log_in(tab, server, "/studio/t/letter/controle?lang=nl")
    panel = tab.locator("#preview-panel")
    expect(panel).not_to_contain_text(NEW_SENTENCE)
    tab.evaluate("window.sameDocument = true")
    body = tab.locator("#body")
    body.fill(body.input_value() + f"\n{NEW_SENTENCE}\n")
    # The preview changes as the designer types: no reload, no button.
    expect(panel).to_contain_text(NEW_SENTENCE, timeout=10_000)
    expect(tab.locator("#preview-status")).to_have_text("Preview updated.")
    assert tab.evaluate("window.sameDocument") is True
    tab.screenshot(path=SHOTS / "studio-editor-live.png", full_page=True)
    tab.get_by_label("What did you change?").fill("Een zin erbij")
    tab.get_by_role("button", name="Save").click()
    expect(
        tab.get_by_role("heading", name="This template is in a running study")
    ).to_be_visible()
    tab.get_by_role("button", name="Yes, save the new version").click()
    expect(tab.get_by_text("Saved as version")).to_be_visible()
    path = server.content.messages_dir / "letter" / "controle.nl.md"
    saved_text = path.read_text(encoding="utf-8")
    assert NEW_SENTENCE in saved_text
    new_hash = content_hash(saved_text)

    person = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = person.new_page()
    phone.goto(f"{server.url}/s/{STUDY}/consent")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ik doe mee").click()
    seen = []

    def look(tab):
        # The message is shown first, open: no envelope to click.
        if tab.locator(".mockup-frame").count():
            seen.append(NEW_SENTENCE in tab.locator(".mockup-frame").inner_text())

    walk_to_thanks(phone, look)
    assert any(seen), "the participant never saw the new wording"
    person.close()

    db = store.open_db(server.database)
    hashes = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT a.template_hash FROM answers a"
            " JOIN participants p ON p.id = a.participant_id"
            " WHERE p.study_id = ? AND a.variant_id = 'controle'",
            [STUDY],
        )
    }
    db.close()
    assert hashes == {new_hash}

    tab.goto(f"{server.url}/studio/t/letter/controle/history?lang=nl")
    row = tab.locator("tr.current")
    expect(row).to_contain_text(new_hash[:12])
    expect(row).to_contain_text("ontwerper")
    expect(row).to_contain_text("Een zin erbij")
    expect(row).to_contain_text("from 1 participant")
    context.close()


def test_preview_button_works_without_javascript(browser, studio_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    log_in(tab, studio_server, "/studio/t/sms/coach?lang=nl")
    tab.locator("#body").fill("Hallo {{ persona.first_name }}, zonder JavaScript.")
    tab.get_by_role("button", name="Preview").click()
    expect(tab.locator("#preview-panel")).to_contain_text("zonder JavaScript.")
    tab.get_by_role("button", name="Another person").click()
    expect(tab.get_by_label("Persona number")).to_have_value("1")
    context.close()


STUDIO_PAGES = [
    "/studio/",
    "/studio/t/letter/controle?lang=nl",
    "/studio/t/sms/coach?lang=en",
    "/studio/t/poster/bushalte?lang=nl",
    "/studio/t/letter/controle/history?lang=nl",
    "/studio/t/letter/controle/diff?lang=nl",
    "/studio/compare?t=letter/controle&t=letter/toon-warm&t=sms/coach&t=poster/bushalte",
    "/studio/compare",
    "/studio/compare?study=vroegsignalering-factorieel&cell=gemeente-formeel-neutraal"
    "&cell=geldloket-warm-uitleg",
    "/studio/compare?study=vroegsignalering-factorieel",
    "/studio/studies",
    f"/studio/studies/{STUDY}",
    "/studio/studies/new",
]


def test_studio_pages_pass_axe_and_fit_a_phone(page, studio_server, axe):
    log_in(page, studio_server, "/studio/")
    for url in STUDIO_PAGES:
        page.goto(studio_server.url + url)
        assert page.locator("h1").count() == 1, url
        axe(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
        name = url.split("?")[0].strip("/").replace("/", "-")
        page.screenshot(path=SHOTS / f"{name}-390.png", full_page=True)


def test_error_and_confirmation_states_pass_axe(page, studio_server, axe):
    log_in(page, studio_server, "/studio/t/letter/keuze?lang=nl")
    page.locator("#body").fill("Beste {{ persona.__class__ }},\n")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("heading", name="This template is in a running study")
    ).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Yes, save the new version").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    axe(page)
    page.goto(f"{studio_server.url}/studio/studies/new")
    page.get_by_label("Study id").fill("zonder-varianten")
    page.get_by_label("Title in Dutch").fill("Geen")
    page.get_by_label("Title in English").fill("None")
    page.get_by_role("button", name="Check and create the study").click()
    expect(
        page.get_by_role("heading", name="The study was not created")
    ).to_be_visible()
    axe(page)
