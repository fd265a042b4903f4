import datetime
import re

import pytest

from sprintlab.cli import cli
from sprintlab.content import sweep
from sprintlab.content.check import check_paths, check_template_file
from sprintlab.content.personas import make_persona
from tests.conftest import DATA, ROOT

BROKEN = DATA / "broken"


def by_file(problems):
    found = {}
    for problem in problems:
        found.setdefault(problem.path.rsplit("/", 1)[-1], []).append(problem)
    return found


def test_broken_fixtures_report_each_error_with_file_and_key_or_line():
    problems = by_file(
        check_paths([BROKEN / "prototypes", BROKEN / "messages"], BROKEN / "messages")
    )
    expected = {
        "bad-toml.toml": ("", "line 3"),
        "unknown-key.toml": ("colour", "unknown key"),
        "missing-translation.toml": ("title.en", "missing translation"),
        "missing-template.toml": ("(sms).template", "sms/bestaat-niet"),
        "text-outcome.toml": ("primary_outcome", "rating question"),
        "syntax.nl.md": ("10", "syntax"),
        "undefined.nl.md": ("11", "iban"),
        "front.nl.md": ("colour", "unknown key"),
        "taal.en.md": ("language", ".en.md"),
        "injectie.nl.md": ("7", "cycler"),
    }
    for name, (where, words) in expected.items():
        found = problems.get(name, [])
        assert any(where in p.where and words in p.message for p in found), (
            name,
            found,
        )
        assert all(p.level == "error" for p in found)
    assert "brief.nl.md" not in problems and "kort.nl.md" not in problems


def test_check_exits_1_on_broken_content(runner):
    result = runner.invoke(cli, ["check", "--content", str(BROKEN)])
    assert result.exit_code == 1
    assert "syntax.nl.md:10: error" in result.output
    assert "error(s)" in result.output


