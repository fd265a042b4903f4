import shutil

from markupsafe import escape

from sprintlab import create_app
from tests.conftest import ROOT


def test_index_lists_studies_and_templates(client):
    page = client.get("/").get_data(as_text=True)
    assert "/gallery/vroegsignalering" in page and "/gallery/sprint-sms" in page
    assert "/gallery/template/poster/bushalte" in page


def test_study_page_shows_every_variant_as_a_mockup(client, content):
    study = content.study("vroegsignalering")
    page = client.get("/gallery/vroegsignalering").get_data(as_text=True)
    assert page.count('class="mockup ') == len(study.variants)
    for variant in study.variants:
        assert str(escape(variant.label["nl"])) in page
    assert 'class="mockup letter"' in page and 'class="mockup sms"' in page
    assert 'class="mockup poster bus-shelter"' in page


def test_language_and_persona_switch(client):
    dutch = client.get("/gallery/sprint-sms?seed=1").get_data(as_text=True)
    english = client.get("/gallery/sprint-sms?lang=en&seed=1").get_data(as_text=True)
    other = client.get("/gallery/sprint-sms?seed=2").get_data(as_text=True)
    assert 'lang="nl"' in dutch and 'lang="en"' in english
    assert dutch != other


def test_unknown_study_or_template_is_404(client):
    assert client.get("/gallery/nope").status_code == 404
    assert client.get("/gallery/template/letter/nope").status_code == 404
    assert client.get("/gallery/template/letter/..%2f..%2fetc").status_code == 404


def test_bad_seed_falls_back(client):
    fallback = client.get("/gallery/sprint-sms?seed=abc")
    assert fallback.status_code == 200
    assert fallback.data == client.get("/gallery/sprint-sms?seed=0").data
    assert fallback.data != client.get("/gallery/sprint-sms?seed=1").data


def test_a_broken_study_file_takes_only_its_own_study_out(tmp_path):
    shutil.copytree(ROOT / "messages", tmp_path / "messages")
    shutil.copytree(ROOT / "prototypes", tmp_path / "prototypes")
    broken = tmp_path / "prototypes" / "sprint-sms.toml"
    broken.write_text(broken.read_text().replace("design =", "design = = "))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "app.db"),
            "CONTENT_ROOT": str(tmp_path),
            "SECRET_KEY": "test",
        }
    )
    client = app.test_client()
    index = client.get("/")
    assert index.status_code == 200
    page = index.get_data(as_text=True)
    assert "/gallery/vroegsignalering" in page
    assert "prototypes/sprint-sms.toml" in page and "TOML error" in page
    assert client.get("/s/vroegsignalering").status_code == 200
    assert client.get("/gallery/vroegsignalering").status_code == 200
    unavailable = client.get("/s/sprint-sms")
    assert unavailable.status_code == 503
    assert "niet beschikbaar" in unavailable.get_data(as_text=True)
