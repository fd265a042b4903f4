"""The segment tests in words: how many could be run, and each test's notes.

The statistics say which levels were merged or left out by position, and
what a test's LR was divided by; these words say it in a report's language,
naming the groups by their labels in that language. The English words are
the ones the statistics write in their notes (and the JSON report carries).
"""

WORDS = {
    "en": {
        "merged": "merged to reach {min_cell} answers per arm: {groups}",
        "left_out": "left out (fewer than {min_cell} answers per arm): {groups}",
        "too_few_levels": "fewer than 2 segment levels with {min_cell} answers "
        "per arm: no test",
        "bartlett": "LR divided by {factor} (mean of {draws} draws without "
        "interaction over df)",
        "within": "within-subject designs: estimates per segment only",
        "within_summary": "within-subject designs: estimates per segment only, "
        "no segment findings",
        "group_separator": ", ",
        "level_separator": "+",
        "tests_line": "{tested} of {possible} segment tests could be run (a "
        "group needs {min_cell} answers per arm; smaller groups are merged or "
        "left out); Benjamini-Hochberg over all {tested} at {alpha}: {found} "
        "segment finding(s)",
    },
    "nl": {
        "merged": "samengevoegd, zodat elke groep {min_cell} antwoorden heeft "
        "bij variant en controle: {groups}",
        "left_out": "weggelaten (minder dan {min_cell} antwoorden bij variant of "
        "controle): {groups}",
        "too_few_levels": "minder dan 2 groepen met {min_cell} antwoorden bij "
        "variant en controle: geen toets",
        "bartlett": "LR gedeeld door {factor} (het gemiddelde van {draws} "
        "trekkingen zonder interactie, gedeeld door df)",
        "within": "ontwerp binnen personen: alleen schattingen per groep",
        "within_summary": "ontwerp binnen personen: alleen schattingen per "
        "groep, geen groepsbevindingen",
        # Dutch labels hold commas ("Niet moeilijk, niet makkelijk").
        "group_separator": " | ",
        "level_separator": " + ",
        "tests_line": "{tested} van de {possible} groepstoetsen konden worden "
        "gedaan (een groep heeft {min_cell} antwoorden nodig bij variant en "
        "controle; kleinere groepen zijn samengevoegd of weggelaten); "
        "Benjamini-Hochberg over alle {tested} bij {alpha}: {found} "
        "groepsbevinding(en)",
    },
}


def group_names(report, language):
    """The name of each group of a SegmentReport, in table-row order."""
    names = [label[language] for _, label in report.levels]
    return names + list(report.labels[len(report.levels) :])


def interaction_note(report, variant_id, language="en"):
    """What the note of VARIANT_ID's interaction test in REPORT says, in LANGUAGE."""
    words, test = WORDS[language], report.interactions[variant_id]
    if isinstance(test, str):  # within subjects: no test
        return words["within"]
    names = group_names(report, language)
    notes = []
    between, within = words["group_separator"], words["level_separator"]
    if test.left_out:
        notes.append(words["left_out"].format(
            min_cell=test.min_cell, groups=between.join(names[i] for i in test.left_out)
        ))  # fmt: skip
    if test.merged:
        groups = between.join(within.join(names[i] for i in g) for g in test.merged)
        notes.append(words["merged"].format(min_cell=test.min_cell, groups=groups))
    if test.levels_tested < 2:
        notes.append(words["too_few_levels"].format(min_cell=test.min_cell))
    if test.bartlett_factor is not None:
        notes.append(words["bartlett"].format(
            factor=f"{test.bartlett_factor:.3g}", draws=test.bootstrap_draws
        ))  # fmt: skip
    return "; ".join(notes)


def segment_tests_text(summary, language="en"):
    """How many segment tests could be run and hold (a SegmentSummary), in words."""
    words = WORDS[language]
    if summary.within:
        return words["within_summary"]
    return words["tests_line"].format(
        tested=summary.tested, possible=summary.possible, min_cell=summary.min_cell,
        alpha=f"{summary.alpha:g}", found=len(summary.findings),
    )  # fmt: skip
