"""The fixed words of the HTML report and the dashboard, in English.

One word per outcome throughout: "helpfulness" (the primary outcome) and
"intrusiveness", whatever the questions behind them are called. Dutch is in
html_words_nl; a key it lacks falls back to English.
"""

EN = {
    # Sections
    "summary": "Summary",
    "fieldwork": "Fieldwork",
    "per_question": "Per question",
    "preregistration": "Pre-registration",
    "survey": "Data use and preferences",
    "for_whom": "For whom (segments)",
    "quality": "Quality",
    "planning": "Planning",
    "versions": "Versions",
    "downloads": "Downloads",
    "legend": "Terms",
    "report_title": "sprintlab report",
    "report_meta": "{id} · version {version} · {design} subjects · definition {hash}",
    "design_between": "between",
    "design_within": "within",
    "design_factorial": "factorial",
    # The outcomes and their claims
    "helpfulness": "Helpfulness",
    "intrusiveness": "Intrusiveness",
    "verdict": "Verdict",
    "variant": "Variant",
    "question": "Question",
    "outcome": "Outcome",
    "claim": "Claim",
    "difference": "Difference [interval]",
    "margin": "Margin",
    "note": "Note",
    "yes": "yes",
    "no": "no",
    "participants": "Participants",
    "answers": "Answers",
    "better": "better",
    # Summary
    "compared": "Each variant against the control ({control}) on helpfulness "
    "(“{helpfulness}”)",
    "and_intrusive": "and intrusiveness (“{intrusiveness}”).",
    "no_intrusive": "; the study asks no intrusiveness question, so "
    "intrusiveness stays unclear.",
    "family": "The {m} claims form one family: each interval is at {level}, "
    "so the chance that any claim is wrong is at most {alpha}%.",
    "people": "{n} participants, {completed} finished.",
    "speeders_out": "Speeders are left out.",
    "mismatch": "Sample ratio mismatch (p = {p}): the variants did not get the "
    "share the design expects. Check the assignment before reading these "
    "results.",
    "ranking_caption": "Variants ranked by their verdicts: differences from "
    "the control, intervals at {level}",
    "n_planned": "n / planned",
    "ranking_note": "Helpfulness: + is more helpful; intrusiveness: + is more "
    "intrusive; in scale points (yes/no questions: percentage points), "
    "variant minus control; – is an end the data cannot bound yet. The "
    "verdict decides the order; within a group the order follows the "
    "helpfulness difference seen, which is not itself a claim. n: answers in "
    "the smaller of variant and control; planned: what the margins need.",
    "forest_title": "Each variant's difference from the control.",
    "forest_caption": "Helpfulness and intrusiveness, with {level} intervals. "
    "The numbers are the ranks above; the grey band is ± the margin, the "
    "smallest difference that matters.",
    "map_caption": "Top left (green) is more helpful and less intrusive than "
    "the control; bottom right (orange) the opposite. Each number is a "
    "variant's rank in the table above; its marker shows its verdict.",
    "map_legend": "The points on the map: rank, variant and verdict",
    "tests_heading": "The tests behind the verdicts",
    "tests_intro": "Each claim rests on one interval of the difference from "
    "the control. Looking while data arrive? Read the always-valid "
    "intervals under Fieldwork, not these tests.",
    "tests_caption": "Differences from the control as measured (variant minus "
    "control), intervals at {level}",
    "adjusted_p": "Adjusted p",
    "not_worse_p": "Not-worse p",
    "equivalence_p": "Equivalence p",
    "dont_know_differ": "(don't-know rates differ)",
    "at_most": "at most {level} reachable",
    "claims_legend": "Claims: better / worse — the interval lies wholly above "
    "/ below no difference; not worse — it rules out a loss as large as the "
    "margin; equivalent — it lies within ± the margin; unclear — none of "
    "these. Planned n: what the margin needs for an 80% chance of a claim at "
    "this family's error rate.",
    # Pre-registration
    "prereg_on": "Pre-registered on {date} at {time} UTC, hash",
    "prereg_late": "registered late",
    "prereg_late_after": ", after {n} participant(s) had started",
    "deviations_count": "Deviations from the plan ({n}):",
    "no_deviations": "No deviations from the plan: the study, its templates and "
    "the planned n are as registered.",
    "outside_plan": "Outside the plan, so",
    "exploratory": "exploratory",
    "not_prereg": "Not pre-registered: no plan was frozen before the data arrived",
    "not_prereg_read": "Read every result as exploratory, the verdicts included.",
    # Per question
    "questions_intro": "Every question, with its answers per variant and each "
    "variant against the control. Only the two verdict outcomes carry "
    "claims; every other question is exploratory: a lead, not a finding.",
    "see_notes": "see the notes",
    "better_is": "{better} is better",
    "dont_know_warning": "Don't-know rates differ between variants ({test} p "
    "= {p}): the comparisons of this question rest on different shares of "
    "the participants.",
    "answers_per_variant": "Answers per variant",
    "dont_know": "Don't know",
    "mean_ci": "Mean [95% interval]",
    "median": "Median",
    "against_control": "Each variant against the control",
    "effect_ci": "Effect [95% interval]",
    "mean_difference_ci": "Mean difference [95% interval]",
    "prior": "prior",
    "cramers_v": "Cramér's V",
    "versus": "vs",
    "out_of_reach": "Significance is out of reach: with {nc} and {nv} answers "
    "no test can reach p < 0.05 (smallest possible p = {p}): read the effect, "
    "its interval and P(better).",
    "unreachable": "These answers allow at most {level} confidence: intervals "
    "without bounds (–) could not be drawn at 95%.",
    "free_text": "free text",
    "more_texts": "And {n} more (all in the downloads).",
    "no_texts": "No answers yet.",
    # Data use and rankings
    "data_use_heading": "Data use: {text}",
    "data_use_intro": "Per piece of data the message said it used: the share "
    "who find it acceptable (yes among yes and no, with a 95% Wilson interval; "
    '"don\'t know" counted apart). Exploratory.',
    "acceptance_sources": "Acceptance per data source",
    "data": "Data",
    "acceptance": "Acceptance [95%]",
    "yes_no_dont_know": "Yes / no / don't know",
    "told_or_not": 'Told which data (a "why you get this" box) vs not',
    "told_line": "{told} vs {not_told}: {difference} points [{low}, {high}], "
    "{test} p (BH) = {p}",
    "not_both_kinds": "no message of both kinds asked it",
    "acceptance_variants": "Acceptance per variant",
    "acceptance_variants_caption": "Acceptance per variant (– where a message "
    "did not list that data)",
    "told": "(told)",
    "ranking_heading": "Ranking: {text}",
    "ranking_intro": "{n} people put the options in order. Mean rank (1 = first "
    "choice) and the share who put each first, with 95% bootstrap intervals; "
    "the Plackett–Luce worth is the model's chance of being chosen first (Wald "
    "interval). Exploratory.",
    "preferences": "Preferences",
    "preferences_caption": "Preferences, best first by worth",
    "option": "Option",
    "mean_rank": "Mean rank [95%]",
    "first_choice": "First choice [95%]",
    "worth": "Worth [95%]",
    # For whom
    "for_whom_intro": "Does a variant work differently for different people? "
    "Effects per group are exploratory unless the variant's interaction test "
    "holds (a segment finding); interaction p-values are Benjamini–Hochberg "
    "adjusted over every segment, variant and outcome of the study.",
    "interaction_caption": "does the effect differ between groups?",
    "interaction_test": "Interaction test",
    "finding": "Segment finding?",
    "no_exploratory": "no (exploratory)",
    "small_groups": "Groups with fewer than 10 answers",
    "findings_intro": "A segment finding is a variant whose effect differs "
    "between the groups of a segment question (likelihood-ratio test in a "
    "proportional-odds model), after one Benjamini–Hochberg correction over "
    "every segment test of the study.",
    "finding_line": "its effect on {outcome} differs across “{segment}”.",
    "no_findings": "No segment finding.",
    "no_segment_tests": "No segment tests yet.",
    "group_caption": "Each variant's difference from the control for {group} "
    "only (95% intervals)",
    "no_group_answers": "Nobody in this group has answered yet.",
    "group_note": "Exploratory unless the variant has a segment finding: "
    "small groups give wide intervals, and many groups give some large "
    "differences by chance.",
    # Quality
    "sample_ratio": "Sample ratio",
    "mismatch_short": "the variants did not get the share the design "
    "expects: check the assignment before reading the results",
    "as_designed": "each variant got its share",
    "not_checked": "not checked yet (too few participants)",
    "attrition": "Drop-out between variants",
    "attrition_differs": "people stopped more often at some variants",
    "attrition_even": "no variant lost more people than the others",
    "order_balance": "Order balance",
    "order_unbalanced": "the counterbalanced orders were not used equally "
    "often: order effects may mix with the variants",
    "order_balanced": "each order used about equally often",
    "flags": "Flags",
    "flags_line": "{speeders} speeders (median time per message under 10 "
    "seconds), {straight} straight-liners and {unopened} who rated a message "
    "without opening it, among {n} participants.",
    "dropout_caption": "Drop-out per variant: messages started and answered",
    "started": "Started",
    "answered": "Answered",
    "stopped": "Stopped",
    "dont_knows": "Don't-know answers per question",
    "dont_knows_intro": "“Don't know” is missing data, never a point on the "
    "scale. When its rate differs between variants, comparisons of that "
    "question rest on different shares of the participants.",
    "dont_know_all": "Don't know / answers",
    "dont_know_range": "Lowest–highest rate per variant",
    "differ": "Rates differ?",
    "within_heading": "Order and carry-over (within subjects)",
    "within_intro": "Everyone saw every message, in a counterbalanced order. "
    "A period effect means ratings depend on the position a message was seen "
    "in; the first-message comparison uses only each participant's first "
    "message. These are checks, not verdicts.",
    "period_caption": "Period effect per question (Friedman test over positions)",
    "mean_by_position": "Mean by position",
    "complete_raters": "People rating every position",
    "no_period": "Too few people rated every position to test a period effect.",
    "first_caption": "First message only, each variant against the control",
    # Exposure
    "exposure_heading": "Exposure: did people see the message?",
    "exposure_intro": "Seconds on the message run from the moment it was "
    "first shown to the moment its answers were stored, measured by the "
    "server. “Opened” counts only where the study shows the message staged "
    "(an envelope or lock screen to open first); a rating of an unopened "
    "message is flagged.",
    "exposure_caption": "Exposure per variant",
    "shown": "Shown",
    "median_seconds": "Median seconds on the message",
    "opened": "Opened",
    "rated_unopened": "Rated without opening",
    "layout": "Questions asked",
    "of": "{k} of {n}",
    "not_staged": "shown open",
    "nothing_shown": "No messages shown yet.",
    # Versions
    "versions_intro": "Every answer points at the exact version of the "
    "message its participant saw. A version is the message in every "
    "language at once: its Dutch and English texts are one version, shown "
    "here per language it was read in. A variant edited in the studio "
    "during the study has more versions.",
    "versions_caption": "Answers and means per version and language",
    "version": "Version",
    "language": "Language",
    "first_shown": "First shown",
    "mean_of": "{outcome}: mean",
    "no_answers": "No answers yet.",
    # Live intervals
    "live_heading": "Always-valid intervals (safe to look at any time)",
    "live_intro": "Looking at the tests again and again, as participants come "
    "in, finds differences that are not there. These intervals for the "
    "difference in helpfulness (variant minus control) stay valid however "
    "often you look, for all variants together: the 5% error is split over "
    "them. They start once each arm has {min} answers.",
    "live_caption": "{outcome}: always-valid intervals",
    "factors_heading": "Verdicts per factor",
    "factors_intro": "Each factor's second level against its first (the "
    "reference), averaged over the other factors, on {outcomes}: a linear model "
    "with robust (HC2) errors, in the answers' own units. These {m} claims form "
    "one family: each rests on its own interval at {level}, so the chance that "
    "any of them is wrong is at most {alpha}%. Interactions and every other "
    "question are exploratory.",
    "factor_outcome": "{outcome} ({text})",
    "factor_and": " and ",
    "factor_depends": "Its effect depends on {others} (an interaction holds).",
    "factor_planned": "(planned {n} per cell)",
    "factors_caption": "Main effects on the verdict outcomes (second level minus "
    "the reference, interval at {level})",
    "factor": "Factor",
    "interactions_heading": "Interactions",
    "interactions_intro": "Does one factor's effect depend on another's level? "
    "Each pair on each question, Holm-adjusted over all of them (exploratory).",
    "no_interaction": "No interaction holds.",
    "interaction_on": "{factors} on {question}",
}
CLAIM_WORDS = {
    "en": {"better": "better", "worse": "worse", "equivalent": "equivalent",
           "not_worse": "not worse", "unclear": "unclear"},
    "nl": {"better": "beter", "worse": "slechter", "equivalent": "gelijkwaardig",
           "not_worse": "niet slechter", "unclear": "onduidelijk"},
}  # fmt: skip
ROLE_WORDS = {
    "en": {"helpfulness": "verdict outcome: helpfulness",
           "intrusiveness": "verdict outcome: intrusiveness",
           "exploratory": "exploratory"},
    "nl": {"helpfulness": "uitkomst van het oordeel: nut",
           "intrusiveness": "uitkomst van het oordeel: opdringerigheid",
           "exploratory": "verkennend"},
}  # fmt: skip
TYPE_WORDS = {
    "en": {"likert7": "7-point scale", "yes_no": "yes/no", "choice": "choice",
           "text": "free text"},
    "nl": {"likert7": "7-puntsschaal", "yes_no": "ja/nee", "choice": "keuze",
           "text": "open vraag"},
}  # fmt: skip
BETTER_WORDS = {
    "en": {"higher": "higher", "lower": "lower"},
    "nl": {"higher": "hoger", "lower": "lager"},
}
LAYOUT_WORDS = {
    "en": {"grouped": "on the message's page", "one-per-screen": "one per screen"},
    "nl": {"grouped": "op de pagina van het bericht",
           "one-per-screen": "één per scherm"},
}  # fmt: skip
LANGUAGE_NAMES = {
    "en": {"nl": "Dutch", "en": "English"},
    "nl": {"nl": "Nederlands", "en": "Engels"},
}
