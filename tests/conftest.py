import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.content.folder import Content

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TODAY = datetime.date(2026, 11, 28)


def insert_one_participant(database, template_id, template_hash):
    """A participant of study "s" assigned variant "v" (TEMPLATE_HASH) at position 0."""
    study_hash = store.store_study_version(database, "s", 1, "id = 's'")
    participant = {
        "token": "t",
        "study_id": "s",
        "study_hash": study_hash,
        "language": "nl",
        "consent_version": "1",
        "kiosk": 0,
        "withdrawal_code": "ABCD-EFGH",
        "started_at": store.now(),
    }
    return store.insert_participant(
        database, participant, [(0, "v", template_id, template_hash)]
    )


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes():
    """Hash passwords in this process with a small scrypt; yield the real settings.

    At the production cost (n=2**15, about 0.1 s a hash) hashing took a third
    of the suite's time. Servers the tests start in a subprocess keep the
    production cost, and tests/test_accounts.py checks its settings.
    """
    from werkzeug.security import generate_password_hash

    from sprintlab import accounts

    production = accounts.PASSWORD_METHOD, accounts.DUMMY_HASH
    accounts.PASSWORD_METHOD = "scrypt:1024:8:1"
    accounts.DUMMY_HASH = generate_password_hash("nobody's", accounts.PASSWORD_METHOD)
    yield production
    accounts.PASSWORD_METHOD, accounts.DUMMY_HASH = production


@pytest.fixture
def content():
    return Content(ROOT)


@pytest.fixture
def database(tmp_path):
    db = store.open_db(tmp_path / "evidence.db")
    yield db
    db.close()


@pytest.fixture
def app(tmp_path):
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "app.db"),
            "CONTENT_ROOT": str(ROOT),
            "SECRET_KEY": "test",
            # A busy test machine may take longer than a server would wait,
            # and a test looks at a new report at once (the pause between
            # updates has tests of its own).
            "REPORT_WAIT_SECONDS": 60,
            "REPORT_UPDATE_SECONDS": 0,
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    return CliRunner()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """sprintlab served by `sprintlab serve` in a subprocess on 127.0.0.1."""
    from tests.server import ServerProcess

    folder = tmp_path_factory.mktemp("live")
    with ServerProcess(folder / "live.db", content_root=ROOT) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe():
    """Run axe-core on a page; fail with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(tab):
        results = checker.run(
            tab,
            options={
                "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
            },
        )
        violations = results.response["violations"]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in violations
        )
        assert not violations, f"{tab.url}\n{report}"
        return results

    return check
