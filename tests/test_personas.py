import datetime

import pytest

from sprintlab.content.personas import CREDITOR_KINDS, make_persona

TODAY = datetime.date(2026, 11, 28)
FIELDS = {
    "salutation",
    "addressed_as",
    "first_name",
    "last_name",
    "full_name",
    "street",
    "house_number",
    "postcode",
    "city",
    "municipality",
    "municipality_website",
    "sms_sender",
    "arrears",
    "creditor",
    "creditor_kind",
    "due_date",
    "open_since",
    "case_worker",
    "case_worker_first_name",
    "phone",
    "reference",
}


def test_a_seed_always_gives_the_same_person():
    assert make_persona(7, "nl", TODAY) == make_persona(7, "nl", TODAY)
    assert make_persona(7, "nl", TODAY) != make_persona(8, "nl", TODAY)


def test_a_reused_generator_gives_the_persona_a_new_one_gives(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from faker import Faker

    from sprintlab.content import personas

    seeds = [5, 0, 17, 5, 3, 17, 0, 999_999, 3]
    reused = [make_persona(seed, "nl", TODAY) for seed in seeds]
    with ThreadPoolExecutor(3) as pool:  # other threads, other generators
        threaded = list(pool.map(lambda seed: make_persona(seed, "en", TODAY), seeds))
    monkeypatch.setattr(personas, "_generator", lambda: Faker("nl_NL"))
    assert reused == [make_persona(seed, "nl", TODAY) for seed in seeds]
    assert threaded == [make_persona(seed, "en", TODAY) for seed in seeds]


def test_persona_has_every_field_in_dutch_formats():
    for seed in range(50):
        persona = make_persona(seed, "nl", TODAY)
        assert set(persona) == FIELDS
        assert persona["salutation"] in ("meneer", "mevrouw")
        assert persona["postcode"][:4].isdigit() and persona["postcode"][4] == " "
        assert persona["arrears"] > 0
        assert persona["open_since"] < TODAY < persona["due_date"]
        assert persona["due_date"] <= TODAY + datetime.timedelta(days=28)
        assert persona["creditor_kind"] in {nl for nl, _ in CREDITOR_KINDS.values()}


def test_addressed_as_capitalises_the_particle():
    names = {make_persona(seed, "nl", TODAY)["last_name"] for seed in range(200)}
    particle = next(name for name in names if name.startswith("van "))
    seed = next(
        s for s in range(200) if make_persona(s, "nl", TODAY)["last_name"] == particle
    )
    persona = make_persona(seed, "nl", TODAY)
    assert persona["addressed_as"] == f"{persona['salutation']} V{particle[1:]}"
    assert persona["full_name"].endswith(particle)


def test_english_persona_is_the_same_person_in_english():
    nl, en = make_persona(3, "nl", TODAY), make_persona(3, "en", TODAY)
    assert nl["full_name"] == en["full_name"]
    assert en["salutation"] in ("Mr", "Ms")
    assert en["creditor_kind"] in {english for _, english in CREDITOR_KINDS.values()}


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no personas"):
        make_persona(1, "fr")


def test_parse_seed_takes_numbers_and_falls_back_to_zero():
    from sprintlab.content.personas import MAX_SEED, parse_seed

    assert parse_seed("42") == 42 and parse_seed(7) == 7
    assert parse_seed("abc") == parse_seed(None) == parse_seed("") == 0
    assert parse_seed("-5") == 0 and parse_seed(str(10**9)) == MAX_SEED


def test_a_persona_lives_in_a_real_municipality_from_the_list():
    from sprintlab.content.municipalities import MUNICIPALITIES

    places = {make_persona(seed, "nl", TODAY)["municipality"] for seed in range(300)}
    assert places <= set(MUNICIPALITIES)
    assert len(places) > 20  # drawn, not one for everyone
    for seed in range(300):
        persona = make_persona(seed, "nl", TODAY)
        assert persona["city"] == persona["municipality"]
        assert persona["municipality_website"].startswith("www.")


def test_the_shipped_list_holds_names_not_faker_places_with_a_hamlet():
    from faker import Faker

    from sprintlab.content.municipalities import MUNICIPALITIES

    # Faker's nl_NL places include a town followed by a hamlet ("Winterswijk
    # Brinkheurne"); none of those is a municipality on our list.
    faker_places = set(Faker("nl_NL").city.__self__.cities)
    suffixed = {
        place
        for place in faker_places
        if " " in place and place.split()[0] in MUNICIPALITIES
    }
    assert suffixed and not suffixed & set(MUNICIPALITIES)
    assert len(set(MUNICIPALITIES)) == len(MUNICIPALITIES)


def test_a_study_municipality_is_the_sender_and_the_rest_stays_the_same():
    drawn = make_persona(7, "nl", TODAY)
    given = make_persona(7, "nl", TODAY, municipality="Súdwest-Fryslân")
    assert given["municipality"] == given["city"] == "Súdwest-Fryslân"
    assert given["municipality_website"] == "www.sudwest-fryslan.nl"
    assert given["sms_sender"] == "SudwestF"  # at most 11 characters
    same = {
        k: v
        for k, v in given.items()
        if k not in ("municipality", "city", "municipality_website", "sms_sender")
    }
    assert same == {k: drawn[k] for k in same}
