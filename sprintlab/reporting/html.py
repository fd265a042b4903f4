"""A study report as one standalone HTML page (styles inlined, figures as SVG)."""

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sprintlab.content.mockups import STATIC, TEMPLATES
from sprintlab.reporting.formats import report_json


def _environment():
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def standalone_report(report, figures=None, language="en"):
    """The report as a complete HTML page; FIGURES maps names to SVG text."""
    css = (STATIC / "sprintlab.css").read_text(encoding="utf-8")
    page = _environment().get_template("reports/standalone.html")
    return page.render(
        report=report,
        data=report_json(report),
        figures={k: Markup(v) for k, v in (figures or {}).items() if v},  # noqa: S704 - our SVG
        css=Markup(css),  # noqa: S704 - our own stylesheet
        language=language,
    )


def standalone_segments(data, study, language="en"):
    """`sprintlab segment`'s JSON DATA as a complete HTML page."""
    css = (STATIC / "sprintlab.css").read_text(encoding="utf-8")
    page = _environment().get_template("reports/segments.html")
    return page.render(
        seg=data,
        study=study,
        css=Markup(css),  # noqa: S704 - our own stylesheet
        language=language,
    )
