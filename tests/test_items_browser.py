"""The new items on a phone (390 px, it says it is one): one per screen, axe-clean.

Each new question screen (the two halves of the old double-barrelled items,
the B1 outcomes, legitimacy, the yes/no questions) and the segment page with
"Dat zeg ik liever niet" are checked with axe; so is the page after stopping,
which now shows the withdrawal code.
"""

import pytest

from tests.browser_walk import answer_visible

pytestmark = pytest.mark.browser

NEW_ITEMS = {
    "understand": "Ik begrijp wat er in dit bericht staat.",
    "next_step": "Na dit bericht weet ik wat ik kan doen.",
    "helps": "Als ik deze rekening had, zou dit bericht mij helpen.",
    "no_judgement": "Dit bericht oordeelt niet over mij.",
    "legitimacy": "Ik denk dat dit bericht echt van de gemeente komt.",
    "intrusive": "Dit bericht bemoeit zich te veel met mij.",
    "contact": "Als u dit bericht kreeg, zou u dan contact opnemen?",
    "scam": "Zou u bij dit bericht denken aan oplichting?",
}


def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    return context, context.new_page()


def consent(tab, url):
    tab.goto(f"{url}/s/vroegsignalering/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()


def send(tab):
    with tab.expect_navigation():
        tab.locator("form.questions button[type=submit]:visible").click()


def test_the_new_items_one_per_screen_on_a_phone(browser, live_server, axe):
    context, tab = phone(browser)
    consent(tab, live_server.url)
    with tab.expect_navigation():
        tab.locator(".to-screens a").click()
    seen = {}
    while "/q/" in tab.url:
        heading = tab.locator("h1").inner_text()
        found = [qid for qid, text in NEW_ITEMS.items() if text in heading]
        if found:
            seen[found[0]] = tab.url
            axe(tab)
            button = tab.locator("form.questions button[type=submit]")
            box = button.bounding_box()
            assert box["y"] + box["height"] <= 844  # Next on the first screen
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        if found and found[0] == "scam":
            assert tab.get_by_label("Ja").is_visible()
            assert tab.get_by_label("Weet ik niet").is_visible()
        answer_visible(tab)
        send(tab)
    assert set(seen) == set(NEW_ITEMS), seen
    assert "/about-you" in tab.url
    # The segment questions: a sensitive one offers "Dat zeg ik liever niet".
    life_event = tab.locator("#q-levensgebeurtenis")
    skip = life_event.get_by_label("Dat zeg ik liever niet")
    assert skip.is_visible() and life_event.get_by_label("Weet ik niet").count() == 0
    assert tab.locator("#q-vertrouwen").get_by_label("Weet ik niet").is_visible()
    assert tab.locator("#q-slechte_ervaring").get_by_text("Toeslagen").is_visible()
    skip.check()
    axe(tab)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    send(tab)
    assert "/thanks" in tab.url
    context.close()


def test_stopping_keeps_the_answers_and_shows_the_code_on_a_phone(
    browser, live_server, axe
):
    context, tab = phone(browser)
    consent(tab, live_server.url)
    with tab.expect_navigation():
        tab.locator(".stop-link").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Stoppen, antwoorden bewaren").click()
    code = tab.locator("p.code").inner_text()
    assert len(code) == 19 and code[4::5] == "---"
    assert tab.get_by_role("link", name="Mijn antwoorden wissen").is_visible()
    axe(tab)
    with tab.expect_navigation():
        tab.get_by_role("link", name="English").click()
    assert tab.locator("p.code").inner_text() == code
    axe(tab)
    context.close()