def test_check_passes_on_shipped_content(runner):
    result = runner.invoke(cli, ["check", "--content", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_check_one_file_and_a_missing_one(runner):
    good = ROOT / "messages" / "sms" / "hulpaanbod.nl.md"
    assert runner.invoke(cli, ["check", str(good)]).exit_code == 0
    result = runner.invoke(cli, ["check", str(ROOT / "nope.toml")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_readability_and_sms_warnings_do_not_fail(runner, tmp_path):
    folder = tmp_path / "messages" / "sms"
    folder.mkdir(parents=True)
    (tmp_path / "prototypes").mkdir()
    long_text = "Ingevolge de toepasselijke regelgeving wordt u hierbij verzocht. " * 6
    (folder / "lang.nl.md").write_text(
        '+++\nchannel = "sms"\nsender = "Gemeentelijke Kredietbank"\nlanguage = "nl"\n'
        f'description = "te lang"\n+++\n{long_text}’\n'
    )
    result = runner.invoke(cli, ["check", "--content", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "SMS segments" in result.output
    assert "UCS-2" in result.output
    assert "sender ID" in result.output
    assert "above B1" in result.output


FRONT = (
    '+++\nchannel = "letter"\nsender = "Gemeente"\nsubject = "Hulp"\n'
    'language = "nl"\ndescription = "test"\n+++\n'
)


def letter_file(tmp_path, body):
    path = tmp_path / "letter" / "bom.nl.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(FRONT + body)
    return path


@pytest.mark.parametrize(
    ("body", "broken_on"),
    [
        # Fine in January, broken every other month: saved on 10 January.
        ("{% if today.month != 1 %}{{ persona.not_a_field }}{% endif %}", "2027-02"),
        ("{% if today.day == 29 and today.month == 2 %}{{ persona.x }}{% endif %}",
         "2028-02-29"),
        ("{% if today.day > 30 %}{{ persona.x }}{% endif %}", "-31"),
        ("{% if today.day == 15 %}{{ persona.x }}{% endif %}", "-15"),
        ("{% if today.year > 2027 %}{{ persona.x }}{% endif %}", "2028-"),
    ],
)  # fmt: skip
def test_a_time_bomb_is_refused_naming_the_date(tmp_path, body, broken_on):
    path = letter_file(tmp_path, f"Beste {{{{ persona.first_name }}}},\n{body}\n")
    [problem] = check_template_file(path, today=datetime.date(2027, 1, 10))
    assert problem.level == "error" and problem.where == "9"
    assert "unknown field" in problem.message and broken_on in problem.message
    assert "for persona" in problem.message


def test_a_template_broken_for_some_personas_is_refused_naming_one(tmp_path):
    path = letter_file(
        tmp_path, "{% if persona.arrears > 400 %}{{ persona.x }}{% endif %}\n"
    )
    [problem] = check_template_file(path, today=datetime.date(2027, 1, 10))
    seed = int(re.search(r"for persona (\d+)", problem.message).group(1))
    day = datetime.date.fromisoformat(re.search(r"on ([\d-]+)", problem.message)[1])
    assert make_persona(seed, "nl", day)["arrears"] > 400


def test_the_sweep_covers_every_month_its_ends_and_many_personas():
    start = datetime.date(2026, 11, 28)
    days = sweep.sweep_dates(start)
    months = {(day.year, day.month) for day in days}
    assert len(months) >= 12
    assert datetime.date(2026, 12, 31) in days and datetime.date(2027, 1, 1) in days
    assert datetime.date(2027, 2, 28) in days and datetime.date(2028, 2, 29) in days
    pairs = sweep.sweep(start)
    assert {seed for _, seed in pairs} == set(range(sweep.SEEDS))
    assert {day for day, _ in pairs} == set(days)


def test_a_slow_template_is_refused_before_it_stalls_the_check(tmp_path):
    line = "{% if s|title|wordcount %}{% endif %}\n"
    path = letter_file(tmp_path, "{% set s = 'ab cd ' * 8000 %}\n" + line * 300)
    [problem] = check_template_file(path, today=datetime.date(2027, 1, 10))
    assert "ms to render" in problem.message and "for persona" in problem.message


def sms_file(tmp_path, body):
    path = tmp_path / "sms" / "bedrag.nl.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        '+++\nchannel = "sms"\nsender = "Gemeente"\nlanguage = "nl"\n'
        f'description = "bedrag"\n+++\n{body}\n'
    )
    return path


def test_an_sms_using_euro_and_date_needs_no_ucs2(tmp_path):
    from sprintlab.content.messages import load_template
    from sprintlab.content.rendering import render_message

    body = (
        "Beste {{ persona.addressed_as }}, sinds {{ persona.open_since|date }} staat"
        " {{ persona.arrears|euro }} open. Bel {{ persona.phone }}."
    )
    path = sms_file(tmp_path, body)
    assert not [p for p in check_template_file(path) if "UCS-2" in p.message]
    template = load_template(tmp_path, "sms/bedrag", "nl")
    text = render_message(template, make_persona(1, "nl")).text
    assert "€ " in text and "\xa0" not in text


def test_a_no_break_space_the_designer_typed_in_an_sms_still_warns(tmp_path):
    path = sms_file(tmp_path, "Bel ons:\xa0{{ persona.phone }}.")
    [warning] = [p for p in check_template_file(path) if "UCS-2" in p.message]
    assert "'\\xa0'" in warning.message and warning.level == "warning"


def test_a_letter_keeps_amounts_on_one_line():
    from sprintlab.content.folder import Content
    from sprintlab.content.rendering import render_message

    letter = Content(DATA / "minimal").template("letter/brief", "nl")
    text = render_message(letter, make_persona(1, "nl")).text
    assert "€\xa0" in text  # a no-break space: € and the amount stay together


def test_shipped_content_has_no_warnings_either(runner):
    result = runner.invoke(cli, ["check", "--content", str(ROOT)])
    assert "0 error(s), 0 warning(s)" in result.output, result.output


def shipped_study_with(tmp_path, edit):
    """vroegsignalering, edited by EDIT(text), in a content folder of its own."""
    from tests.study_variants import content_with

    root = content_with(tmp_path / "c", "vroegsignalering")
    path = root / "prototypes" / "vroegsignalering.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return root, path


def test_a_study_that_does_not_say_who_asks_is_refused(runner, tmp_path):
    from tests.study_variants import content_with

    root = content_with(tmp_path / "c", "sprint-sms", organisation=None)
    result = runner.invoke(
        cli, ["check", "--content", str(root), str(root / "prototypes")]
    )
    assert result.exit_code == 1
    assert "(organisation): error: missing: add it" in result.output
    assert "who is asking, named on the consent page" in result.output


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            'email = "onderzoek@lectoraat-pd.example.nl"',
            'email = "onderzoek"',
            "e-mail",
        ),
        ('phone = "030 000 00 00"', 'phone = "bel ons"', "phone number"),
        ('layout = "auto"', 'layout = "tabs"', "grouped, one-per-screen, auto"),
        ('layout = "auto"', 'opening = "dicht"', "open, staged"),
        ('municipality = "Zwolle"', "municipality = 7", "the municipality's name"),
    ],
)
def test_settings_that_make_no_sense_are_errors(runner, tmp_path, old, new, words):
    root, path = shipped_study_with(tmp_path, lambda text: text.replace(old, new))
    result = runner.invoke(cli, ["check", "--content", str(root), str(path)])
    assert result.exit_code == 1 and words in result.output, result.output


def test_a_heavy_page_and_a_reverse_keyed_item_in_the_middle_are_warnings(
    runner, tmp_path
):
    def edit(text):
        # the intrusiveness item back in the middle, and a ninth rating item
        start = text.index('[[questions]]\nid = "intrusive"')
        end = text.index("[[questions]]", start + 5)
        block = text[start:end]
        text = text[:start] + text[end:]
        at = text.index('[[questions]]\nid = "autonomy"')
        extra = block.replace('id = "intrusive"', 'id = "pushy"')
        return (
            text[:at]
            + block
            + extra.replace('better = "lower"', 'better = "higher"')
            + text[at:]
        )

    root, path = shipped_study_with(tmp_path, edit)
    result = runner.invoke(cli, ["check", "--content", str(root), str(path)])
    assert result.exit_code == 0, result.output
    assert "9 rating items per message; keep it to 8" in result.output
    assert "questions (intrusive): warning: a reverse-keyed item" in result.output


def test_a_wordy_poster_is_a_warning(runner, tmp_path):
    folder = tmp_path / "messages" / "poster"
    folder.mkdir(parents=True)
    (tmp_path / "prototypes").mkdir()
    headline = "Heeft u een rekening die nog openstaat en weet u niet wat u moet doen"
    (folder / "lang.nl.md").write_text(
        '+++\nchannel = "poster"\nsender = "Gemeente Zwolle"\n'
        f'title = "{headline}"\nlanguage = "nl"\ndescription = "te veel"\n+++\n'
        "Bel ons. Wij helpen u gratis. Samen kijken we naar uw rekeningen en zoeken we"
        " een oplossing.\n"
    )
    result = runner.invoke(cli, ["check", "--content", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "the headline has 15 words; keep it to 12" in result.output
    assert "the poster has 34 words" in result.output
