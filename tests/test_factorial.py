"""Factorial studies end to end: the file, the cells, simulate, analyze, the pages."""

import json
import re
import shutil

import pytest

from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.content.check import check_paths
from sprintlab.fieldwork.simulation import parse_effect, per_variant
from tests.bot import Bot
from tests.conftest import ROOT
from tests.test_research import fill, login_as

STUDY = "vroegsignalering-factorieel"


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    """The shipped factorial study, 600 simulated people, two planted factor effects."""
    from click.testing import CliRunner

    runner = CliRunner()
    database = tmp_path_factory.mktemp("factorial") / "f.db"
    output = run(
        runner, "simulate", STUDY, "--db", database, "--participants", 600,
        "--seed", 4, "--effect", "afzender=geldloket:helps=0.8",
        "--effect", "toon=warm:intrusive=-0.8", "--content", ROOT,
    )  # fmt: skip
    assert "true effects: afzender=geldloket:helps=+0.8, toon=warm:intrusive=-0.8" in (
        output
    )
    out = database.with_suffix(".json")
    run(runner, "analyze", STUDY, "--db", database, "--format", "json", "--out", out,
        "--content", ROOT)  # fmt: skip
    return database, json.loads(out.read_text(encoding="utf-8"))


def test_analyze_json_has_a_factors_key_with_each_factors_estimate(simulated):
    _, report = simulated
    factors = {f["factor"]: f for f in report["factors"]}
    assert list(factors) == ["afzender", "toon", "transparantie"]
    for factor in factors.values():
        assert isinstance(factor["estimate"], float)
        assert 0 <= factor["p_value"] <= 1 and 0 <= factor["p_adjusted"] <= 1
        low, high = factor["interval"]
        assert low < factor["estimate"] < high
        assert factor["question"] == "helps" and factor["reference"] != factor["level"]
        assert {t["question"] for t in factor["outcomes"]} >= {"helps", "intrusive"}
    assert (
        report["family"]["factors"] == list(factors) and report["family"]["size"] == 6
    )
    assert report["verdicts"] == {} and report["study"]["design"] == "factorial"
    assert len(report["interactions"]) == 3 * 10  # three pairs, ten rated questions


def test_planted_factor_effects_become_verdicts_and_nothing_else_does(simulated):
    _, report = simulated
    factors = {f["factor"]: f for f in report["factors"]}
    assert factors["afzender"]["helpfulness"] == "better"
    assert factors["afzender"]["text"].startswith(
        "the independent Money Advice Desk: more helpful than the municipality"
    )
    intrusive = {t["question"]: t for t in factors["toon"]["outcomes"]}["intrusive"]
    assert factors["toon"]["intrusiveness"] == "better" and intrusive["estimate"] < 0
    assert intrusive["confidence"] == pytest.approx(1 - 0.05 / 6)
    assert factors["transparantie"]["helpfulness"] not in ("better", "worse")
    assert factors["transparantie"]["intrusiveness"] not in ("better", "worse")


def test_the_cells_are_balanced(simulated):
    # Each newcomer gets the cell with the fewest active or finished people;
    # someone who left long ago stops counting, so "started" varies a little.
    _, report = simulated
    started = report["allocation"]["started"]
    assert len(started) == 8 and max(started.values()) - min(started.values()) <= 5
    assert report["allocation"]["sample_ratio"]["mismatch"] is False
    answered = report["allocation"]["answered"].values()
    assert max(answered) - min(answered) <= 5


def test_the_export_names_each_answers_levels(runner, simulated, content):
    import csv
    import io

    database, _ = simulated
    text = run(runner, "export", STUDY, "--db", database, "--content", ROOT)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0])
    at = header.index("answered_at") + 1
    assert header[at : at + 3] == [
        "factor_afzender", "factor_toon", "factor_transparantie"
    ]  # fmt: skip
    study = content.study(STUDY)
    for row in rows[:50]:
        levels = study.variant(row["variant"]).levels
        assert row["factor_toon"] == levels["toon"]
    assert {row["factor_afzender"] for row in rows} == {"gemeente", "geldloket"}


def test_text_and_html_reports_say_it_per_factor(simulated, content):
    from sprintlab.reporting.analysis import analyse
    from sprintlab.reporting.html import standalone_report
    from sprintlab.reporting.text_report import report_text

    database, _ = simulated
    db = store.open_db(database)
    try:
        report = analyse(db, content.study(STUDY), segments=False)
    finally:
        db.close()
    text = report_text(report)
    assert "3 factor(s), each level against its reference" in text
    assert "Sender: the independent Money Advice Desk: more helpful" in text
    dutch = report_text(report, "nl")
    assert "Afzender: het onafhankelijke Geldloket: nuttiger dan de gemeente" in dutch
    page = standalone_report(report, language="nl")
    assert "Uitspraken per factor" in page and "nuttiger dan de gemeente" in page
    # The Dutch page says it in Dutch: the section's own words, no English left.
    section = page.split('class="factors"', 1)[1].split("</div>", 1)[0]
    assert "robuuste (HC2) standaardfouten" in section and "Interacties" in section
    for english in ("Verdicts per factor", "Interactions", "Main effects", "averaged"):
        assert english not in section, english
    english = standalone_report(report, language="en")
    assert "Verdicts per factor" in english and "robust (HC2) errors" in english


