"""The burden of a message on a phone (390 x 844): screens to scroll, pages to take.

Each shipped study is served twice, once with its questions grouped under
the message and once one per screen, and every variant is opened on a phone.
The figures are printed (run with -s) and recorded in the README.
"""

import math

import pytest

from tests.server import ServerProcess
from tests.study_variants import content_with

pytestmark = [pytest.mark.browser, pytest.mark.server]
PHONE = {"width": 390, "height": 844}
STUDIES = {"vroegsignalering": 9, "sprint-sms": 3}  # variants in each


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """One server per layout, each with both shipped studies in that layout."""
    folder = tmp_path_factory.mktemp("burden")
    started = {}
    try:
        for layout in ("grouped", "one-per-screen"):
            root = folder / layout
            for study_id in STUDIES:
                content_with(root, study_id, layout=layout)
            started[layout] = ServerProcess(folder / f"{layout}.db", root).start()
        yield {layout: server.url for layout, server in started.items()}
    finally:
        for server in started.values():
            server.stop()


def height(tab):
    return tab.evaluate("document.documentElement.scrollHeight")


def first_pages(browser, url, study_id, people):
    """The first message page of PEOPLE new participants: (channel, tab) each."""
    for _ in range(people):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        tab = context.new_page()
        tab.goto(f"{url}/s/{study_id}/consent")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Ik doe mee").click()
        classes = tab.locator("article.mockup").get_attribute("class").split()
        yield classes[1], tab
        context.close()


REQUIRED = "els => new Set(els.map(e => e.name)).size"


def span(values, unit=""):
    low, high = min(values), max(values)
    return f"{low}{unit}" if low == high else f"{low}–{high}{unit}"


def question_screens(tab):
    """Walk the question screens of this message: the bottom of each Next button."""
    with tab.expect_navigation():
        tab.locator(".to-screens a").click()
    bottoms = []
    while "/q/" in tab.url:
        button = tab.locator("form.questions button[type=submit]")
        box = button.bounding_box()
        bottoms.append(box["y"] + box["height"])
        # Every radio group (a data_use question has one per row); the
        # free-text question is optional.
        names = tab.eval_on_selector_all(
            "form.questions input[type=radio]",
            "els => [...new Set(els.map(e => e.name))]",
        )
        for name in names:
            tab.locator(f"input[name='{name}']:not([value=dk])").first.check()
        with tab.expect_navigation():
            button.click()
    return bottoms


def test_screens_per_message_on_a_phone(browser, servers, capsys):
    report = []
    for study_id, variants in STUDIES.items():
        grouped, one_per_screen = {}, {}
        for channel, tab in first_pages(
            browser, servers["grouped"], study_id, variants
        ):
            taps = tab.eval_on_selector_all("form.questions input[required]", REQUIRED)
            grouped.setdefault(channel, []).append((height(tab), taps))
        screens = {}
        for channel, tab in first_pages(
            browser, servers["one-per-screen"], study_id, variants
        ):
            one_per_screen.setdefault(channel, []).append(height(tab))
            if channel not in screens:  # a data_use screen only for messages
                screens[channel] = question_screens(tab)  # that list their data
        # Every question screen's button is on the phone's first screen.
        for bottoms in screens.values():
            assert bottoms and max(bottoms) <= PHONE["height"], bottoms
        assert sum(map(len, grouped.values())) == variants
        for channel in sorted(grouped):
            pages = [page for page, _ in grouped[channel]]
            messages = one_per_screen[channel]
            assert min(pages) > max(messages)  # the questions were on the page
            report.append(
                f"{study_id}, {channel} ({len(pages)}): grouped"
                f" {span(pages, ' px')} ="
                f" {span([round(p / PHONE['height'], 1) for p in pages])} screens,"
                f" {span([taps for _, taps in grouped[channel]])} required answers;"
                f" one per screen: the message {span(messages, ' px')} ="
                f" {span([math.ceil(m / PHONE['height']) for m in messages])} screens,"
                f" then {len(screens[channel])} question screens that each fit one"
                " screen"
            )
    with capsys.disabled():
        print("\n" + "\n".join(report))
