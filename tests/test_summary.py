"""The summary: the answer first, ranked by the verdicts, the same in every format."""

import html
import json
import re

import numpy as np
import pytest

from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import report_from_evidence
from sprintlab.reporting.formats import report_json
from sprintlab.reporting.summary import (
    GROUPS,
    group_of,
    ranking,
    summary_sentence,
)
from tests import synthetic
from tests.test_research import login_as

PLANTED = {
    ("transparantie", "helps"): 2.0,
    ("transparantie", "intrusive"): -1.0,
}
ROW = re.compile(
    r'<tr class="group-(\w+)"><td class="rank">.*?<span>(\d+)</span></td>'
    r'<th scope="row">(.*?)</th>.*?<span class="verdict-text">(.*?)</span>',
    re.S,
)


@pytest.mark.parametrize(
    ("helpfulness", "intrusiveness", "group"),
    [
        ("better", "better", "helps"),
        ("better", "not_worse", "helps"),
        ("better", "equivalent", "helps"),
        ("better", "unclear", "helps_unclear"),
        ("equivalent", "better", "no_harm"),
        ("unclear", "better", "no_harm"),
        ("not_worse", "unclear", "no_harm"),
        ("unclear", "unclear", "unclear"),
        ("better", "worse", "trade_off"),
        ("worse", "better", "worse"),
        ("unclear", "worse", "worse"),
    ],
)
def test_each_pair_of_claims_has_one_group(helpfulness, intrusiveness, group):
    assert group_of(helpfulness, intrusiveness) == group


def planted_report(seed=1, per_arm=120):
    """Five arms; v2 helps and intrudes less, v4 intrudes more, the rest alike."""
    study = synthetic.study(arms=5)
    base = synthetic.REALISTIC
    better = np.array([0.01, 0.02, 0.04, 0.13, 0.25, 0.3, 0.25])
    worse = better[::-1]
    outcomes = {
        "usefulness": [base, base, better, base, base],
        "intrusiveness": [base, base, worse, base, better],
    }
    evidence = synthetic.evidence(study, np.random.default_rng(seed), per_arm, outcomes)
    return report_from_evidence(study, evidence)


def test_the_ranking_puts_what_the_verdicts_claim_first_and_intruding_last():
    report = planted_report()
    ranked = ranking(report)
    assert [r.variant for r in ranked][0] == "v2"
    assert ranked[0].group == "helps" and ranked[-1].variant == "v4"
    assert ranked[-1].group == "worse"
    places = [GROUPS.index(r.group) for r in ranked]
    assert places == sorted(places)
    assert [r.number for r in ranked] == list(range(1, len(ranked) + 1))
    # Turned for reading: v2 is more helpful (+) and less intrusive (-).
    v2 = ranked[0]
    assert v2.helpfulness.estimate > 0 and v2.intrusiveness.estimate < 0
    assert v2.helpfulness.low < v2.helpfulness.estimate < v2.helpfulness.high


def test_the_sentence_names_the_best_with_its_verdict_and_warns_of_the_worst():
    report = planted_report()
    ranked = ranking(report)
    sentence = summary_sentence(ranked)
    verdicts = report_json(report)["verdicts"]
    assert sentence.startswith(f"V2: {verdicts['v2']['text']}.")
    assert f"V4: {verdicts['v4']['text']}." in sentence
    assert "more intrusive than the control" in verdicts["v4"]["text"]


def test_without_a_clear_winner_the_sentence_says_so_and_what_is_missing():
    study = synthetic.study(arms=4)
    outcomes = {q: [synthetic.REALISTIC] * 4 for q in ("usefulness", "intrusiveness")}
    evidence = synthetic.evidence(study, np.random.default_rng(3), 20, outcomes)
    report = report_from_evidence(study, evidence)
    sentence = summary_sentence(ranking(report))
    assert sentence.startswith("No variant is shown yet to be more helpful")
    planned = {v.planned_n for v in report.verdicts.values()}
    assert f"planned n not yet reached (planned {planned.pop()} per variant" in sentence
    dutch = summary_sentence(ranking(report, "nl"), "nl")
    assert dutch.startswith("Nog geen variant is aantoonbaar nuttiger")


def summary_rows(page):
    """(group, number, label, verdict) of each ranked row in a page's summary."""
    start = page.index('id="summary"')
    section = page[start : page.index("</section>", start)]
    return [tuple(html.unescape(part) for part in row) for row in ROW.findall(section)]


