import re

from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.cli import cli


def csrf(client, url="/login"):
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def make_user(app, name="onderzoeker", role="researcher", password="lang-genoeg-1"):
    db = store.open_db(app.config["DATABASE"])
    add_user(db, name, password, role)
    db.close()


def login(client, name="onderzoeker", password="lang-genoeg-1", next_url=""):
    return client.post(
        "/login",
        data={
            "csrf_token": csrf(client),
            "name": name,
            "password": password,
            "next": next_url,
        },
    )


def test_login_and_logout(app, client):
    make_user(app)
    response = login(client, next_url="/gallery/sprint-sms")
    assert response.status_code == 303
    assert response.headers["Location"] == "/gallery/sprint-sms"
    page = client.get("/").get_data(as_text=True)
    assert "onderzoeker (researcher)" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_and_open_redirect_is_not_followed(app, client):
    make_user(app)
    assert login(client, password="verkeerd-wachtwoord").status_code == 401
    response = login(client, next_url="https://evil.example/")
    assert response.headers["Location"] == "/research/"


def test_each_role_lands_on_its_own_start_page(app, client):
    homes = {"researcher": "/research/", "admin": "/research/",
             "designer": "/studio/", "observer": "/test-days/"}  # fmt: skip
    for role, home in homes.items():
        make_user(app, name=f"de-{role}", role=role)
        response = login(client, name=f"de-{role}")
        assert response.status_code == 303 and response.headers["Location"] == home
        client.post("/logout", data={"csrf_token": csrf(client, home)})


def test_login_attempts_are_rate_limited(app, client):
    make_user(app)
    for _ in range(5):
        assert login(client, password="verkeerd-wachtwoord").status_code == 401
    assert login(client).status_code == 429  # even the right password, for a while


def test_form_without_csrf_token_is_refused(app, client):
    make_user(app)
    response = client.post(
        "/login", data={"name": "onderzoeker", "password": "lang-genoeg-1"}
    )
    assert response.status_code == 400


def test_users_add_and_list(runner, tmp_path):
    path = str(tmp_path / "u.db")
    result = runner.invoke(
        cli,
        ["users", "add", "sanne", "--role", "designer", "--db", path],
        input="lang-genoeg-1\nlang-genoeg-1\n",
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["users", "list", "--db", path])
    assert "sanne\tdesigner" in listed.output
    again = runner.invoke(
        cli,
        [
            "users",
            "add",
            "sanne",
            "--role",
            "designer",
            "--db",
            path,
            "--password-file",
            "-",
        ],
        input="lang-genoeg-2\n",
    )
    assert again.exit_code == 1 and "already" in again.output
