"""A study report as HTML: sections for the dashboard, or one page to share.

The sections are rendered from templates (templates/reports/), charts
included, without Flask: in the report worker for the dashboard, or by
`sprintlab analyze --format html`. Both open with the same summary.
"""

import functools
from collections import ChainMap

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sprintlab.content.mockups import STATIC, TEMPLATES
from sprintlab.reporting import figures
from sprintlab.reporting.charts import MARKERS, interval_text
from sprintlab.reporting.formats import report_json
from sprintlab.reporting.html_said import said_in
from sprintlab.reporting.html_words import (
    BETTER_WORDS,
    CLAIM_WORDS,
    EN,
    LANGUAGE_NAMES,
    LAYOUT_WORDS,
    ROLE_WORDS,
    TYPE_WORDS,
)
from sprintlab.reporting.html_words_nl import NL
from sprintlab.reporting.latent_words import WORDS as LATENT_WORDS
from sprintlab.reporting.report_words import WORDS as TEXT_WORDS
from sprintlab.reporting.segment_formats import said
from sprintlab.reporting.segments import segment_levels
from sprintlab.reporting.summary import GROUP_WORDS, GROUPS, answer_parts, ranking

SECTIONS = (
    "summary", "preregistration", "questions", "survey", "quality", "findings",
    "versions", "live", "latent_segments",
)  # fmt: skip
# The sections the shared report has too (the others need the database).
SHARED = ("summary", "preregistration", "questions", "survey", "quality", "findings")
STYLESHEETS = ("sprintlab.css", "report.css")


@functools.lru_cache(maxsize=1)
def environment():
    """The Jinja environment of the report templates (autoescaped)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def compile_templates():
    """Compile every report template now (before the worker is forked from us)."""
    env = environment()
    for name in env.list_templates(filter_func=lambda n: n.startswith("reports/")):
        env.get_template(name)


def words_for(language):
    """The report's fixed words in LANGUAGE, English where a word is missing."""
    return ChainMap(NL, EN) if language == "nl" else EN


def _questions_in_order(data):
    """The verdict outcomes first, then the other questions in the study's order."""
    order = {"helpfulness": 0, "intrusiveness": 1}
    return sorted(data["questions"], key=lambda q: order.get(q["role"], 2))


def _labels(study, language):
    """Option labels per choice question and group labels per segment question."""
    options = {
        q.id: {o.id: o.text[language] for o in q.options}
        for q in study.questions
        if q.type == "choice"
    }
    levels = {
        s.id: {level: label[language] for level, label in segment_levels(s)}
        for s in study.tested_segments
    }
    return options, levels


def report_context(report, language="en", id_prefix="", **extras):
    """Everything the report templates use; EXTRAS: texts, exposure, versions..."""
    study, family = report.study, report.family
    ranked = ranking(report, language)
    options, levels = _labels(study, language)
    roles = {family.helpfulness.id: "helpfulness"}
    if family.intrusiveness is not None:
        roles[family.intrusiveness.id] = "intrusiveness"
    data = report_json(report, per_segment=False)
    bars = {
        q.question.id: figures.question_bars(report, q, language)
        for q in report.questions
        if q.question.type == "likert7"
    }
    context = {
        "report": report, "study": study, "data": data, "language": language,
        "words": words_for(language), "id_prefix": id_prefix, "ranked": ranked,
        "answer": answer_parts(report, language),
        "forest": figures.forest(report, ranked, language),
        "map_chart": figures.overview_map(report, ranked, language),
        "level": figures.level_words(family.confidence), "bars": bars,
        "questions": _questions_in_order(data), "option_labels": options,
        "level_labels": levels, "roles": roles, "groups": GROUPS,
        "group_words": GROUP_WORDS[language], "markers": MARKERS,
        "interval_text": interval_text, "claim_words": CLAIM_WORDS[language],
        "role_words": ROLE_WORDS[language], "type_words": TYPE_WORDS[language],
        "better_words": BETTER_WORDS[language],
        "layout_words": LAYOUT_WORDS[language],
        "language_names": LANGUAGE_NAMES[language],
        "variant_ids": {v.id for v in study.variants},
        "version_outcomes": list(roles), "open_outcomes": True,
        "texts": {}, "exposure": (), "versions": (), "counts": None, "live": (),
        "segmentation": None,
    } | extras  # fmt: skip
    return context | said_in(report, language, context["segmentation"])


def _render(name, context, **more):
    return environment().get_template(name).render(context, **more)


def render_sections(report, language="en", **extras):
    """{section name: HTML} of the report, and {segment id: HTML} under 'segments'."""
    context = report_context(report, language, **extras)
    sections = {name: _render(f"reports/_{name}.html", context) for name in SECTIONS}
    sections["segments"] = {
        segment.id: _render(
            "reports/_segment_tests.html",
            context,
            segment_data=[
                s for s in context["data"]["segments"] if s["segment"] == segment.id
            ],
        )  # fmt: skip
        for segment in report.study.tested_segments
    }
    return sections


def render_segment_level(report, segment_id, level, language="en"):
    """The map and the differences of one group of one segment question (HTML)."""
    study = report.study
    ranked = ranking(report, language)
    in_group = figures.segment_ranking(report, ranked, segment_id, level)
    _, levels = _labels(study, language)
    group_label = levels.get(segment_id, {}).get(level, level)
    segment_text = study.question(segment_id).text[language]
    summary = report.segment_summary
    findings = {
        variant for segment, _, variant in (summary.findings if summary else ())
        if segment == segment_id
    }  # fmt: skip
    context = report_context(report, language, id_prefix="group-")
    return _render(
        "reports/_segment_level.html", context, in_group=in_group,
        group_label=group_label, findings=findings,
        segment_map=figures.segment_map(report, in_group, group_label,
                                        segment_text, language),
    )  # fmt: skip


def stylesheet():
    """The report's styles, to inline in a page that stands alone."""
    return "\n".join(
        (STATIC / name).read_text(encoding="utf-8") for name in STYLESHEETS
    )


def standalone_report(report, language="en"):
    """The report as one complete HTML page to share; it prints on A4."""
    context = report_context(report, language)
    sections = {
        name: Markup(_render(f"reports/_{name}.html", context))  # noqa: S704 - our templates, autoescaped
        for name in SHARED
    }
    segments = [
        (segment, [s for s in context["data"]["segments"]
                   if s["segment"] == segment.id])
        for segment in report.study.tested_segments
    ]  # fmt: skip
    return _render(
        "reports/standalone.html", context, sections=sections,
        segments=segments, css=Markup(stylesheet()),  # noqa: S704 - our stylesheet
        terms=TEXT_WORDS[language]["terms"],
    )  # fmt: skip


def standalone_segments(data, study, language="en"):
    """`sprintlab segment`'s JSON DATA as a complete HTML page."""
    return _render(
        "reports/segments.html", {}, seg=data, study=study,
        css=Markup(stylesheet()),  # noqa: S704 - our stylesheet
        language=language, seg_words=LATENT_WORDS[language],
        seg_said=said(data, study, language),
    )  # fmt: skip
