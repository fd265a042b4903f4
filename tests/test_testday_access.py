"""Who may see what on a test day: observers see notes and progress, nothing else."""

import pytest

from tests.bot import Bot
from tests.testday_support import app_rows, csrf_of, log_in, post_note

RATINGS_AND_EXPORTS = [
    "/research/", "/research/sprint-sms", "/research/sprint-sms/export.csv",
    "/research/sprint-sms/export.json", "/research/sprint-sms/export.sav",
    "/research/sprint-sms/debrief", "/research/sprint-sms/notes.csv",
    "/research/sprint-sms/notes.md", "/research/sprint-sms/notes.json",
    "/research/sprint-sms/test-day",
]  # fmt: skip
STUDIO = ["/studio/", "/studio/studies", "/studio/compare"]
OBSERVING = [
    "/test-days/",
    "/research/sprint-sms/observe",
    "/research/sprint-sms/observe.json",
    "/research/sprint-sms/grid",
    "/research/sprint-sms/grid.json",
]


@pytest.mark.parametrize("url", RATINGS_AND_EXPORTS + STUDIO)
def test_an_observer_cannot_open_ratings_exports_or_the_studio(app, client, url):
    log_in(app, client, "lotte", "observer")
    assert client.get(url).status_code == 403


def test_an_observer_observes_and_adds_notes(app, client):
    Bot(client, "sprint-sms", seed=3).take(stop_after=1)
    log_in(app, client, "lotte", "observer")
    for url in OBSERVING:
        assert client.get(url).status_code == 200, url
    page = client.get("/research/sprint-sms/observe").get_data(as_text=True)
    # The page links to nothing an observer may not open.
    assert "/debrief" not in page and "export" not in page and "notes." not in page
    assert post_note(client, text="Leest de sms twee keer.").status_code == 303
    assert app_rows(app, "SELECT observer_role FROM testday_notes") == [("observer",)]


def test_the_observer_role_adds_only_a_test_day_link_to_the_menu(app, client):
    log_in(app, client, "lotte", "observer")
    page = client.get("/test-days/").get_data(as_text=True)
    assert 'href="/test-days/"' in page
    assert 'href="/research/"' not in page and 'href="/studio/"' not in page


@pytest.mark.parametrize("url", RATINGS_AND_EXPORTS[5:] + OBSERVING[1:])
def test_anyone_not_logged_in_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_a_note_from_someone_not_logged_in_is_refused_and_stores_nothing(app, client):
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/research/sprint-sms/observe", data={"csrf_token": token, "text": "x"}
    )
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert (
        client.post("/research/sprint-sms/observe", data={"text": "x"}).status_code
        == 400
    )
    assert app_rows(app, "SELECT count(*) FROM testday_notes") == [(0,)]


def test_designers_do_not_observe(app, client):
    log_in(app, client, "ontwerper", "designer")
    assert client.get("/research/sprint-sms/observe").status_code == 403
    assert client.get("/test-days/").status_code == 403


def test_researchers_and_admins_see_everything_of_the_test_day(app, client):
    log_in(app, client, "beheerder", "admin")
    for url in OBSERVING + RATINGS_AND_EXPORTS[5:]:
        assert client.get(url).status_code == 200, url


def test_a_note_without_its_csrf_token_is_refused(app, client):
    log_in(app, client, "lotte", "observer")
    response = client.post("/research/sprint-sms/observe", data={"text": "Geen token"})
    assert response.status_code == 400
    assert app_rows(app, "SELECT count(*) FROM testday_notes") == [(0,)]


def test_the_command_line_adds_observers(runner, tmp_path):
    from sprintlab.cli import cli

    database = tmp_path / "x.db"
    result = runner.invoke(
        cli,
        ["users", "add", "lotte", "--role", "observer", "--db", str(database),
         "--password-file", "-"],
        input="lang-genoeg-1\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["users", "list", "--db", str(database)])
    assert "lotte\tobserver" in listed.output


def test_observers_see_the_grid_of_notes_without_ratings(app, client):
    from tests.testday_support import KioskBot, facilitator_link, set_up, start

    log_in(app, client, "onderzoeker", "researcher")
    set_up(client)
    kiosk = app.test_client()
    start(kiosk, facilitator_link(client), 1)
    KioskBot(kiosk, "sprint-sms", seed=1).take()
    post_note(client, text="Fronst bij de coach", slot="P1", variant="coach")
    assert "helps <strong>" in client.get("/research/sprint-sms/grid").text
    observer = app.test_client()
    log_in(app, observer, "lotte", "observer")
    for url in ("/research/sprint-sms/grid", "/research/sprint-sms/grid.json"):
        page = observer.get(url).get_data(as_text=True)
        assert "Fronst bij de coach" in page
        assert "helps <strong>" not in page and "intrusive <strong>" not in page
        assert '"helps"' not in page and '"intrusive"' not in page  # the JSON
        assert "/debrief" not in page and "notes.csv" not in page
