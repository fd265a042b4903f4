"""The study report as plain text: what the JSON carries, in words.

Variant labels and question texts from the study (in the report's language,
English or Dutch), the verdicts with their tests and planned n, the notes,
mean differences with intervals, don't-know flags, the within-subject checks,
segment findings and a short legend of terms.
"""

import math
import textwrap

from sprintlab.reporting.factor_text import factor_interactions, factor_verdicts
from sprintlab.reporting.note_words import note_text
from sprintlab.reporting.report_words import WORDS
from sprintlab.reporting.segment_words import segment_tests_text
from sprintlab.reporting.stat_names import stat_name
from sprintlab.reporting.summary import GROUP_WORDS, answer_parts, ranking
from sprintlab.reporting.survey_text import (
    data_use_lines,
    preregistration_lines,
    ranking_lines,
)
from sprintlab.reporting.text_numbers import level_text as _level
from sprintlab.reporting.text_numbers import p_text as _p
from sprintlab.reporting.text_numbers import signed as _signed
from sprintlab.reporting.wording import claim_why, margin_words, verdict_text

WIDTH = 100
DESIGNS = {
    "nl": {
        "between": "tussen personen",
        "within": "binnen personen",
        "factorial": "factorieel, tussen personen",
    },
    "en": {"between": "between", "within": "within", "factorial": "factorial, between"},
}
ROLES = {"nl": {"helpfulness": "nut", "intrusiveness": "opdringerigheid"}}
BETTER = {"nl": {"higher": "hoger", "lower": "lager"}}


def _fmt(value, digits=2):
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.{digits}f}"


class _Writer:
    """Lines of the report in one language."""

    def __init__(self, report, language):
        self.report = report
        self.study = report.study
        self.language = language
        self.words = WORDS[language]
        self.lines = []

    def say(self, key, indent=0, **values):
        self.line(self.words[key].format(**values), indent)

    def line(self, text, indent=0):
        """TEXT wrapped to WIDTH, continuation lines indented a little more."""
        if not text:
            self.lines.append("")
            return
        self.lines += textwrap.wrap(
            text, WIDTH, initial_indent=" " * indent,
            subsequent_indent=" " * (indent + 4), break_on_hyphens=False,
        )  # fmt: skip

    def label(self, variant_id):
        return self.study.variant(variant_id).label[self.language]

    def question_text(self, question):
        return f"{question.text[self.language]} ({question.id})"

    def role(self, role):
        return ROLES.get(self.language, {}).get(role, role)

    def name(self, name):
        """A test's or an estimate's name in the report's language."""
        return stat_name(name, self.language)

    def note(self, note):
        """A note of the statistics in the report's language."""
        return note_text(note, self.language)


def report_text(report, language="en"):
    """The report as plain text for a terminal, in LANGUAGE ('en' or 'nl')."""
    out = _Writer(report, language)
    _heading(out)
    _summary(out)
    for line in preregistration_lines(report.preregistration, language):
        out.line(line, 2 if line.startswith("  ") else 0)
    _verdicts(out)
    for question_report in report.questions:
        _question(out, question_report)
    _within(out)
    _segments(out)
    for line in data_use_lines(report, language) + ranking_lines(report, language):
        out.line(line.strip(), len(line) - len(line.lstrip()))
    out.line("")
    out.say("legend")
    for term, meaning in out.words["terms"]:
        out.line(f"{term}: {meaning}", 2)
    return "\n".join(out.lines) + "\n"


def _heading(out):
    report, study = out.report, out.study
    design = DESIGNS.get(out.language, {}).get(study.design, study.design)
    out.line(f"{study.title[out.language]} ({study.id}, "
             + out.words["design"].format(design=design) + ")")  # fmt: skip
    speeders = out.words["speeders"] if report.excluded_speeders else ""
    out.line(out.words["participants"].format(n=report.participants,
             completed=report.completed) + speeders)  # fmt: skip
    checks = [("attrition", report.attrition)]
    name = "order_balance" if study.design == "within" else "sample_ratio"
    checks.insert(0, (name, report.balance))
    for key, check in checks:
        if check is not None:
            state = out.words["mismatch" if check.mismatch else "ok"]
            out.line(f"{out.words[key]}: p {_p(check.p_value)} ({state})")
        elif key == "order_balance":
            out.line(f"{out.words[key]}: {out.words['not_yet']}")


