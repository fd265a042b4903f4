"""Render message templates in a sandbox: format the context, nothing more.

Designers' templates can use ``persona`` and ``today``, a small set of text
filters and the Dutch formats ``euro`` and ``date``. They cannot reach Python
objects, files, other templates or the network, and cannot build huge strings.
"""

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import cache

import jinja2
from jinja2 import meta, nodes
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt

from sprintlab.content.formatting import euro, long_date
from sprintlab.hashing import content_hash

CONTEXT_NAMES = frozenset({"persona", "today"})
SAFE_FILTERS = [
    "abs",
    "capitalize",
    "default",
    "first",
    "last",
    "length",
    "lower",
    "replace",
    "round",
    "title",
    "trim",
    "truncate",
    "upper",
    "wordcount",
    "int",
    "float",
    "join",
]
MAX_OUTPUT = 50_000
FORBIDDEN_TAGS = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)


class RenderError(Exception):
    """A template that cannot be rendered, with the file line where it fails."""

    def __init__(self, message, line=None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


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


class MessageSandbox(ImmutableSandboxedEnvironment):
    """A sandbox that also refuses to build very large strings or numbers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        """Multiply or raise to a power only within small bounds."""
        if operator == "**" and _size(right) > 64:
            raise SecurityError("exponent too large for a message template")
        if operator == "*" and _size(left) * _size(right) > MAX_OUTPUT:
            raise SecurityError("result too large for a message template")
        return super().call_binop(context, operator, left, right)


def _size(value):
    if isinstance(value, str | list | tuple):
        return len(value)
    if isinstance(value, int | float):
        return abs(value)
    return 1


@cache
def sandbox(language):
    """The sandboxed environment for LANGUAGE, with its formats as filters."""
    env = MessageSandbox(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    env.globals.clear()
    env.filters = {name: env.filters[name] for name in SAFE_FILTERS}
    env.filters["euro"] = lambda amount: euro(amount, language)
    env.filters["date"] = lambda value: long_date(value, language)
    return env


@cache
def markdown():
    """CommonMark with raw HTML, links and images off: mockup links are never live."""
    return MarkdownIt("commonmark", {"html": False}).disable(
        ["link", "image", "autolink"]
    )


def compile_source(source, language, first_line=1):
    """Compile SOURCE in the sandbox; raise RenderError at the file line."""
    env = sandbox(language)
    offset = first_line - 1
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        raise RenderError(_syntax_message(error), error.lineno + offset) from None
    for node in tree.find_all(FORBIDDEN_TAGS):
        raise RenderError(
            "a message template cannot include or import other templates",
            node.lineno + offset,
        )
    try:
        unknown = meta.find_undeclared_variables(tree) - CONTEXT_NAMES
        for node in tree.find_all(nodes.Name):
            if node.name in unknown:
                raise RenderError(
                    f"unknown name '{node.name}': a template can use "
                    "persona.… and today",
                    node.lineno + offset,
                )
        return env.from_string(tree)
    except TemplateSyntaxError as error:
        raise RenderError(_syntax_message(error), error.lineno + offset) from None


def _syntax_message(error):
    if error.message.startswith("No filter named"):
        filters = ", ".join(sorted(sandbox("nl").filters))
        return f"{error.message} Filters you can use: {filters}."
    return f"template syntax: {error.message}"


# Compiled templates by (content hash, language): compiling took half of a
# message page's time, and every participant of a study is shown the same
# few template versions. A compiled Template holds no state between renders.
COMPILED_KEPT = 256
_compiled = OrderedDict()
_compiled_lock = threading.Lock()


def compiled_source(source, language, first_line=1):
    """compile_source, compiled once per (content hash, language) and kept."""
    key = (content_hash(source), language)
    with _compiled_lock:
        template = _compiled.get(key)
        if template is not None:
            _compiled.move_to_end(key)
            return template
    # A template that does not compile raises here and is never kept. Its
    # compiled form does not depend on FIRST_LINE: that only places errors.
    template = compile_source(source, language, first_line)
    with _compiled_lock:
        _compiled[key] = template
        while len(_compiled) > COMPILED_KEPT:
            _compiled.popitem(last=False)
    return template


def render_source(source, context, language, first_line=1):
    """Render template SOURCE with CONTEXT; raise RenderError with the file line."""
    template = compiled_source(source, language, first_line)
    try:
        output = template.render(context)
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


def render_message(template, persona, today=None):
    """Render TEMPLATE for PERSONA: the message as the participant will see it."""
    context = {"persona": persona, "today": today or date.today()}
    language = template.language
    front = template.front_matter

    def field(key, default=""):
        value = front.get(key, default)
        try:
            return render_source(value, context, language).strip()
        except RenderError as error:
            raise RenderError(f"in {key}: {error.message}", None) from None

    text = render_source(template.body, context, language, template.body_line)
    html = "" if template.channel == "sms" else markdown().render(text)
    return RenderedMessage(
        template_id=template.template_id,
        language=language,
        channel=template.channel,
        sender=field("sender"),
        headline=field("subject") or field("title"),
        text=text.strip(),
        html=html,
        signature=field("signature"),
        signature_role=field("signature_role"),
        setting=front.get("setting", "bus-shelter"),
        hash=template.hash,
    )
