"""What a participant reads: the landing page, the consent page, who is asking."""

import re

import pytest

from sprintlab import create_app
from sprintlab import db as store
from tests.bot import Bot, forms
from tests.study_variants import content_with


def text_of(html):
    """The words a person reads: the page without its tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_the_landing_page_says_each_thing_once_and_thanks_no_one_yet(client, study_id):
    html = client.get(f"/s/{study_id}").get_data(as_text=True)
    words = text_of(html)
    assert len(re.findall(r"\d+ minuten", words)) == 1
    assert words.count("niet echt") == 1
    assert "Fijn dat u meedoet" not in words and "Bedankt" not in words
    assert "/stop" not in html  # nothing has started, so nothing to stop
    assert f'href="/s/{study_id}?lang=en"' in html  # the language switch
    english = text_of(client.get(f"/s/{study_id}?lang=en").get_data(as_text=True))
    assert len(re.findall(r"\d+ minutes", english)) == 1
    assert english.count("not real") == 1 and "Thank you" not in english


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_consent_page_names_who_is_asking_and_lists_what_is_kept(
    client, content, language
):
    study = content.study("vroegsignalering")
    organisation = study.settings.organisation
    html = client.get(f"/s/vroegsignalering/consent?lang={language}").get_data(
        as_text=True
    )
    assert organisation.name[language] in html
    assert f'href="mailto:{organisation.email}"' in html
    assert organisation.phone in html
    assert organisation.retention[language] in html
    assert organisation.privacy[language] in html
    assert "Autoriteit Persoonsgegevens" in html
    lists = re.findall(r"<ul>(.*?)</ul>", html, re.S)
    stored = lists[0]  # what is kept, a real list
    assert len(re.findall(r"<li>", stored)) >= 4
    assert ("antwoorden" if language == "nl" else "answers") in stored
    assert "/stop" not in html and "Fijn dat u meedoet" not in html


def test_the_study_text_keeps_its_lists_as_lists(tmp_path):
    root = content_with(tmp_path / "content", "sprint-sms")
    path = root / "prototypes" / "sprint-sms.toml"
    text = path.read_text(encoding="utf-8").replace(
        "Heeft u zelf geldzorgen?",
        "Wat vragen wij niet?\n- uw naam;\n- uw adres.\n\nHeeft u zelf geldzorgen?",
    )
    path.write_text(text, encoding="utf-8")
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "a.db"),
         "CONTENT_ROOT": str(root), "SECRET_KEY": "test"}
    )  # fmt: skip
    html = app.test_client().get("/s/sprint-sms/consent").get_data(as_text=True)
    assert "<ul>\n<li>uw naam;</li>\n<li>uw adres.</li>\n</ul>" in html


def test_a_study_that_does_not_say_who_asks_takes_no_one(tmp_path):
    root = content_with(tmp_path / "content", "sprint-sms", organisation=None)
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "a.db"),
         "CONTENT_ROOT": str(root), "SECRET_KEY": "test"}
    )  # fmt: skip
    client = app.test_client()
    assert client.get("/s/sprint-sms").status_code == 503
    assert client.get("/s/sprint-sms/consent").status_code == 503
    response = Bot(client, "sprint-sms").client.post(
        "/s/sprint-sms/consent", data={"decision": "yes"}
    )
    assert response.status_code in (400, 503)
    db = store.open_db(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
    db.close()


def test_the_sender_is_the_study_municipality(client):
    Bot(client, "vroegsignalering", seed=1).consent()
    html = client.get("/s/vroegsignalering/m/0").get_data(as_text=True)
    assert "Zwolle" in html  # vroegsignalering names Zwolle


def test_stop_and_the_language_switch_once_taking_part(client):
    bot = Bot(client, "sprint-sms", seed=2)
    bot.consent()
    for url in ("/s/sprint-sms/m/0", "/s/sprint-sms/stop"):
        html = client.get(url).get_data(as_text=True)
        switch = [f for f in forms(html) if (f["action"] or "").endswith("/language")]
        assert len(switch) == 1 and switch[0]["hidden"]["back"] == url
    assert 'href="/s/sprint-sms/stop"' in client.get("/s/sprint-sms/m/0").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "url",
    [
        "/s/sprint-sms/declined?lang=nl",
        "/withdraw?lang=nl",
        "/s/sprint-sms/stopped?done=stopped_kept&lang=nl",
    ],
)
def test_pages_outside_the_study_switch_language_with_a_link(client, url):
    html = client.get(url).get_data(as_text=True)
    switched = re.search(r'<a class="header-link" href="([^"]+)"', html).group(1)
    english = client.get(switched.replace("&amp;", "&"))
    assert english.status_code == 200
    assert '<html lang="en">' in english.get_data(as_text=True)