def _summary(out):
    """The answer first: the summary sentence and the variants ranked."""
    ranked = ranking(out.report, out.language)
    out.line("")
    out.say("summary")
    answer = answer_parts(out.report, out.language)
    out.line(" ".join(part for part in answer if part), 2)
    for r in ranked:
        group = GROUP_WORDS[out.language][r.group]
        out.line(f"{r.number}. {r.label}: {group}", 2)


def _verdicts(out):
    family = out.report.family
    out.line("")
    out.say("verdicts")
    if out.report.factors:
        factor_verdicts(out)
        factor_interactions(out)
        return
    intrusive = (
        out.words["and_intrusive"].format(
            intrusive=out.question_text(family.intrusiveness)
        )
        if family.intrusiveness
        else out.words["no_intrusive"]
    )
    out.say("family", m=family.size, k=len(family.variants), alpha=family.alpha,
            helpful=out.question_text(family.helpfulness), intrusive=intrusive,
            level=_level(family.confidence))  # fmt: skip
    behind = False
    for variant, verdict in out.report.verdicts.items():
        claims = verdict.claims
        text = verdict_text(
            claims["helpfulness"], claims["intrusiveness"], verdict.planned_n,
            verdict.current_n, out.language,
        )  # fmt: skip
        out.line(f"{out.label(variant)}: {text}", 2)
        for role, claim in claims.items():
            _claim(out, role, claim)
        if verdict.planned_n:
            out.say("planned", 4, planned=verdict.planned_n, now=verdict.current_n)
            behind = behind or verdict.current_n < verdict.planned_n
    if behind:
        out.say("live_hint", 2)


def _claim(out, role, claim):
    test = claim.test
    if test is None:
        out.say("no_test", 4, role=out.role(role), why=claim_why(claim, out.language))
        return
    out.say("claim", 4, role=out.role(role), name=out.name(test.estimate_name),
            estimate=_signed(test.estimate), low=_signed(test.ci_low),
            high=_signed(test.ci_high), level=_level(test.confidence),
            p=_p(test.p_value), p_adj=_p(test.p_adjusted),
            margin=margin_words(claim, out.language),
            p_ni=_p(test.p_non_inferiority), p_eq=_p(test.p_equivalence))  # fmt: skip
    if test.note:
        out.line(f"({out.note(test.note)})", 6)
    if claim.dont_know_flag:
        out.line(out.words["dk_flag"], 6)


def _question(out, q):
    question = q.question
    out.line("")
    out.line(out.question_text(question))
    kind = out.words.get(f"type_{question.type}", question.type)
    parts = [kind, out.words[f"role_{q.role}"]]
    status = out.report.preregistration
    if status is not None and question.id in status.added_questions:
        parts.append(out.words["not_planned"])
    if question.better:
        better = BETTER.get(out.language, {}).get(question.better, question.better)
        parts.insert(1, out.words["better"].format(better=better))
    out.line("; ".join(parts), 2)
    if q.note:
        out.line(out.note(q.note), 2)
    _summaries(out, q)
    _dont_know(out, q)
    if q.omnibus:
        o = q.omnibus
        out.say("omnibus", 2, test=out.name(o.test), statistic=_fmt(o.statistic),
                p=_p(o.p_value), effect_name=out.name(o.effect_name),
                effect=_fmt(o.effect, 3))  # fmt: skip
    if q.association:
        a = q.association
        out.say("association", 2, test=out.name(a.test), p=_p(a.p_value),
                v=_fmt(a.cramers_v, 3))  # fmt: skip
    for (_, variant), c in q.comparisons.items():
        _comparison(out, variant, c)


def _summaries(out, q):
    for s in q.summaries:
        if q.question.type == "choice":
            answers = ", ".join(f"{k}: {v}" for k, v in s.distribution.items())
            out.say("choice_line", 2, label=out.label(s.variant), answers=answers)
            continue
        ci = f" [{_fmt(s.mean_ci[0])}, {_fmt(s.mean_ci[1])}]" if s.mean_ci else ""
        out.say("variant_line", 2, label=out.label(s.variant), n=s.n,
                mean=_fmt(s.mean), ci=ci, median=_fmt(s.median, 1), sd=_fmt(s.sd),
                dk=s.dont_know)  # fmt: skip


