"""Shared set-up for the studio tests: a content copy, accounts, logging in."""

import re
import shutil

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.accounts import add_user
from tests.conftest import ROOT

PASSWORD = "lang-genoeg-1"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def copy_content(folder):
    """A copy of the checkout's studies and templates, safe to write to."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("prototypes", "messages"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def studio_app(tmp_path, **config):
    """An app on a copy of the content, with one account per role."""
    content = copy_content(tmp_path / "content")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "studio.db"),
            "CONTENT_ROOT": str(content),
            "SECRET_KEY": "test",
            **config,
        }
    )
    db = store.open_db(app.config["DATABASE"])
    for role in ("designer", "researcher", "admin"):
        add_user(db, role, PASSWORD, role)
    db.close()
    return app


def csrf(client, url="/login"):
    """The CSRF token on the page at URL."""
    return TOKEN.search(client.get(url).get_data(as_text=True)).group(1)


def log_in(client, name, password=PASSWORD):
    """Log NAME in through the login form; the response."""
    return client.post(
        "/login",
        data={"csrf_token": csrf(client), "name": name, "password": password},
    )


def snapshot(folder):
    """Every file under FOLDER with its bytes, to show that nothing was written."""
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
