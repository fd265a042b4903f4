"""The dashboard in chromium at a phone's and a laptop's width: the answer first.

A researcher logs in, lands on the results and opens a study with a planted
winner: axe finds nothing, nothing scrolls sideways (also at 320 px), the
summary is on the first screen before any table, every variant is named by
its label and no id shows, the charts say what they show, the fieldwork
refreshes itself under the strict CSP, and the shared report's summary fits
one A4 page.
"""

import re
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.http_bot import walk
from tests.server import ServerProcess

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "laptop": (1280, 900)}
# Ids that are no English word: none may show where a label belongs.
IDS = (
    "controle", "afzender", "transparantie", "keuze", "geruststelling",
    "next_step", "no_judgement", "slechte_ervaring", "rondkomen", "vertrouwen",
    "levensgebeurtenis", "niet-zo-veel", "helemaal-geen", "tamelijk-veel",
)  # fmt: skip
OVERFLOW = "document.scrollingElement.scrollWidth <= window.innerWidth"
SUMMARY_FIRST = """() => {
  const summary = document.getElementById('summary');
  const table = document.querySelector('table');
  return Boolean(summary.compareDocumentPosition(table)
                 & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@pytest.fixture(scope="module")
def dashboard_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("dashboard") / "dashboard.db"
    run = [sys.executable, "-m", "sprintlab"]
    subprocess.run(run + ["simulate", "vroegsignalering", "--db", str(database),
                          "--participants", "450", "--seed", "5",
                          "--effect", "transparantie:helps=2",
                          "--effect", "transparantie:intrusive=-1"],
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run(run + ["users", "add", "onderzoeker", "--role", "researcher",
                          "--db", str(database), "--password-file", "-"],
                   input=b"lang-genoeg-1\n", check=True,
                   capture_output=True)  # fmt: skip
    # A busy test machine may take longer than a server would wait.
    env = {"SPRINTLAB_FIELDWORK_REFRESH_SECONDS": "1",
           "SPRINTLAB_REPORT_WAIT_SECONDS": "60"}  # fmt: skip
    with ServerProcess(database, content_root=ROOT, env=env) as server:
        yield server


@pytest.fixture(scope="module")
def study():
    from sprintlab.content.folder import Content

    return Content(ROOT).study("vroegsignalering")


def logged_in(browser, server, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(f"{server.url}/login")
    tab.get_by_label("Name").fill("onderzoeker")
    tab.get_by_label("Password").fill("lang-genoeg-1")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Log in").click()
    assert tab.url == f"{server.url}/research/"  # login lands on the results
    return context, tab


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_answer_comes_first_and_fits_the_screen(
    browser, dashboard_server, axe, study, viewport
):
    context, tab = logged_in(browser, dashboard_server, viewport)
    axe(tab)
    assert tab.evaluate(OVERFLOW)
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.goto(f"{dashboard_server.url}/research/vroegsignalering")
    axe(tab)
    assert tab.evaluate(OVERFLOW), tab.evaluate("document.scrollingElement.scrollWidth")
    assert tab.evaluate(SUMMARY_FIRST)
    answer = tab.locator("#summary .answer")
    box = answer.bounding_box()
    assert box["y"] < VIEWPORTS[viewport][1]  # the answer is on the first screen
    label = study.variant("transparantie").label["en"]
    assert answer.inner_text().startswith(
        f"{label}: more helpful than the control and not more intrusive"
    )
    summary = tab.locator("#summary").inner_text()
    for variant in study.variants:
        if variant.id != study.control:
            assert variant.label["en"] in summary
    visible = tab.locator("main").inner_text()
    for raw in IDS:
        assert not re.search(rf"(?<![\w-]){raw}(?![\w-])", visible), raw
    forest = tab.locator("#summary svg[role=img]").first
    title = forest.locator("title").text_content()
    assert title.startswith("Helpfulness: each variant's difference from the control")
    description = forest.locator("desc").text_content()
    assert all(v.label["en"] in description for v in study.variants[1:])
    map_title = tab.locator("#summary .map svg title").text_content()
    assert map_title.startswith("Helpfulness against intrusiveness")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()


def test_the_segment_view_names_groups_by_their_labels(
    browser, dashboard_server, axe, study
):
    context, tab = logged_in(browser, dashboard_server, "phone")
    tab.goto(f"{dashboard_server.url}/research/vroegsignalering")
    tab.select_option("#group", "vertrouwen:niet-zo-veel")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Show").click()
    deadline = time.monotonic() + 60
    while tab.locator("#for-whom .map svg").count() == 0:
        assert time.monotonic() < deadline, "the group's map never came"
        time.sleep(0.5)
        tab.reload()
    axe(tab)
    section = tab.locator("#for-whom").inner_text()
    assert "Not very much" in section and "niet-zo-veel" not in section
    assert "How much trust do you have in the municipality?" in section
    assert tab.evaluate(OVERFLOW)
    tab.set_viewport_size({"width": 320, "height": 700})
    assert tab.evaluate(OVERFLOW), "the page scrolls sideways at 320 px"
    context.close()


def test_fieldwork_refreshes_itself_under_the_csp(browser, dashboard_server):
    context, tab = logged_in(browser, dashboard_server, "laptop")
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.goto(f"{dashboard_server.url}/research/vroegsignalering")
    live = tab.locator("#fieldwork-live")
    before = live.inner_text()
    count = int(re.search(r"(\d+) participants, ", before)[1])
    walk(dashboard_server.url, "vroegsignalering", "/s/vroegsignalering", 1)
    tab.wait_for_function(
        "n => document.querySelector('#fieldwork-live').innerText"
        ".includes(`${n} participants, `)",
        arg=count + 1,
        timeout=20_000,
    )  # no reload: the page's own script fetched the counts again
    assert "New answers are in" in live.inner_text()
    pause = tab.locator("button.live-controls")
    assert pause.inner_text() == "Pause live updates"
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true"
    assert pause.inner_text() == "Resume live updates"
    refused = [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert not refused, refused
    context.close()


def test_the_shared_report_prints_its_summary_on_one_a4_page(
    browser, dashboard_server, tmp_path
):
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "sprintlab", "analyze", "vroegsignalering",
                    "--db", str(dashboard_server.database), "--format", "html",
                    "--out", str(out)], check=True, capture_output=True)  # fmt: skip
    context = browser.new_context(viewport={"width": 703, "height": 1000})
    tab = context.new_page()
    tab.goto(out.as_uri())
    tab.emulate_media(media="print")
    # A4 less the print margins (14 mm top and bottom) at 96 px per inch.
    printable = (297 - 28) / 25.4 * 96
    page_one = tab.evaluate(
        "() => document.querySelector('#summary .figure.map')"
        ".getBoundingClientRect().top + window.scrollY"
    )
    assert page_one <= printable, (
        f"the summary needs {page_one:.0f} of {printable:.0f} px"
    )
    assert tab.locator("#summary table.ranking").is_visible()
    assert tab.locator("#summary .forest").is_visible()
    context.close()
