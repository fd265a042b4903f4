"""The dashboard's pre-registration, survey and Segments sections, with axe."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.server import ServerProcess

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    database = tmp_path_factory.mktemp("segments") / "segments.db"
    run = [sys.executable, "-m", "sprintlab"]
    for args in (
        ["preregister", "vroegsignalering", "--db", str(database)],
        ["simulate", "vroegsignalering", "--db", str(database), "--participants",
         "300", "--seed", "8"],
        ["segment", "vroegsignalering", "--db", str(database), "--save",
         "--resamples", "3", "--format", "json"],
    ):  # fmt: skip
        subprocess.run(run + args, check=True, capture_output=True)
    subprocess.run(run + ["users", "add", "onderzoeker", "--role", "researcher",
                          "--db", str(database), "--password-file", "-"],
                   input=b"lang-genoeg-1\n", check=True,
                   capture_output=True)  # fmt: skip
    with ServerProcess(database, content_root=ROOT) as running:
        yield running


def test_the_segments_section_reads_well(browser, server, axe):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{server.url}/login?next=/research/vroegsignalering")
    tab.get_by_label("Name").fill("onderzoeker")
    tab.get_by_label("Password").fill("lang-genoeg-1")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Log in").click()
    for _ in range(100):  # the first report is made in the worker
        if tab.get_by_role("heading", name="Segments").count():
            break
        tab.wait_for_timeout(300)
        tab.reload()
    assert tab.get_by_role("heading", name="Pre-registration").is_visible()
    segments = tab.get_by_role(
        "table", name="The segments and the best message for each"
    )
    assert segments.is_visible() and segments.locator("tbody tr").count() >= 2
    tab.locator("details.segment-profile summary").first.click()
    assert tab.locator("details.segment-profile[open] table").is_visible()
    axe(tab)
    context.close()
