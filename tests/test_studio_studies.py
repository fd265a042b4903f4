"""Study set-up in the studio: create from templates, open, pause, close, share."""

import pytest

from sprintlab import db as store
from sprintlab.content.check import check_study_file
from tests.studio_support import csrf, log_in, snapshot, studio_app


@pytest.fixture
def app(tmp_path):
    return studio_app(tmp_path)


@pytest.fixture
def designer(app):
    client = app.test_client()
    log_in(client, "designer")
    return client


def new_study_form(client, **fields):
    form = {
        "csrf_token": csrf(client, "/studio/studies/new"),
        "id": "brieven-sprint",
        "title_nl": "Twee brieven",
        "title_en": "Two letters",
        "design": "within",
        "base": "sprint-sms",
        "v0_template": "letter/controle",
        "v0_label_nl": "Controle",
        "v0_label_en": "Control",
        "v1_template": "letter/toon-warm",
        "v1_label_nl": "Warme toon",
        "v1_label_en": "Warm tone",
        "v1_scenario_nl": "Stel u voor: u bent net verhuisd.",
        "v1_scenario_en": "Imagine: you have just moved house.",
    }
    form.update(fields)
    return form


def content_of(app):
    return app.extensions["sprintlab.content"]


def test_create_a_study_from_templates(designer, app):
    response = designer.post("/studio/studies/new", data=new_study_form(designer))
    assert response.status_code == 303
    assert response.headers["Location"] == "/studio/studies/brieven-sprint"
    content = content_of(app)
    path = content.prototypes_dir / "brieven-sprint.toml"
    # Only a note: the studio does not ask which factor each variant changes.
    problems = check_study_file(path, content.messages_dir)
    assert [(p.level, p.where) for p in problems] == [
        ("note", "variants (toon-warm).factor")
    ]
    study = content.study("brieven-sprint")
    assert [v.template for v in study.variants] == [
        "letter/controle",
        "letter/toon-warm",
    ]
    assert study.control == "controle" and study.design == "within"
    assert study.variant("toon-warm").scenario["en"].startswith("Imagine")
    base = content.study("sprint-sms")
    assert study.questions == base.questions and study.segments == base.segments
    page = designer.get(response.headers["Location"]).get_data(as_text=True)
    assert "It is paused" in page and "Paused" in page
    assert "http://localhost/s/brieven-sprint" in page
    assert "http://localhost/s/brieven-sprint?kiosk=1" in page
    assert "<svg" in page and "QR code for http://localhost/s/brieven-sprint" in page
    assert not list(content.prototypes_dir.glob(".*"))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"v1_label_en": ""}, "variant 2 (toon-warm).label in English"),
        ({"v1_template": ""}, "pick between 2 and"),
        ({"id": "../../etc/passwd"}, "use lower-case letters"),
        ({"id": "sprint-sms"}, "already a study with this id"),
        ({"v1_template": "letter/controle"}, "pick each template once"),
        ({"design": "sideways"}, "choose one of between, within"),
        ({"title_nl": ""}, "title in Dutch"),
    ],
)
def test_a_study_with_problems_is_not_written(designer, app, fields, expected):
    before = snapshot(content_of(app).root)
    response = designer.post(
        "/studio/studies/new", data=new_study_form(designer, **fields)
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The study was not created" in page and expected in page
    assert snapshot(content_of(app).root) == before


def test_a_template_that_is_a_path_is_refused_in_the_study_form(designer, app):
    before = snapshot(content_of(app).root)
    form = new_study_form(designer, v1_template="letter/../../../etc/passwd")
    assert designer.post("/studio/studies/new", data=form).status_code == 400
    assert (
        designer.post(
            "/studio/studies/new", data=new_study_form(designer, base="../sprint-sms")
        ).status_code
        == 400
    )
    assert snapshot(content_of(app).root) == before


def test_an_id_with_evidence_cannot_be_reused(designer, app):
    db = store.open_db(app.config["DATABASE"])
    store.store_study_version(db, "brieven-sprint", 1, "id = 'brieven-sprint'")
    db.close()
    response = designer.post("/studio/studies/new", data=new_study_form(designer))
    assert response.status_code == 422
    assert "used before" in response.get_data(as_text=True)


def set_state(client, study_id, state):
    token = csrf(client, "/studio/")
    return client.post(
        f"/studio/studies/{study_id}/state", data={"csrf_token": token, "state": state}
    )


def consent(client, study_id="sprint-sms", language="nl"):
    token = csrf(client, f"/s/{study_id}/consent?lang={language}")
    return client.post(
        f"/s/{study_id}/consent",
        data={
            "csrf_token": token,
            "decision": "yes",
            "lang": language,
            "consent_version": content_of(client.application)
            .study(study_id)
            .consent_version,
        },
    )


def participants(app, study_id="sprint-sms"):
    db = store.open_db(app.config["DATABASE"])
    count = store.participant_count(db, study_id)
    db.close()
    return count


def test_pause_and_close_refuse_new_participants_with_a_clear_page(designer, app):
    person = app.test_client()
    landing = person.get("/s/sprint-sms")  # the consent form's token comes first
    assert landing.status_code == 200
    token = csrf(person, "/s/sprint-sms/consent")
    assert set_state(designer, "sprint-sms", "paused").status_code == 303
    paused = person.get("/s/sprint-sms")
    assert paused.status_code == 503
    assert "Dit onderzoek staat even stil" in paused.get_data(as_text=True)
    english = person.get("/s/sprint-sms?lang=en").get_data(as_text=True)
    assert "This study is paused" in english
    version = content_of(app).study("sprint-sms").consent_version
    late = person.post(
        "/s/sprint-sms/consent",
        data={
            "csrf_token": token,
            "decision": "yes",
            "lang": "nl",
            "consent_version": version,
        },
    )
    assert late.status_code == 503 and participants(app) == 0
    assert set_state(designer, "sprint-sms", "closed").status_code == 303
    closed = person.get("/s/sprint-sms")
    assert closed.status_code == 410
    assert "Dit onderzoek is afgelopen" in closed.get_data(as_text=True)
    assert set_state(designer, "sprint-sms", "open").status_code == 303
    assert consent(person).status_code == 303 and participants(app) == 1


def test_people_who_already_started_can_finish_a_paused_study(designer, app):
    person = app.test_client()
    assert consent(person).status_code == 303
    set_state(designer, "sprint-sms", "paused")
    assert person.get("/s/sprint-sms/m/0").status_code == 200


def test_state_changes_are_recorded_and_shown(designer, app):
    set_state(designer, "vroegsignalering", "paused")
    page = designer.get("/studio/studies/vroegsignalering").get_data(as_text=True)
    assert "paused by designer" in page
    studies = designer.get("/studio/studies").get_data(as_text=True)
    assert "state-paused" in studies and "state-open" in studies
    assert set_state(designer, "vroegsignalering", "gone").status_code == 400
    assert designer.get("/studio/studies/nope").status_code == 404
    assert set_state(designer, "nope", "open").status_code == 404
