import shutil

import pytest

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.content.studies import Variant, load_study
from sprintlab.studio import setup as study_setup
from tests.conftest import ROOT


@pytest.fixture
def content(tmp_path):
    for name in ("prototypes", "messages"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return Content(tmp_path)


def choice(template, label="Label"):
    return Variant(id="", template=template, label={"nl": label, "en": label})


def request_for(content, **fields):
    values = {
        "study_id": "nieuw",
        "title": {"nl": "Nieuw onderzoek", "en": "New study"},
        "design": "between",
        "variants": (
            choice("letter/controle"),
            choice("sms/keuze"),
            choice("letter/keuze"),
        ),
        "base": content.study("vroegsignalering"),
    }
    values.update(fields)
    return study_setup.StudyRequest(**values)


def create(database, content, request):
    return study_setup.create_study(
        database, content.prototypes_dir, content.messages_dir, request, "sanne"
    )


def test_variant_ids_are_names_made_unique():
    assert study_setup.variant_ids(["letter/keuze", "sms/keuze", "sms/coach"]) == [
        "keuze",
        "sms-keuze",
        "coach",
    ]


def test_definition_takes_the_questionnaire_from_the_base(content):
    data = study_setup.study_definition(request_for(content))
    base = content.study("vroegsignalering")
    assert data["control"] == "controle" and data["version"] == 1
    assert [v["id"] for v in data["variants"]] == ["controle", "keuze", "letter-keuze"]
    assert data["primary_outcome"] == base.primary_outcome
    assert data["consent"]["version"] == base.consent_version
    assert "één bericht" in data["intro"]["nl"] and "one message" in data["intro"]["en"]
    within = study_setup.study_definition(request_for(content, design="within"))
    assert "3 berichten" in within["intro"]["nl"]


def test_create_writes_a_checked_study_that_starts_paused(database, content):
    path = create(database, content, request_for(content))
    study = load_study(path)
    assert study.id == "nieuw" and len(study.variants) == 3
    assert study.questions == content.study("vroegsignalering").questions
    assert path.read_text().startswith("# Created in the sprintlab studio by sanne")
    assert store.study_state(database, "nieuw") == "paused"
    assert not study_setup.accepts_participants(database, "nieuw")
    assert sorted(p.name for p in content.prototypes_dir.iterdir()) == [
        "nieuw.toml",
        "sprint-sms.toml",
        "vroegsignalering-factorieel.toml",
        "vroegsignalering.toml",
    ]


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"study_id": "../escape"}, "id"),
        ({"study_id": "sprint-sms"}, "id"),
        ({"design": "mixed"}, "design"),
        ({"variants": (choice("letter/controle"),)}, "variants"),
        (
            {"variants": (choice("letter/controle"), choice("letter/controle"))},
            "variants",
        ),
        ({"variants": (choice("letter/controle"), choice("letter/../x"))}, "variants"),
        (
            {"variants": (choice("letter/controle"), choice("letter/nope"))},
            "variant (nope)",
        ),
        ({"title": {"nl": "Titel", "en": ""}}, "title in English"),
        (
            {"variants": (choice("letter/controle"), choice("sms/keuze", ""))},
            "variant 2",
        ),
    ],
)
def test_problems_refuse_the_study_and_write_nothing(database, content, fields, where):
    before = sorted(content.prototypes_dir.iterdir())
    with pytest.raises(study_setup.StudyRefused) as refused:
        create(database, content, request_for(content, **fields))
    assert any(p.where.startswith(where) for p in refused.value.problems), refused.value
    assert sorted(content.prototypes_dir.iterdir()) == before


def test_states_change_and_only_open_accepts_participants(database):
    assert study_setup.accepts_participants(database, "any")
    for state in ("paused", "closed", "open"):
        study_setup.change_state(database, "any", state, "sanne")
        assert store.study_state(database, "any") == state
    assert [c["state"] for c in store.study_state_changes(database, "any")] == [
        "open",
        "closed",
        "paused",
    ]
    with pytest.raises(ValueError):
        study_setup.change_state(database, "any", "deleted", "sanne")


def test_a_new_study_keeps_the_verdict_outcomes_and_margins_of_its_base(
    database, content
):
    path = content.prototypes_dir / "vroegsignalering.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'primary_outcome = "helps"',
        'primary_outcome = "helps"\nintrusiveness_outcome = "intrusive"\n'
        "margins_required = true",
    )
    for question in ("helps", "intrusive"):
        text = text.replace(
            f'id = "{question}"\ntype = "likert7"',
            f'id = "{question}"\ntype = "likert7"\nmargin = 0.75',
        )
    path.write_text(text, encoding="utf-8")
    study = load_study(create(database, content, request_for(content)))
    assert study.intrusiveness_outcome == "intrusive" and study.margins_required
    assert study.question("helps").margin == 0.75
