"""A person on a phone takes both shipped studies in chromium; axe checks every page."""

from pathlib import Path

import pytest

SHOTS = Path(__file__).parent / "screenshots"

pytestmark = pytest.mark.browser


def answer_page(tab):
    """Choose an answer in every radio group by clicking its label, as a person does."""
    names = tab.eval_on_selector_all(
        "form.questions input[type=radio]", "els => [...new Set(els.map(e => e.name))]"
    )
    for index, name in enumerate(names):
        radios = tab.locator(f"input[name='{name}']:not([value='dk'])")
        radios.nth(index % radios.count()).check()
    for area in tab.locator("form.questions textarea").all():
        area.fill("Duidelijk, maar wat kort. <script>alert(1)</script>")


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_phone_participant_completes_the_study(browser, live_server, axe, study_id):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    SHOTS.mkdir(exist_ok=True)
    tab.goto(f"{live_server.url}/s/{study_id}")
    axe(tab)
    with tab.expect_navigation():
        tab.get_by_role("link", name="Begin").click()
    axe(tab)
    tab.screenshot(path=SHOTS / f"flow-{study_id}-consent.png", full_page=True)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    pages = 0
    while "/thanks" not in tab.url:
        assert tab.locator("h1").count() == 1
        staged = tab.locator("details.staged")
        if staged.count():
            # The envelope or lock screen comes first; opening it shows the mockup.
            assert not staged.evaluate("el => el.open")
            assert not tab.locator("article.mockup").is_visible()
            axe(tab)
            staged.locator("summary").click()
            assert tab.locator("article.mockup").is_visible()
        axe(tab)
        tab.screenshot(path=SHOTS / f"flow-{study_id}-{pages}.png", full_page=True)
        # The page fits a phone: no sideways scrolling.
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        answer_page(tab)
        with tab.expect_navigation():
            tab.locator("form.questions button[type=submit]").click()
        pages += 1
        assert pages < 10
    axe(tab)
    tab.screenshot(path=SHOTS / f"flow-{study_id}-thanks.png", full_page=True)
    code = tab.locator("p.code").inner_text()
    assert len(code) == 19  # four groups of four: 80 bits
    context.close()


def test_missing_answer_is_announced_and_focusable(browser, live_server, axe):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/s/sprint-sms/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
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
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    tab = context.new_page()
    tab.goto(f"{live_server.url}/s/sprint-sms/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    answer_page(tab)
    with tab.expect_navigation():
        tab.locator("form.questions button[type=submit]").click()
    assert "Stap 2 van" in tab.content()
    context.close()
