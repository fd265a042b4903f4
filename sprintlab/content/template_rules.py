"""The template language of a message: what letters need, and nothing that runs away.

A message template may print values (``{{ persona.first_name }}``), filter
them (``|euro``, ``|upper``), choose (``{% if %}``), name a value
(``{% set %}``) and do small sums and joins (``+ - * / ~``). It may not loop,
call methods or functions, define macros or blocks, or include other
templates: with those gone, every operation runs at most once per render, so
the render budget (budget.py) can bound what a template costs.

The rules are an allowlist of Jinja's syntax nodes, checked when a template
is compiled; anything else is refused with its line and what to use instead.
"""

import math

from jinja2 import nodes

ALLOWED = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Slice,
    nodes.Filter,
    nodes.Test,
    nodes.CondExpr,
    nodes.If,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.FilterBlock,
    nodes.With,
    nodes.Concat,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.BinExpr,
    nodes.Keyword,
    nodes.List,
    nodes.Tuple,
    nodes.Dict,
    nodes.Pair,
)
# Containers may hold constants only: then no value can hold itself twice
# over, and the size of any value is the sum of its parts.
CONTAINERS = (nodes.List, nodes.Tuple, nodes.Dict)
NOT_ALLOWED = "not allowed in a message template: "
REFUSALS = {
    nodes.For: "loops ({% for %}); write the text out, or use |join",
    nodes.Macro: "macros; write the text out",
    nodes.CallBlock: "macros ({% call %}); write the text out",
    nodes.Call: "calling a method or function (…()); use a filter such as |upper"
    " or |replace",
    nodes.Block: "blocks ({% block %})",
    nodes.Include: "to include or import other templates",
    nodes.Import: "to include or import other templates",
    nodes.FromImport: "to include or import other templates",
    nodes.Extends: "to include or import other templates",
}
OTHER = "this template syntax"
# The shipped templates have at most about 50; compiling costs some 30 µs a
# node, outside any render's budget, so the count is capped.
MAX_NODES = 2000


class RuleBroken(Exception):
    """A template that uses syntax outside the message template language."""

    def __init__(self, message, line):
        super().__init__(message)
        self.message = message
        self.line = line


def check_size(tree):
    """Raise RuleBroken when the template has more parts than MAX_NODES."""
    for count, node in enumerate(_walk(tree)):
        if count > MAX_NODES:
            raise RuleBroken(
                f"the template has more than {MAX_NODES} parts; split it up",
                node.lineno,
            )


def check_rules(tree):
    """Raise RuleBroken at the first node outside the message template language."""
    for node in _walk(tree):
        if not isinstance(node, ALLOWED):
            raise RuleBroken(_refusal(node), node.lineno)
        if isinstance(node, nodes.Const) and not _finite(node.value):
            raise RuleBroken(NOT_ALLOWED + "a number this large", node.lineno)
        if isinstance(node, CONTAINERS):
            for item in _items(node):
                if not isinstance(item, nodes.Const) and not _target(item):
                    raise RuleBroken(
                        NOT_ALLOWED + "a list of anything but fixed values",
                        node.lineno,
                    )


def _refusal(node):
    for kind, message in REFUSALS.items():
        if isinstance(node, kind):
            return NOT_ALLOWED + message
    return f"{NOT_ALLOWED}{OTHER} ({type(node).__name__})"


def _walk(node):
    yield node
    for child in node.iter_child_nodes():
        yield from _walk(child)


def _items(node):
    if isinstance(node, nodes.Dict):
        for pair in node.items:
            yield pair.key
            yield pair.value
    else:
        yield from node.items


def _finite(value):
    return not isinstance(value, float) or math.isfinite(value)


def _target(node):
    """Whether NODE is a name being assigned to ({% set a, b = … %})."""
    return isinstance(node, nodes.Name) and node.ctx == "store"
