"""Every shipped mockup in headless chromium at a phone and a laptop size."""

from pathlib import Path

import pytest

from tests.conftest import ROOT

SHOTS = Path(__file__).parent / "screenshots"
VIEWER, PASSWORD = "mockup-kijker", "kijk-naar-de-mockups"
VIEWPORTS = {"phone": (390, 844), "laptop": (1280, 800)}
TEMPLATE_FILES = sorted((ROOT / "messages").glob("*/*.md"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def viewer(live_server):
    """An account on the live server: templates no open study shows need a login."""
    from sprintlab import db as store
    from sprintlab.accounts import add_user

    db = store.open_db(live_server.database)
    if store.user_by_name(db, VIEWER) is None:
        add_user(db, VIEWER, PASSWORD, "designer")
    db.close()
    return VIEWER


def log_in(tab, base, name):
    tab.goto(base + "/login")
    tab.fill("input[name=name]", name)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_load_state()


@pytest.fixture(scope="module")
def signed_in(browser, live_server, viewer):
    """The viewer's session cookie, logged in once for every mockup of the module."""
    context = browser.new_context()
    tab = context.new_page()
    log_in(tab, live_server.url, viewer)
    state = context.storage_state()
    context.close()
    assert any(c["name"] == "session" for c in state["cookies"]), state
    return state


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    "path", TEMPLATE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in TEMPLATE_FILES]
)
def test_mockup_looks_real_and_is_accessible(
    browser, live_server, signed_in, axe, path, viewport
):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, storage_state=signed_in
    )
    tab = context.new_page()
    name, _, language = path.stem.rpartition(".")
    url = (
        f"{live_server.url}/gallery/template/{path.parent.name}/{name}?lang={language}"
    )
    response = tab.goto(url)
    assert response.status == 200
    mockup = tab.locator(f"article.mockup.{path.parent.name}")
    assert mockup.count() == 1
    assert mockup.get_attribute("lang") == language
    box = mockup.bounding_box()
    assert box["width"] <= width, (
        "the mockup must fit the screen without sideways scrolling"
    )
    scroll_width = tab.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(
        path=SHOTS / f"{path.parent.name}-{path.stem}-{viewport}.png", full_page=True
    )
    axe(tab)
    context.close()


@pytest.mark.parametrize(
    "url", ["/", "/gallery/vroegsignalering", "/gallery/sprint-sms?lang=en&seed=3",
            "/gallery/vroegsignalering/qr", "/login", "/withdraw"],
)  # fmt: skip
def test_gallery_and_public_pages_are_accessible(browser, live_server, axe, url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    assert tab.goto(live_server.url + url).status == 200
    axe(tab)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
