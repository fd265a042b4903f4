"""Render message templates in a sandbox: format the context, nothing more.

Designers' templates can use ``persona`` and ``today``, a small set of text
filters and the Dutch formats ``euro`` and ``date``. They cannot reach Python
objects, files, other templates or the network (sandbox.py); they cannot
loop, call or recurse (template_rules.py); and every render runs under a
budget of CPU time and memory (budget.py). Going over it is a RenderError.
"""

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from jinja2 import meta, nodes
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from markdown_it import MarkdownIt

from sprintlab.content import budget
from sprintlab.content.sandbox import sandbox
from sprintlab.content.template_rules import RuleBroken, check_rules, check_size
from sprintlab.hashing import content_hash

# cell: the levels of a factorial template (front matter `factors`), by factor.
CONTEXT_NAMES = frozenset({"persona", "today", "cell"})
MAX_OUTPUT = 50_000
# A long letter is about 3,000 characters; parsing and compiling are not
# budgeted, so the source is capped.
MAX_SOURCE = 20_000
COMPILE_FAILURES = (
    ValueError, NameError, SyntaxError, OverflowError, RecursionError, MemoryError,
)  # fmt: skip


class RenderError(Exception):
    """A template that cannot be rendered, with the file line where it fails."""

    def __init__(self, message, line=None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class OverBudgetError(RenderError):
    """A render stopped because it went over its CPU or memory budget."""


@dataclass(frozen=True)
class RenderedMessage:
    """A message as one participant sees it."""

    template_id: str
    language: str
    channel: str
    sender: str
    headline: str
    text: str
    html: str
    signature: str
    signature_role: str
    setting: str
    hash: str


@cache
def markdown():
    """CommonMark with raw HTML, links and images off: mockup links are never live."""
    return MarkdownIt("commonmark", {"html": False}).disable(
        ["link", "image", "autolink"]
    )


def compile_source(source, language, first_line=1, sms=False):
    """Compile SOURCE in the sandbox (an SMS's: SMS); RenderError at the file line."""
    env = sandbox(language, sms)
    offset = first_line - 1
    if len(source) > MAX_SOURCE:
        raise RenderError(f"the template is longer than {MAX_SOURCE} characters")
    try:
        tree = env.parse(source)
        check_size(tree)
        _check_names(tree, offset)
        check_rules(tree)
        return env.from_string(tree)
    except RuleBroken as broken:
        raise RenderError(broken.message, broken.line + offset) from None
    except TemplateSyntaxError as error:
        raise RenderError(_syntax_message(error), error.lineno + offset) from None
    except COMPILE_FAILURES as error:
        # A number too long to read, 1e999 (infinity has no literal), nesting
        # too deep: Jinja's parser or Python's compiler gives up.
        raise RenderError(f"template syntax: {error}") from None


def _check_names(tree, offset):
    """RenderError at the first name that is neither persona, today nor set here."""
    unknown = meta.find_undeclared_variables(tree) - CONTEXT_NAMES
    for node in tree.find_all(nodes.Name):
        if node.name in unknown:
            raise RenderError(
                f"unknown name '{node.name}': a template can use persona.…, today"
                " and cell.… (a factorial template's levels)",
                node.lineno + offset,
            )


def _syntax_message(error):
    if error.message.startswith("No filter named"):
        filters = ", ".join(sorted(sandbox("nl").filters))
        return f"{error.message} Filters you can use: {filters}."
    return f"template syntax: {error.message}"


# Compiled templates by (content hash, language): compiling took half of a
# message page's time, and every participant of a study is shown the same
# few template versions. A compiled Template holds no state between renders.
SOURCES_KEPT = 256
_sources = OrderedDict()
_sources_lock = threading.Lock()


def compiled_source(source, language, first_line=1, sms=False):
    """compile_source, compiled once per (content hash, language, SMS) and kept."""
    key = (content_hash(source), language, sms)
    with _sources_lock:
        template = _sources.get(key)
        if template is not None:
            _sources.move_to_end(key)
            return template
    # A template that does not compile raises here and is never kept. Its
    # compiled form does not depend on FIRST_LINE: that only places errors.
    template = compile_source(source, language, first_line, sms)
    with _sources_lock:
        _sources[key] = template
        while len(_sources) > SOURCES_KEPT:
            _sources.popitem(last=False)
    return template


def render_source(source, context, language, first_line=1, limits=None):
    """Render template SOURCE with CONTEXT; raise RenderError with the file line.

    The render runs under LIMITS (a budget.Budget; default: the app's).
    """
    template = compiled_source(source, language, first_line)
    with budget.metered(limits, printed=4 * MAX_OUTPUT):
        return run(template, context, first_line)


def run(template, context, first_line=1):
    """Render a compiled TEMPLATE (inside a metered block); RenderError if it fails."""
    try:
        output = template.render(context)
    except budget.OverBudget as error:
        raise OverBudgetError(str(error), _template_line(error, first_line)) from None
    except (MemoryError, RecursionError):
        raise RenderError("the template needs more than its render budget") from None
    except SecurityError as error:
        raise RenderError(
            f"not allowed in a message template: {error}",
            _template_line(error, first_line),
        ) from None
    except UndefinedError as error:
        raise RenderError(
            _undefined_message(error, context), _template_line(error, first_line)
        ) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError) as error:
        raise RenderError(
            f"{type(error).__name__}: {error}", _template_line(error, first_line)
        ) from None
    if len(output) > MAX_OUTPUT:
        raise RenderError(f"the message is longer than {MAX_OUTPUT} characters")
    return output


