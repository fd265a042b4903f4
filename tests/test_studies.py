import pytest

from sprintlab.content.problems import ContentError
from sprintlab.content.studies import load_studies, parse_study
from tests.conftest import DATA, ROOT

MINI = (DATA / "minimal" / "prototypes" / "mini.toml").read_text()


def test_shipped_studies_load():
    studies = load_studies(ROOT / "prototypes")
    assert set(studies) == {
        "vroegsignalering",
        "sprint-sms",
        "vroegsignalering-factorieel",
    }
    between = studies["vroegsignalering"]
    assert between.design == "between"
    assert len(between.variants) >= 7
    assert between.control == "controle"
    rated = [q for q in between.questions if q.type == "likert7"]
    assert len(rated) == 8
    assert between.question("intrusive").better == "lower"
    assert between.question("scam").type == "yes_no"
    segment_ids = [q.id for q in between.segments]
    assert segment_ids[:6] == ["rondkomen", "buffer", "zorgen", "vertrouwen",
                               "slechte_ervaring", "levensgebeurtenis"]  # fmt: skip
    # attitude items that help find latent segments, and a ranking of channels
    assert len(between.indicators) == 15 and len(between.tested_segments) == 6
    assert [q.id for q in between.rank_questions] == ["kanaal"]
    assert [q.id for q in between.data_use_questions] == ["datagebruik"]
    factorial = studies["vroegsignalering-factorieel"]
    assert factorial.design == "factorial" and len(factorial.variants) == 8
    assert [f.id for f in factorial.factors] == ["afzender", "toon", "transparantie"]
    assert factorial.control == "gemeente-formeel-neutraal"
    assert {v.template for v in factorial.variants} == {
        "letter/vroegsignalering-factorieel"
    }
    assert factorial.variant("geldloket-warm-uitleg").levels == {
        "afzender": "geldloket", "toon": "warm", "transparantie": "uitleg"
    }  # fmt: skip
    within = studies["sprint-sms"]
    assert within.design == "within"
    assert {v.template.split("/")[0] for v in within.variants} == {"sms"}
    assert within.target_per_variant == 5


def test_minimal_study_reads_every_part():
    study = parse_study(MINI, "mini.toml")
    assert study.variant("sms").scenario["nl"].startswith("Stel u voor")
    assert study.variant("brief").scenario is None
    assert study.question("nuttig").labels("nl")[0] == "Helemaal mee oneens"
    assert study.question("contact").option_ids() == ("yes", "no")
    assert study.question("vertrouwen").option_ids() == ("veel", "weinig")
    assert [q.id for q in study.rated_questions] == ["nuttig", "contact"]
    assert study.consent["en"] == "Your answers are anonymous."
    assert len(study.hash) == 64
    with pytest.raises(KeyError):
        study.variant("nope")


@pytest.mark.parametrize(
    "change, where, words",
    [
        (('design = "between"', 'design = "crossover"'), "design", "between, within"),
        (('en = "Small test"', ""), "title.en", "missing translation"),
        (('control = "brief"', 'control = "fax"'), "control", "variant ids"),
        (
            ('template = "sms/kort"', 'template = "../sms/kort"'),
            "template",
            "'<channel>/<name>'",
        ),
        (('type = "yes_no"', 'type = "slider"'), "type", "likert7"),
        (('id = "sms"', 'id = "brief"'), "variants", "used twice"),
        (("minutes = 3", "minutes = 0"), "minutes", "whole number"),
        (('version = "1"', "version = 1"), "consent.version", "version string"),
        (
            ('primary_outcome = "nuttig"', 'primary_outcome = "anders"'),
            "primary_outcome",
            "rating question",
        ),
        (("minutes = 3", 'minutes = 3\nkleur = "rood"'), "kleur", "unknown key"),
        (
            ("minutes = 3", "minutes = 3\nmargins_required = true"),
            "(nuttig).margin",
            "margins_required = true",
        ),
        (('better = "higher"', 'better = "higher"\nmargin = 6'), "margin", "below 6"),
        (('factor = "channel"\n', ""), "(sms).level", "a level belongs to a factor"),
        (
            ('design = "between"', 'design = "factorial"'),
            "factors",
            "a factorial study needs factors",
        ),
    ],
)
def test_each_problem_names_its_key(change, where, words):
    with pytest.raises(ContentError) as caught:
        parse_study(MINI.replace(*change, 1), "mini.toml")
    problems = caught.value.problems
    assert any(where in p.where and words in p.message for p in problems), problems


def test_toml_error_names_the_line():
    with pytest.raises(ContentError, match="line 2"):
        parse_study('id = "x"\nversion = = 1\n')


def test_participant_settings_and_their_defaults():
    study = parse_study(MINI, "mini.toml")
    settings = study.settings
    assert settings.organisation.name == {"nl": "Het testteam", "en": "The test team"}
    assert settings.organisation.email == "onderzoek@example.nl"
    assert settings.organisation.phone is None
    assert (settings.layout, settings.opening, settings.municipality) == (
        "grouped",
        "open",
        None,
    )
    shipped = load_studies(ROOT / "prototypes")["vroegsignalering"].settings
    assert (shipped.layout, shipped.municipality) == ("auto", "Zwolle")


def test_a_stored_definition_from_before_organisations_still_reads():
    # Participants keep the study they consented to; older definitions have
    # no [organisation] (only `check` refuses that in a study file).
    start = MINI.index("[organisation]")
    end = MINI.index("[consent]")
    older = MINI[:start] + MINI[end:]
    study = parse_study(older, "stored", stored=True)
    assert study.settings.organisation is None
    with pytest.raises(ContentError, match="organisation"):
        parse_study(older, "prototypes/mini.toml")  # a study file must name it
