"""A researcher reads the dashboard in chromium; axe checks the pages."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.server import ServerProcess

SHOTS = Path(__file__).parent / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def research_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("research") / "research.db"
    run = [sys.executable, "-m", "sprintlab"]
    subprocess.run(run + ["simulate", "vroegsignalering", "--db", str(database),
                          "--participants", "400", "--seed", "4",
                          "--effect", "keuze:helps=2"], check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run(
        run + ["simulate", "sprint-sms", "--db", str(database), "--participants", "5"],
        check=True,
        capture_output=True,
    )
    subprocess.run(run + ["simulate", "vroegsignalering-factorieel", "--db",
                          str(database), "--participants", "240", "--effect",
                          "toon=warm:intrusive=-1"], check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run(run + ["users", "add", "onderzoeker", "--role", "researcher",
                          "--db", str(database), "--password-file", "-"],
                   input=b"lang-genoeg-1\n", check=True,
                   capture_output=True)  # fmt: skip
    env = {"SPRINTLAB_REPORT_WAIT_SECONDS": "60"}  # a busy test machine is slow
    with ServerProcess(database, content_root=ROOT, env=env) as server:
        yield server


def test_researcher_reads_the_dashboard(browser, research_server, axe):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{research_server.url}/research/")
    assert "/login" in tab.url
    axe(tab)
    tab.get_by_label("Name").fill("onderzoeker")
    tab.get_by_label("Password").fill("lang-genoeg-1")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Log in").click()
    assert tab.url.endswith("/research/")
    axe(tab)
    with tab.expect_navigation():
        tab.get_by_role(
            "link", name="Help with money worries: which message works?"
        ).first.click()
    assert tab.locator("svg[role=img] title").count() >= 1
    assert "more helpful than the control" in tab.content()
    axe(tab)
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SHOTS / "research-study.png", full_page=False)
    tab.goto(f"{research_server.url}/research/sprint-sms")
    assert "not enough participants to tell" in tab.content()
    axe(tab)
    tab.goto(f"{research_server.url}/research/vroegsignalering-factorieel")
    if tab.locator("text=still being computed").count():
        tab.wait_for_timeout(5000)
        tab.reload()
    assert tab.get_by_role("heading", name="Verdicts per factor").is_visible()
    assert "less intrusive than formal" in tab.content()
    axe(tab)
    context.close()
