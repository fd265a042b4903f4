"""Two observers on phones (390 px) in chromium; axe checks the test-day pages."""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.http_bot import HttpParticipant, answers_for
from tests.server import ServerProcess
from tests.testday_support import (
    PASSWORD,
    STUDY,
    add_account,
    consent_on_kiosk,
    set_up_over_http,
    start_over_http,
)

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
A3_LANDSCAPE = (1190.55, 841.89)  # points


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """A server where P1 is on their second message, and three accounts."""
    database = tmp_path_factory.mktemp("testday-browser") / "day.db"
    add_account(database, "onderzoeker", "researcher")
    add_account(database, "lotte", "observer")
    add_account(database, "sam", "observer")
    with ServerProcess(database, content_root=ROOT) as server:
        researcher, link = set_up_over_http(server)
        device = HttpParticipant(server.url, STUDY)
        start_over_http(device, link, 1)
        first = consent_on_kiosk(device)
        page = device.request("GET", first)
        reply = device.request("POST", first, answers_for(page.text, lambda _, o: o[0]))
        assert reply.status == 303
        device.request("GET", reply.location)  # the second message is on screen
        researcher.close()
        device.close()
        server.facilitator_link = link
        yield server


def phone(browser, base, name):
    """A phone-sized tab with NAME logged in."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(base + "/login")
    tab.get_by_label("Name").fill(name)
    tab.get_by_label("Password").fill(PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Log in").click()
    return context, tab


def fits_the_width(tab):
    return tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_observers_see_each_others_notes_without_a_reload(browser, day, axe):
    lotte_context, lotte = phone(browser, day.url, "lotte")
    sam_context, sam = phone(browser, day.url, "sam")
    observe = f"{day.url}/research/{STUDY}/observe"
    lotte.goto(observe)
    sam.goto(observe)
    assert "message 2 of 3 on screen" in lotte.locator("#progress").inner_text()
    axe(lotte)
    assert fits_the_width(lotte)
    # A mark only this loaded page carries: a reload would wipe it.
    sam.evaluate("window.stillTheSamePage = true")
    lotte.get_by_label("What did you see or hear?").fill("Leest de sms hardop voor.")
    lotte.get_by_label("negative").check()
    lotte.get_by_label("Tags").fill("hardop")
    with lotte.expect_navigation():
        lotte.get_by_role("button", name="Add note").click()
    assert lotte.get_by_text("Note added: P1,").is_visible()
    axe(lotte)
    sam.locator("#notes").get_by_text("Leest de sms hardop voor.").wait_for(
        timeout=15_000
    )
    assert sam.evaluate("window.stillTheSamePage") is True
    assert sam.locator("#live-status").inner_text() == "1 new note."
    SHOTS.mkdir(exist_ok=True)
    sam.screenshot(path=SHOTS / "testday-observe.png", full_page=True)
    lotte_context.close()
    sam_context.close()


def test_the_grid_shows_new_notes_is_accessible_and_prints_on_a3(browser, day, axe):
    context, tab = phone(browser, day.url, "onderzoeker")
    tab.goto(f"{day.url}/research/{STUDY}/grid")
    axe(tab)
    tab.evaluate("window.stillTheSamePage = true")
    other_context, other = phone(browser, day.url, "sam")
    other.goto(f"{day.url}/research/{STUDY}/observe")
    other.get_by_label("What did you see or hear?").fill("Zoekt het telefoonnummer.")
    other.get_by_label("question").check()
    with other.expect_navigation():
        other.get_by_role("button", name="Add note").click()
    tab.locator("#grid-table").get_by_text("Zoekt het telefoonnummer.").wait_for(
        timeout=15_000
    )
    assert tab.evaluate("window.stillTheSamePage") is True
    axe(tab)
    tab.screenshot(path=SHOTS / "testday-grid.png", full_page=True)
    pdf = tab.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes
    for width, height in boxes:
        assert (float(width), float(height)) == pytest.approx(A3_LANDSCAPE, abs=1)
    tab.goto(f"{day.url}/research/{STUDY}/debrief")
    axe(tab)
    tab.goto(f"{day.url}/research/{STUDY}/test-day")
    axe(tab)
    tab.goto(f"{day.url}/test-days/")
    axe(tab)
    other_context.close()
    context.close()


def test_the_facilitator_starts_a_slot_on_the_kiosk(browser, day, axe):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    kiosk = context.new_page()
    kiosk.goto(day.url + day.facilitator_link)
    axe(kiosk)
    with kiosk.expect_navigation():
        kiosk.get_by_role("button", name="Start P2").click()
    assert kiosk.url.endswith(f"/s/{STUDY}?kiosk=1")
    assert kiosk.locator(".slot-label").inner_text() == "P2"
    axe(kiosk)
    context.close()
