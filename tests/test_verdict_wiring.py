"""Verdicts end to end: `sprintlab simulate` then `sprintlab analyze --format json`.

The way a methodologist checks them: a known truth in, the verdict out, for
yes/no and 7-point outcomes where higher or lower is better; a 5-person
sprint test; and study files whose margins cannot be used.
"""

import json
import shutil

import pytest

from sprintlab.cli import cli
from tests.conftest import ROOT

DIRECTIONAL = ("better", "worse")
# Shifts in scale points: simulate turns a yes/no item's latent rating into "yes"
# at 4 or more, so a negative shift lowers the share of yes.
EFFECTS = (
    "transparantie:helps=-1.5",
    "keuze:helps=1.5",
    "toon:intrusive=-1.5",
    "sms:intrusive=1.5",
)
EXPECTED = {
    "transparantie": ("helpfulness", "worse"),
    "keuze": ("helpfulness", "better"),
    "toon": ("intrusiveness", "better"),  # less intrusive
    "sms": ("intrusiveness", "worse"),  # more intrusive
}


def content_with(tmp_path, replace=(), name="content"):
    """A copy of the shipped content with text replacements in vroegsignalering."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "prototypes", folder / "prototypes")
    shutil.copytree(ROOT / "messages", folder / "messages")
    path = folder / "prototypes" / "vroegsignalering.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder


def as_type(question, kind):
    """Turn QUESTION of vroegsignalering into a KIND question."""
    return (
        f'id = "{question}"\ntype = "likert7"',
        f'id = "{question}"\ntype = "{kind}"',
    )


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def analysed(runner, folder, database, *extra):
    out = database.with_suffix(".json")
    run(runner, "analyze", "vroegsignalering", "--db", database, "--format", "json",
        "--out", out, "--content", folder, *extra)  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("usefulness", "intrusiveness"),
    [("yes_no", "likert7"), ("likert7", "yes_no")],
)
def test_verdicts_point_the_right_way_for_every_outcome_type(
    runner, tmp_path, usefulness, intrusiveness
):
    # Between them the two studies cover yes/no and 7-point outcomes where
    # higher (usefulness) and lower (intrusiveness) is better, both ways.
    folder = content_with(
        tmp_path,
        [as_type("helps", usefulness), as_type("intrusive", intrusiveness)],
    )
    database = tmp_path / "study.db"
    effects = [arg for effect in EFFECTS for arg in ("--effect", effect)]
    # 800 people, about 89 per arm: a yes/no item's share of yes cannot fall
    # below 0, so a 1.5-point shift from a third saying yes is about -0.22,
    # which the family's intervals (1 - 0.05/16) need about 70 per arm to see.
    run(runner, "simulate", "vroegsignalering", "--db", database, "--participants",
        800, "--seed", 3, "--content", folder, *effects)  # fmt: skip
    report = analysed(runner, folder, database)
    verdicts = report["verdicts"]
    for variant, (outcome, claim) in EXPECTED.items():
        assert verdicts[variant][outcome] == claim, (variant, verdicts[variant])
        test = verdicts[variant][f"{outcome}_test"]
        low, high = test["estimate_ci"]
        assert (low > 0 or high < 0) and test["p_adjusted"] < 0.05
    # The reproducer: a variant far less useful is never "more helpful".
    transparantie = verdicts["transparantie"]
    assert "more helpful" not in transparantie["text"]
    assert transparantie["text"].startswith("less helpful than the control")
    assert verdicts["keuze"]["text"].startswith("more helpful than the control")
    for verdict in verdicts.values():
        if verdict["intrusiveness"] == "unclear":
            assert "not more intrusive" not in verdict["text"]
    # Nothing else moved: the other variants make no directional claim.
    for variant in ("afzender", "poster", "moment", "geruststelling"):
        claims = (verdicts[variant]["helpfulness"], verdicts[variant]["intrusiveness"])
        assert not set(claims) & set(DIRECTIONAL), (variant, claims)
    name = "risk difference" if usefulness == "yes_no" else "mean difference"
    assert verdicts["keuze"]["helpfulness_test"]["estimate_name"] == name
    assert {q["id"]: q["role"] for q in report["questions"]}["understand"] == (
        "exploratory"
    )
    assert report["family"]["size"] == 16


def test_a_five_person_sprint_test_claims_nothing_and_says_why(runner, tmp_path):
    database = tmp_path / "sprint.db"
    run(runner, "simulate", "sprint-sms", "--db", database, "--participants", 5,
        "--seed", 2)  # fmt: skip
    out = tmp_path / "sprint.json"
    run(runner, "analyze", "sprint-sms", "--db", database, "--format", "json",
        "--out", out)  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    notes = []
    for verdict in report["verdicts"].values():
        assert verdict["helpfulness"] not in DIRECTIONAL
        assert verdict["intrusiveness"] not in DIRECTIONAL
        assert verdict["text"].startswith("not enough participants to tell")
        assert verdict["planned_n"] > verdict["current_n"] >= 1
        for key in ("helpfulness_test", "intrusiveness_test"):
            test = verdict[key]
            assert test["achieved_confidence"] < test["confidence"]
            assert test["estimate_ci"] == [None, None]  # unbounded: no claim
            notes.append(test["note"])
    assert any("5 pairs allow at most 93.75%" in note for note in notes)
    comparisons = [c for q in report["questions"] for c in q["comparisons"]]
    assert comparisons and all(0 < c["prob_better"] < 1 for c in comparisons)
    assert all(len(c["prob_better_sensitivity"]) == 2 for c in comparisons)
    assert report["period_effects"] and report["first_exposure"]
    text = run(runner, "analyze", "sprint-sms", "--db", database)
    assert "planned" in text and "Within-subject checks" in text
    assert "order balance" in text and "sample ratio" not in text


BAD_MARGINS = [
    ('id = "intrusive"\ntype = "likert7"',
     'id = "intrusive"\ntype = "likert7"\nmargin = -0.5',
     "(intrusive).margin", "above 0"),
    ('id = "intrusive"\ntype = "likert7"',
     'id = "intrusive"\ntype = "likert7"\nmargin = "half"',
     "(intrusive).margin", "must be a number"),
    ('primary_outcome = "helps"',
     'primary_outcome = "helps"\nmargins_required = true',
     "questions[2] (helps).margin", "margins_required"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "key", "words"), BAD_MARGINS)
def test_a_margin_that_cannot_be_used_is_one_clear_line(
    runner, tmp_path, old, new, key, words
):
    replacements = [(old, new)]
    if "margins_required" in new:  # intrusive declares one; helps not
        replacements.append((
            'id = "intrusive"\ntype = "likert7"',
            'id = "intrusive"\ntype = "likert7"\nmargin = 0.5',
        ))  # fmt: skip
    folder = content_with(tmp_path, replacements)
    checked = runner.invoke(cli, ["check", "--content", str(folder)])
    assert checked.exit_code == 1
    errors = [line for line in checked.output.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert "vroegsignalering.toml" in errors[0] and key in errors[0]
    assert words in errors[0]
    database = tmp_path / "empty.db"
    database.touch()
    for command in (["analyze", "vroegsignalering"], ["simulate", "vroegsignalering",
                    "--participants", "3"]):  # fmt: skip
        result = runner.invoke(
            cli, [*command, "--db", str(database), "--content", str(folder)]
        )
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
        assert key in result.output and words in result.output
    assert database.stat().st_size == 0  # nothing was written


def test_declared_margins_are_used_and_planned_from(runner, tmp_path):
    folder = content_with(tmp_path, [
        ('primary_outcome = "helps"',
         'primary_outcome = "helps"\nmargins_required = true'),
        ('id = "helps"\ntype = "likert7"',
         'id = "helps"\ntype = "likert7"\nmargin = 1'),
        ('id = "intrusive"\ntype = "likert7"',
         'id = "intrusive"\ntype = "likert7"\nmargin = 0.75'),
    ])  # fmt: skip
    database = tmp_path / "margins.db"
    run(runner, "simulate", "vroegsignalering", "--db", database, "--participants",
        30, "--content", folder)  # fmt: skip
    report = analysed(runner, folder, database)
    verdict = report["verdicts"]["keuze"]
    assert verdict["helpfulness_test"]["margin"] == 1.0
    assert verdict["intrusiveness_test"]["margin"] == 0.75
    margins = {q["id"]: q["margin"] for q in report["questions"]}
    assert margins["helps"] == 1.0 and margins["understand"] == 0.5  # the default
    # A wider margin needs fewer people: planned from the margin, not the data.
    plans = (verdict["helpfulness_test"]["planned_n"],
             verdict["intrusiveness_test"]["planned_n"])  # fmt: skip
    assert plans[0] < plans[1] == verdict["planned_n"]