@pytest.fixture(scope="module")
def planted_study(tmp_path_factory, content_module):
    """vroegsignalering with a planted winner, and its JSON report by the CLI."""
    from click.testing import CliRunner

    path = tmp_path_factory.mktemp("planted") / "planted.db"
    db = store.open_db(path)
    simulate_study(db, content_module, content_module.study("vroegsignalering"),
                   450, seed=5, effects=PLANTED)  # fmt: skip
    db.close()
    runner = CliRunner()
    found = {}
    for kind in ("json", "html"):
        out = path.with_suffix(f".{kind}")
        result = runner.invoke(cli, ["analyze", "vroegsignalering", "--db", str(path),
                                     "--format", kind, "--out", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        found[kind] = out.read_text(encoding="utf-8")
    return path, json.loads(found["json"]), found["html"]


@pytest.fixture(scope="module")
def content_module():
    from sprintlab.content.folder import Content
    from tests.conftest import ROOT

    return Content(ROOT)


def check_against_json(rows, document, labels):
    """The rows rank and word exactly what the JSON report's verdicts say."""
    verdicts, ranked = document["verdicts"], document["summary"]["ranking"]
    assert [label for _, _, label, _ in rows] == [labels[r["variant"]] for r in ranked]
    for (group, number, _, verdict), expected in zip(rows, ranked, strict=True):
        assert (group, int(number)) == (expected["group"], expected["rank"])
        assert verdict == verdicts[expected["variant"]]["text"]
    # Whatever the ranking rule, a variant that helps without intruding by
    # its JSON verdict is above every variant that does not.
    clean = [
        group_of(verdicts[r["variant"]]["helpfulness"],
                 verdicts[r["variant"]]["intrusiveness"]) == "helps"
        for r in ranked
    ]  # fmt: skip
    assert clean == sorted(clean, reverse=True)


def test_the_html_report_and_the_dashboard_rank_as_the_json_report(
    planted_study, content_module, tmp_path
):
    path, document, report_html = planted_study
    study = content_module.study("vroegsignalering")
    labels = {v.id: v.label["en"] for v in study.variants}
    assert document["summary"]["best"] == ["transparantie"]
    assert document["verdicts"]["transparantie"]["helpfulness"] == "better"
    sentence = document["summary"]["sentence"]
    expected = (
        f"{labels['transparantie']}: {document['verdicts']['transparantie']['text']}."
    )
    assert sentence.startswith(expected)
    check_against_json(summary_rows(report_html), document, labels)
    answer = re.search(r'<p class="answer">(.*?)</p>', report_html, re.S)[1]
    assert html.unescape(re.sub(r"<[^>]+>", "", answer)) == sentence
    assert report_html.index('id="summary"') < report_html.index("<table")

    from sprintlab import create_app
    from tests.conftest import ROOT

    app = create_app({"TESTING": True, "DATABASE": str(path),
                      "CONTENT_ROOT": str(ROOT), "SECRET_KEY": "test",
                      "REPORT_WAIT_SECONDS": 60})  # fmt: skip
    client = app.test_client()
    login_as(app, client, "researcher")
    page = client.get("/research/vroegsignalering").get_data(as_text=True)
    check_against_json(summary_rows(page), document, labels)
    assert page.index('id="summary"') < page.index("<table")


def rendered(study, outcomes, per_arm=60, seed=4):
    """The report's HTML sections for a synthetic study."""
    from sprintlab.reporting.html import render_sections

    evidence = synthetic.evidence(study, np.random.default_rng(seed), per_arm, outcomes)
    report = report_from_evidence(study, evidence)
    return report, render_sections(report)


def test_yes_no_outcomes_are_ranked_and_drawn_in_percentage_points():
    study = synthetic.study(arms=3, usefulness="yes_no", intrusiveness="yes_no")
    outcomes = {
        "usefulness": [np.array([0.6, 0.4]), np.array([0.2, 0.8]),
                       np.array([0.6, 0.4])],
        "intrusiveness": [np.array([0.5, 0.5])] * 3,
    }  # fmt: skip
    report, sections = rendered(study, outcomes, per_arm=150)
    best = ranking(report)[0]
    assert best.variant == "v1" and best.helpfulness.unit == "yes_no"
    assert 20 < best.helpfulness.estimate < 60  # percentage points, not a share
    assert "percentage points" in sections["summary"]
    assert "<svg" in sections["summary"]


def test_a_study_without_an_intrusiveness_question_says_so_and_draws_no_map():
    from sprintlab.content.studies import parse_study

    study = synthetic.study(arms=3)
    text = study.text.replace('better = "lower"', 'better = "higher"')
    study = parse_study(text, "synthetic.toml")
    outcomes = {q: [synthetic.REALISTIC] * 3 for q in ("usefulness", "intrusiveness")}
    report, sections = rendered(study, outcomes)
    assert report.family.intrusiveness is None
    summary = sections["summary"]
    assert "the study asks no intrusiveness question" in summary
    assert 'class="figure map"' not in summary
    assert "forest-helpfulness" in summary and "forest-intrusiveness" not in summary
    assert all(r.group in ("unclear", "helps_unclear", "no_harm", "worse")
               for r in ranking(report))  # fmt: skip


def test_a_study_without_answers_still_has_a_summary(tmp_path, content_module):
    from sprintlab.reporting.reports import make_study_page

    path = tmp_path / "empty.db"
    store.open_db(path).close()
    page = make_study_page(path, content_module.study("vroegsignalering"), "0",
                           False, False)  # fmt: skip
    assert 'id="summary"' in page.sections["summary"]
    assert "No variant is shown yet" in page.headline