def _dont_know(out, q):
    rates = q.dont_know
    if rates is None or not sum(rates.dont_know):
        return
    shown = ", ".join(f"{100 * r:.0f}%" if math.isfinite(r) else "–"
                      for r in rates.rates)  # fmt: skip
    out.say("dont_know", 2, rates=shown, test=out.name(rates.test.test),
            p=_p(rates.test.p_value))  # fmt: skip
    if rates.differ:
        out.say("dont_know_differ", 2)


def _comparison(out, variant, c):
    md_low, md_high = c.mean_difference_ci or (None, None)
    low, high = c.effect_ci or (None, None)
    line = out.words["comparison"].format(
        label=out.label(variant), md=_signed(c.mean_difference),
        md_low=_signed(md_low), md_high=_signed(md_high),
        effect_name=out.name(c.effect_name),
        effect=_fmt(c.effect), low=_fmt(low), high=_fmt(high), p=_p(c.p_value),
        p_adj=_p(c.p_adjusted), pb=_fmt(c.prob_better),
    )  # fmt: skip
    if len(c.prob_better_sensitivity) == 2:
        (a, pa), (b, pb) = c.prob_better_sensitivity
        line += out.words["sensitivity"].format(a=a, pa=_fmt(pa), b=b, pb=_fmt(pb))
    out.line(line, 2)
    said = c.note.lower()
    if not c.significance_reachable(0.05) and "out of reach" not in said:
        out.say("out_of_reach", 4, sizes=_sizes(out, c), min_p=_fmt(c.min_p_value, 3))
    if c.achieved_confidence is not None and c.achieved_confidence < c.confidence:
        out.say("achieved", 4, level=_level(c.achieved_confidence))
    if c.note:
        out.line(f"({out.note(c.note)})", 4)


def _sizes(out, c):
    """'4 pairs' or '3 + 3 answers' in the report's language."""
    if c.paired:
        return out.words["pairs"].format(n=c.n_control)
    return out.words["answers"].format(nc=c.n_control, nv=c.n_variant)


def _within(out):
    report = out.report
    if report.study.design != "within":
        return
    out.line("")
    out.say("within")
    for question_id, effect in report.period_effects.items():
        means = ", ".join(_fmt(m) for m in effect.mean_by_position)
        question = out.question_text(report.study.question(question_id))
        out.say("period", 2, question=question, test=out.name(effect.test.test),
                p=_p(effect.test.p_value), means=means)  # fmt: skip
    for question_id, found in report.first_exposure.items():
        if not found:
            continue
        overall = report.question(question_id).comparisons
        out.say(
            "first", 2, question=out.question_text(report.study.question(question_id))
        )
        for key, c in found.items():
            low, high = c.mean_difference_ci or (None, None)
            paired = overall.get(key)
            everyone = paired.mean_difference if paired else None
            out.say("first_line", 4, label=out.label(key[1]),
                    md=_signed(c.mean_difference), low=_signed(low),
                    high=_signed(high), p=_p(c.p_value), nc=c.n_control,
                    nv=c.n_variant, all_md=_signed(everyone))  # fmt: skip


def _segments(out):
    report = out.report
    summary = report.segment_summary
    if summary is None or not report.study.segments:
        return
    out.line("")
    out.say("segments")
    out.line(segment_tests_text(summary, out.language), 2)
    if not summary.findings:
        out.say("no_findings", 2)
    for segment_report in report.segments:
        for variant in segment_report.interactions:
            if segment_report.holds(variant):
                _finding(out, segment_report, variant)


def _finding(out, s, variant):
    out.say("finding", 2, variant=out.label(variant),
            outcome=out.question_text(s.outcome),
            segment=s.segment.text[out.language],
            p=_p(s.interaction_p_adjusted[variant]))  # fmt: skip
    names = {level: text[out.language] for level, text in s.levels}
    for group, c in s.per_segment(variant):
        low, high = c.mean_difference_ci or (None, None)
        out.say("group", 4, group=names.get(str(group), str(group)),
                md=_signed(c.mean_difference), low=_signed(low), high=_signed(high),
                nc=c.n_control, nv=c.n_variant)  # fmt: skip
