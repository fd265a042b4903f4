"""People take the shipped studies in chromium at 320, 390 and 1280 px; axe checks.

At 390 px the browser is a phone (it says so), so `layout = "auto"` asks one
question per screen; at 320 px a narrow desktop window gets the same through
CSS; at 1280 px the questions are grouped under the message.
"""

from pathlib import Path

import pytest

from tests.browser_walk import (
    answer_visible,
    letter_text_sizes,
    next_page,
    walk_to_thanks,
)

SHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {320: False, 390: True, 1280: False}  # width: the browser says it is a phone

pytestmark = pytest.mark.browser


def new_tab(browser, width, **options):
    phone = WIDTHS[width]
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 1000 else 800},
        is_mobile=phone,
        has_touch=phone,
        **options,
    )
    return context, context.new_page()


def check_landing_and_consent(tab, axe, width):
    assert tab.locator(".stop-link").count() == 0  # nothing started yet
    axe(tab)
    with tab.expect_navigation():
        tab.get_by_role("link", name="Begin").click()
    assert tab.locator(".stop-link").count() == 0
    stored = tab.locator("#consent-stored ~ ul li")
    assert stored.count() >= 4 and stored.first.is_visible()
    contact = tab.locator("a[href^='mailto:']")
    assert contact.is_visible() and "@" in contact.inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    axe(tab)


def check_message_page(tab, axe, width):
    """The message is there without a click, readable, and nothing is folded."""
    assert tab.locator("article.mockup").is_visible()
    assert tab.locator("details").count() == 0
    for name, size in letter_text_sizes(tab):
        assert size >= 12, (name, size)
    for paragraph in tab.locator("article.mockup.letter .body p").all():
        assert paragraph.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    questions = tab.locator("form.questions")
    one_per_screen = tab.locator(".to-screens a")
    if width < 1000:
        assert one_per_screen.is_visible()
        assert questions.count() == 0 or not questions.is_visible()
    else:
        assert questions.is_visible() and not one_per_screen.is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    axe(tab)


@pytest.mark.parametrize(
    ("width", "study_id"),
    [(320, "vroegsignalering"), (390, "vroegsignalering"), (390, "sprint-sms"),
     (1280, "vroegsignalering")],
)  # fmt: skip
def test_a_participant_completes_the_study(browser, live_server, axe, width, study_id):
    context, tab = new_tab(browser, width)
    SHOTS.mkdir(exist_ok=True)
    tab.goto(f"{live_server.url}/s/{study_id}")
    check_landing_and_consent(tab, axe, width)
    tab.screenshot(path=SHOTS / f"flow-{study_id}-{width}-consent.png", full_page=True)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    seen = []

    def each_page(tab):
        assert tab.locator("h1").count() == 1
        assert tab.locator(".stop-link").count() == 1
        path = tab.url.split("/s/", 1)[1]
        if "/q/" not in path and "/about-you" not in path:
            check_message_page(tab, axe, width)
        elif path.endswith("/q/1") or "/about-you" in path:
            axe(tab)
        if "/q/" in path and width < 1000:
            # One question per screen: its Next button is on the first screen.
            button = tab.locator("form.questions button[type=submit]")
            assert button.bounding_box()["y"] + button.bounding_box()["height"] <= 844
        tab.screenshot(path=SHOTS / f"flow-{study_id}-{width}-{len(seen)}.png")
        seen.append(path)

    walk_to_thanks(tab, each_page)
    if width < 1000:
        assert any("/q/" in path for path in seen)
    else:
        assert not any("/q/" in path for path in seen)
    axe(tab)
    assert len(tab.locator("p.code").inner_text()) == 19  # four groups of four
    context.close()


def test_letters_are_legible_in_the_gallery_at_390(browser, live_server):
    context, tab = new_tab(browser, 390)
    tab.goto(f"{live_server.url}/gallery/vroegsignalering")
    sizes = letter_text_sizes(tab)
    assert len(tab.locator("article.mockup.letter").all()) >= 6 and sizes
    small = [(name, size) for name, size in sizes if size < 12]
    assert not small, small
    body = tab.eval_on_selector_all(
        "article.mockup.letter .body p",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert body and min(body) >= 16
    viewport = tab.get_attribute("meta[name=viewport]", "content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport
    context.close()


def test_switching_language_mid_study_keeps_place_and_answers(
    browser, live_server, axe
):
    context, tab = new_tab(browser, 390)
    tab.goto(f"{live_server.url}/s/sprint-sms/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    next_page(tab)  # to the first question
    chosen = []
    for _ in range(2):
        answer_visible(tab)
        chosen.append(tab.locator("input[type=radio]:checked").get_attribute("value"))
        with tab.expect_navigation():
            tab.locator("form.questions button[type=submit]").click()
    where = tab.url
    assert where.endswith("/m/0/q/3")
    with tab.expect_navigation():
        tab.get_by_role("button", name="English").click()
    assert tab.url == where
    assert tab.get_attribute("html", "lang") == "en"
    assert "Question 3 of 8" in tab.locator("#progress-label").inner_text()
    axe(tab)
    for number, value in ((2, chosen[1]), (1, chosen[0])):
        with tab.expect_navigation():
            tab.get_by_role("link", name="Back").click()
        assert tab.url.endswith(f"/m/0/q/{number}")
        assert tab.locator("input[type=radio]:checked").get_attribute("value") == value
    with tab.expect_navigation():
        tab.get_by_role("link", name="Back").click()
    assert tab.locator("article.mockup").get_attribute("lang") == "en"
    walk_to_thanks(tab)
    assert "Thank you for taking part" in tab.locator("h1").inner_text()
    context.close()


def test_missing_answer_is_announced_and_focusable(browser, live_server, axe):
    context, tab = new_tab(browser, 320)
    tab.goto(f"{live_server.url}/s/sprint-sms/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    next_page(tab)
    with tab.expect_navigation():
        tab.locator("form.questions button[type=submit]").click()
    assert tab.locator(".error-summary[role=alert]").count() == 1
    axe(tab)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    tab.screenshot(path=SHOTS / "flow-errors-320.png", full_page=True)
    context.close()


def test_zoom_200_percent_keeps_one_column(browser, live_server, axe):
    # 200% zoom on a 1280px screen behaves like a 640px viewport at scale 2.
    context = browser.new_context(
        viewport={"width": 640, "height": 400}, device_scale_factor=2
    )
    tab = context.new_page()
    tab.goto(f"{live_server.url}/s/vroegsignalering?lang=en")
    axe(tab)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 640
    context.close()


def test_the_flow_works_without_javascript(browser, live_server):
    context, tab = new_tab(browser, 390, java_script_enabled=False)
    tab.goto(f"{live_server.url}/s/sprint-sms/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    assert tab.locator("article.mockup").is_visible()
    next_page(tab)
    next_page(tab)
    assert "Vraag 2 van 8" in tab.content()
    context.close()
