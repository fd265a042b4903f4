"""The dashboard shows the pre-registration and, with a saved model, the segments."""

import re
import time

import pytest

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.cli.demo_data import prepare_demo
from sprintlab.content.folder import Content
from tests.conftest import ROOT
from tests.test_research import login_as


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path_factory.mktemp("demo") / "demo.db"),
            "CONTENT_ROOT": str(ROOT),
            "SECRET_KEY": "test",
            # The first report is made in the worker process; on a busy
            # shared machine that can take longer than the default 30 s.
            "REPORT_WAIT_SECONDS": 120,
        }
    )
    db = store.open_db(app.config["DATABASE"])
    prepare_demo(db, Content(ROOT), sizes={"vroegsignalering": 300})
    db.close()
    return app


def test_the_demo_is_pre_registered_before_its_data_and_segmented(demo_app):
    db = store.open_db(demo_app.config["DATABASE"])
    row = store.preregistration_of(db, "vroegsignalering")
    first = db.execute("SELECT min(started_at) FROM participants").fetchone()[0]
    saved = store.latest_segmentation(db, "vroegsignalering")
    db.close()
    assert row is not None and not row["late"] and row["registered_at"] <= first
    assert saved is not None


def test_the_dashboard_shows_the_plan_and_the_segments(demo_app):
    client = demo_app.test_client()
    login_as(demo_app, client, "researcher")
    html = fresh_page(client, "/research/vroegsignalering")
    assert re.search(r"Pre-registered on \d{4}-\d\d-\d\d at \d\d:\d\d UTC", html)
    # 300 people over 9 variants do not reach the planned 40 per variant
    listed = re.search(r'<ul class="deviations">(.*?)</ul>', html).group(1)
    deviations = re.findall(r"<li><strong>([^<]+)</strong>", listed)
    assert deviations == ["n not reached"], deviations
    assert ">Segments</h2>" in html
    assert "The segments and the best message for each" in html
    assert "Data use: Vindt u het goed" not in html  # English page: English text
    assert "Acceptance per data source" in html and "Ranking:" in html
    db = store.open_db(demo_app.config["DATABASE"])
    completed = db.execute(
        "SELECT count(*) FROM participants WHERE completed_at IS NOT NULL"
    ).fetchone()[0]
    db.close()
    # everyone is classified with the saved model (a later arrival too:
    # tests/test_segment_command.py, through the same from_saved)
    assert f"among {completed} of {completed} completed respondents" in html


def fresh_page(client, url, wait=120):
    """The page once the report of the newest data is made (bounded wait)."""
    deadline = time.monotonic() + wait
    while True:
        html = client.get(url).get_data(as_text=True)
        if "Updating" not in html or time.monotonic() > deadline:
            return html
        time.sleep(0.2)


def test_without_a_saved_model_the_dashboard_says_how(demo_app):
    client = demo_app.test_client()
    login_as(demo_app, client, "admin")  # an account of its own in this database
    # sprint-sms: neither pre-registered nor segmented in this database
    html = fresh_page(client, "/research/sprint-sms")
    assert "No segment model saved yet" in html
    assert "Not pre-registered" in html