def _undefined_message(error, context):
    match = re.search(r"has no attribute '([^']+)'", str(error))
    cell = context.get("cell")
    if match and isinstance(cell, Cell) and "Cell object" in str(error):
        factors = ", ".join(sorted(cell)) or "none"
        return (
            f"unknown factor '{match.group(1)}' in cell.…; this template"
            f" declares factors: {factors} (front matter `factors`)"
        )
    persona = context.get("persona")
    if match and isinstance(persona, dict):
        fields = ", ".join(sorted(persona))
        return f"unknown field '{match.group(1)}'; persona has: {fields}"
    return f"undefined: {error}"


def _template_line(error, first_line):
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno + first_line - 1
        tb = tb.tb_next
    return line


FIELDS = ("sender", "subject", "title", "signature", "signature_role")
COMPILED_KEPT = 256
# A render can go over its CPU budget once without the template being at
# fault: a garbage collection of a large heap, or a first use that loads
# data, lands in the render's thread time. So a template is refused only
# when it goes over twice in a row, and then at once for this long (a page
# hit again and again costs nothing) before it is tried again.
REFUSED_FOR_SECONDS = 60.0
_compiled = {}
_compiled_lock = threading.Lock()


@dataclass(frozen=True)
class CompiledMessage:
    """A message template compiled once, to render for many personas and days."""

    template: object
    body: object
    fields: dict
    # budget -> (OverBudgetError, when): refused at once until
    # REFUSED_FOR_SECONDS have passed (see there).
    over_budget: dict = field(default_factory=dict)

    def render(self, persona, today=None, limits=None, html=True, cell=None):
        """The message for PERSONA on TODAY, all of it under one render budget.

        HTML false leaves out the Markdown rendering (for checks: it cannot fail).
        CELL gives a factorial template's level of each factor (default: the
        first level of each, the reference cell).
        """
        template = self.template
        limits = limits or budget.default_budget()
        refused = self.over_budget.get(limits)
        if refused and time.monotonic() - refused[1] < REFUSED_FOR_SECONDS:
            raise OverBudgetError(refused[0].message, refused[0].line)
        context = {
            "persona": persona,
            "today": today or date.today(),
            "cell": cell_of(template, cell),
        }
        try:
            text, fields = self._metered(context, limits)
        except OverBudgetError:
            try:  # once more: the first may have paid for something else
                text, fields = self._metered(context, limits)
            except OverBudgetError as error:
                self.over_budget[limits] = (error, time.monotonic())
                raise
        self.over_budget.pop(limits, None)
        marked_up = ""
        if html and template.channel != "sms":
            marked_up = markdown().render(text)
        return RenderedMessage(
            template_id=template.template_id,
            language=template.language,
            channel=template.channel,
            sender=fields["sender"],
            headline=fields["subject"] or fields["title"],
            text=text.strip(),
            html=marked_up,
            signature=fields["signature"],
            signature_role=fields["signature_role"],
            setting=template.front_matter.get("setting", "bus-shelter"),
            hash=template.hash,
        )

    def _metered(self, context, limits):
        """The body's text and the front matter's fields, under one budget."""
        with budget.metered(limits, printed=4 * MAX_OUTPUT):
            text = run(self.body, context, self.template.body_line)
            return text, {key: self._field(key, context) for key in FIELDS}

    def _field(self, key, context):
        try:
            return run(self.fields[key], context).strip()
        except RenderError as error:
            raise type(error)(f"in {key}: {error.message}", None) from None


def compile_message(template):
    """TEMPLATE's body and front matter fields compiled (kept); RenderError if not.

    Kept by template, language and text hash: consent renders every
    participant's message, and compiling costs ten times a render.
    """
    key = (template.template_id, template.language, template.hash)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compile_message(template)
        with _compiled_lock:
            if len(_compiled) >= COMPILED_KEPT:
                _compiled.pop(next(iter(_compiled)))
            _compiled[key] = compiled
    return compiled


def _compile_message(template):
    sms = template.channel == "sms"
    body = compile_source(template.body, template.language, template.body_line, sms)
    fields = {}
    for key in FIELDS:
        try:
            fields[key] = compile_source(
                template.front_matter.get(key, ""), template.language, sms=sms
            )
        except RenderError as error:
            raise RenderError(f"in {key}: {error.message}", None) from None
    return CompiledMessage(template, body, fields)


def render_message(template, persona, today=None, limits=None, cell=None):
    """Render TEMPLATE for PERSONA: the message as the participant will see it.

    CELL: a factorial template's level per factor (see cell_of).
    """
    return compile_message(template).render(persona, today, limits, cell=cell)


class Cell(dict):
    """A factorial template's level per factor, as the template sees it (cell.…)."""


def cell_of(template, cell=None):
    """CELL checked against TEMPLATE's factors; their first levels when None.

    RenderError when CELL names a factor the template does not declare, misses
    one, or gives a level it does not have.
    """
    factors = template.factors
    if cell is None:
        return Cell({factor: levels[0] for factor, levels in factors.items()})
    cell = Cell(cell)
    if set(cell) != set(factors):
        raise RenderError(
            f"{template.template_id} declares the factors"
            f" {', '.join(sorted(factors)) or 'none'}; the cell gives"
            f" {', '.join(sorted(cell)) or 'none'}"
        )
    for factor, level in cell.items():
        if level not in factors[factor]:
            raise RenderError(
                f"{template.template_id} has no level {level!r} of {factor}:"
                f" use one of {', '.join(factors[factor])}"
            )
    return cell
