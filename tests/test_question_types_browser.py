"""The data_use and rank questions in chromium on a phone, with axe.

A study of two letters that list three pieces of data each (so every
participant gets the data_use screen with three rows) and a rank segment
question, served by `sprintlab serve`. The phone answers by tapping and by
choosing from the lists, as a person does, at 390 px as a phone and in a
320 px window. The pages carry no script: they work without JavaScript (axe
itself needs it in the browser).
"""

import shutil

import pytest

from tests.conftest import ROOT
from tests.server import ServerProcess
from tests.test_question_types_pages import STUDY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("question-types")
    content = folder / "content"
    (content / "prototypes").mkdir(parents=True)
    study = STUDY.format(layout="auto").replace(
        'template = "poster/bushalte"', 'template = "letter/verhuizing"'
    )
    (content / "prototypes" / "mini.toml").write_text(study, encoding="utf-8")
    shutil.copytree(ROOT / "messages", content / "messages")
    with ServerProcess(folder / "mini.db", content_root=content) as running:
        yield running


def phone(browser, width=390):
    mobile = width == 390
    context = browser.new_context(
        viewport={"width": width, "height": 844},
        is_mobile=mobile,
        has_touch=mobile,
    )
    return context, context.new_page()


def submit(tab):
    with tab.expect_navigation():
        tab.locator("form.questions button[type=submit]").click()


def fits(tab, width):
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.locator("script").count() == 0


@pytest.mark.parametrize("width", [390, 320])
def test_data_use_and_rank_on_a_phone(browser, server, axe, width):
    context, tab = phone(browser, width)
    tab.goto(f"{server.url}/s/mini/consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Ik doe mee").click()
    with tab.expect_navigation():
        tab.locator(".to-screens a").click()
    tab.locator("label.option", has_text="5").first.click()
    submit(tab)
    # The data_use screen: one row per piece of data the letter lists.
    rows = tab.locator("fieldset.data-source")
    assert rows.count() == 3
    assert tab.get_by_role("group", name="Uw naam en adres").is_visible()
    fits(tab, width)
    axe(tab)
    button = tab.locator("form.questions button[type=submit]").bounding_box()
    assert button["y"] + button["height"] <= 844  # Next on the first screen
    rows.first.get_by_text("Ja", exact=True).click()
    submit(tab)  # the other rows are still open: shown back, nothing stored
    assert tab.locator(".error-summary").is_visible()
    assert tab.locator("fieldset.data-source.missing").count() == rows.count() - 1
    axe(tab)
    for index in range(1, rows.count()):
        rows.nth(index).get_by_text("Nee", exact=True).click()
    submit(tab)
    # About you: the rank question, a list of places beside each option.
    assert tab.url.endswith("/about-you")
    lists = tab.locator("fieldset.rank select")
    assert lists.count() == 3
    fits(tab, width)
    axe(tab)
    tab.get_by_label("Een brief").select_option("1")
    tab.get_by_label("Een sms").select_option("1")
    tab.get_by_label("Liever geen contact").select_option("2")
    submit(tab)
    assert "Gebruik elk nummer één keer" in tab.locator(".question.rank").inner_text()
    assert tab.get_by_label("Een sms").input_value() == "1"  # kept, to fix
    axe(tab)
    tab.get_by_label("Een sms").select_option("3")
    submit(tab)
    assert tab.url.endswith("/thanks")
    context.close()