def test_a_factor_effect_that_names_no_level_is_one_line_and_writes_nothing(
    runner, tmp_path
):
    database = tmp_path / "none.db"
    for effect, words in [
        ("afzender=loket:helps=1", "has no level 'afzender=loket'"),
        ("kleur=rood:helps=1", "has no level 'kleur=rood'"),
        ("afzender=geldloket:nope=1", "has no rated question 'nope'"),
        ("a=b=c:helps=1", "FACTOR=LEVEL:QUESTION=SHIFT"),
    ]:
        args = ["simulate", STUDY, "--db", str(database), "--participants", "3"]
        result = runner.invoke(cli, [*args, "--effect", effect])
        assert result.exit_code == 1 and words in result.output, result.output
    result = runner.invoke(cli, ["simulate", "vroegsignalering", "--db",
                                 str(database), "--participants", "3", "--effect",
                                 "afzender=geldloket:helps=1"])  # fmt: skip
    assert "not a factorial study" in result.output
    assert not database.exists()


def test_a_factor_effect_shifts_every_cell_at_its_level(content):
    study = content.study(STUDY)
    key, shift = parse_effect("toon=warm:helps=0.5")
    spread = per_variant(study, {key: shift, ("gemeente-warm-uitleg", "helps"): 0.2})
    warm = {v.id for v in study.variants if v.levels["toon"] == "warm"}
    assert set(v for v, _ in spread) == warm
    assert spread[("gemeente-warm-uitleg", "helps")] == pytest.approx(0.7)


def test_preview_shows_the_cell_a_designer_asks_for(runner, tmp_path):
    template = "letter/vroegsignalering-factorieel"
    out = tmp_path / "cell.html"
    args = ["preview", template, "--seed", "2", "--content", ROOT, "--out", out]
    run(runner, *args)
    reference = out.read_text(encoding="utf-8")
    assert "Beste meneer" in reference or "Beste mevrouw" in reference
    assert "Waarom krijgt u deze brief?" not in reference
    run(runner, *args, "--cell", "toon=warm", "--cell", "transparantie=uitleg")
    warm = out.read_text(encoding="utf-8")
    assert "Waarom krijg je deze brief?" in warm and "team Geldzaken" in warm
    # A level or factor that is not there: one line, exit 1, the file untouched.
    for cell, words in [
        ("toon=heet", "has no level 'heet' of toon"),
        ("kleur=rood", "has no factor 'kleur'"),
        ("toon", "write FACTOR=LEVEL"),
    ]:
        result = runner.invoke(cli, [str(a) for a in (*args, "--cell", cell)])
        assert result.exit_code == 1, result.output
        assert words in result.output and len(result.output.splitlines()) == 1
        assert out.read_text(encoding="utf-8") == warm


def test_a_participant_sees_their_cells_letter(app, client, content):
    study = content.study(STUDY)
    senders = set()
    for seed in range(8):  # the cells go round: each new person the emptiest
        bot = Bot(app.test_client(), STUDY, seed=seed)
        page = bot.client.get(bot.consent().headers["Location"]).get_data(as_text=True)
        senders.add(re.search(r"(Gemeente Zwolle, team Geldzaken|Geldloket Zwolle)",
                              page).group(1))  # fmt: skip
        warm = "Beste " + "mevrouw" not in page and "Wil je hulp?" in page
        formal = "Wilt u hulp?" in page
        assert warm != formal
    assert senders == {"Gemeente Zwolle, team Geldzaken", "Geldloket Zwolle"}
    db = store.connect(app.config["DATABASE"])
    try:
        cells = {row[0] for row in db.execute("SELECT variant_id FROM assignments")}
    finally:
        db.close()
    assert cells == {v.id for v in study.variants}


def test_the_dashboard_and_gallery_show_the_factors(app, client, content):
    fill(app, content, STUDY, 120)
    login_as(app, client, "researcher")
    app.config["REPORT_WAIT_SECONDS"] = 60  # a busy machine: wait for the report
    page = client.get(f"/research/{STUDY}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Verdicts per factor" in html
    assert "Main effects on the verdict outcomes" in html
    gallery = client.get(f"/gallery/{STUDY}").get_data(as_text=True)
    assert gallery.count('class="mockup letter"') == 8
    assert "Waarom krijg je deze brief?" in gallery  # the warm, explained cells


def test_check_refuses_a_template_whose_factors_are_not_the_studys(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "prototypes", folder / "prototypes")
    shutil.copytree(ROOT / "messages", folder / "messages")
    path = folder / "messages" / "letter" / "vroegsignalering-factorieel.nl.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('["formeel", "warm"]', '["warm", "formeel"]'))
    study = folder / "prototypes" / f"{STUDY}.toml"
    [problem] = [
        p for p in check_paths([study], folder / "messages") if p.level == "error"
    ]
    assert problem.where == "template" and "reference first" in problem.message
    assert 'toon = ["formeel", "warm"]' in problem.message
