"""The sandbox message templates run in: Jinja's, with every growth charged.

Jinja's immutable sandbox keeps templates away from Python objects, files and
the network. On top of it, everything that can make a value larger is sized
before it is made and charged to the render's meter (budget.py): output,
filters, ``+ - * / // % **`` and ``~``. Compile-time constant folding is off,
so nothing a template writes is evaluated outside a metered render.
"""

import operator
from functools import cache

import jinja2
from jinja2 import pass_eval_context
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sprintlab.content import budget
from sprintlab.content.formatting import euro, long_date, plain_spaces

MAX_VALUE = 50_000  # characters (or items) in any one value a template makes
MAX_INT_BITS = 4096  # about 1,200 digits: more than any letter needs
MAX_PRECISION = 12
SAFE_FILTERS = (
    "abs", "capitalize", "default", "first", "last", "length", "lower",
    "replace", "round", "title", "trim", "truncate", "upper", "wordcount",
    "int", "float", "join",
)  # fmt: skip
SAFE_TESTS = (
    "defined", "undefined", "none", "number", "string", "even", "odd",
    "divisibleby", "eq", "ne", "lt", "le", "gt", "ge", "in", "lower", "upper",
)  # fmt: skip
BINOPS = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}


def too_large(what="result"):
    """The refusal for a value over MAX_VALUE."""
    return SecurityError(f"{what} too large for a message template")


def text_size(value):
    """The characters VALUE prints as (containers hold atoms only: template_rules)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return 2 + sum(text_size(item) + 2 for item in value)
    if isinstance(value, dict):
        return 2 + sum(text_size(k) + text_size(v) + 4 for k, v in value.items())
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise too_large("number")
    return len(str(value))


def charge(value, printed=False):
    """Charge VALUE's size (4 bytes a character at most) to the render; return it."""
    if isinstance(value, str):
        size = len(value) if value.isascii() else 4 * len(value)
    elif isinstance(value, list | tuple | dict):
        size = 8 * len(value) + 64
    else:
        size = 32
    budget.charge(size, len(value) if printed else 0)
    return value


def _bits(value):
    if isinstance(value, bool | float):
        return 64
    if isinstance(value, int):
        return value.bit_length()
    return 0


def _check_binop(op, left, right):
    """Refuse an operation whose result would be too large, before it is made."""
    if op == "%" and isinstance(left, str):
        raise SecurityError("formatting text with % is not available; use filters")
    sequence = (str, list, tuple)
    if op == "*" and isinstance(left, sequence) and isinstance(right, int):
        left, right = right, left
    if op == "*" and isinstance(right, sequence) and isinstance(left, int):
        if left > 0 and text_size(right) * left > MAX_VALUE:
            raise too_large()
    elif op == "+" and isinstance(left, sequence) and isinstance(right, sequence):
        if text_size(left) + text_size(right) > MAX_VALUE:
            raise too_large()
    elif op == "*" and _bits(left) + _bits(right) > MAX_INT_BITS:
        raise too_large("number")
    elif (
        op == "**"
        and isinstance(right, int | float)
        and (right > 64 or _bits(left) * max(right, 1) > MAX_INT_BITS)
    ):
        raise SecurityError("exponent too large for a message template")


class MeteredCodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``~`` joining through the metered join."""

    def visit_Concat(self, node, frame):
        """Write ``a ~ b`` as environment.metered_join((a, b))."""
        self.write("environment.metered_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class MessageSandbox(ImmutableSandboxedEnvironment):
    """The sandbox: immutable, no globals, and every growth sized and charged."""

    code_generator_class = MeteredCodeGenerator
    intercepted_binops = frozenset(BINOPS)

    def call_binop(self, context, op, left, right):
        """Size the result of an operator first; charge it once made."""
        _check_binop(op, left, right)
        budget.check_clock()
        return charge(BINOPS[op](left, right))

    def metered_join(self, parts):
        """``a ~ b ~ c`` as text, sized first and charged."""
        if sum(text_size(part) for part in parts) > MAX_VALUE:
            raise too_large()
        return charge("".join(str(part) for part in parts))


@pass_eval_context
def _finalize(eval_ctx, value):
    """Every printed value, sized and charged; also keeps constants unfolded."""
    if callable(value) and not isinstance(value, jinja2.Undefined):
        # persona.items or today.replace print as "<built-in method …>".
        raise SecurityError("printing a method; print a field such as persona.city")
    if text_size(value) > MAX_VALUE:
        raise too_large("printed value")
    return charge(value if isinstance(value, str) else str(value), printed=True)


def _sized_replace(original):
    @pass_eval_context
    def replace(eval_ctx, text, old, new, count=None):
        text, old, new = str(text), str(old), str(new)
        found = 0
        if len(new) > len(old):
            found = text.count(old) if old else len(text) + 1
        if count is not None:
            found = min(found, max(int(count), 0))
        if len(text) + found * (len(new) - len(old)) > MAX_VALUE:
            raise too_large()
        return original(eval_ctx, text, old, new, count)

    return replace


def _sized_join(original):
    @pass_eval_context
    def join(eval_ctx, value, d="", attribute=None):
        if attribute is not None:
            raise SecurityError("join(attribute=…) is not available; join values")
        items = list(value)
        size = sum(text_size(item) for item in items) + len(str(d)) * len(items)
        if size > MAX_VALUE:
            raise too_large()
        return original(eval_ctx, items, d)

    return join


def _bounded_round(original):
    def round_(value, precision=0, method="common"):
        if not isinstance(precision, int) or abs(precision) > MAX_PRECISION:
            raise SecurityError(f"round to at most {MAX_PRECISION} decimals")
        return original(value, precision, method)

    return round_


def _metered(filter_function):
    """FILTER_FUNCTION whose result is charged to the render."""

    def metered(*args, **kwargs):
        budget.check_clock()
        return charge(filter_function(*args, **kwargs))

    # Jinja passes the environment or context to the filters that ask for it.
    if hasattr(filter_function, "jinja_pass_arg"):
        metered.jinja_pass_arg = filter_function.jinja_pass_arg
    return metered


@cache
def sandbox(language, sms=False):
    """The sandboxed environment for LANGUAGE, with its formats as filters.

    For an SMS (SMS true) the formats use plain spaces only, so a message
    that uses them stays in GSM-7.
    """
    env = MessageSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        finalize=_finalize,
        optimized=False,
    )
    env.globals.clear()
    builtin = env.filters
    filters = {name: builtin[name] for name in SAFE_FILTERS}
    filters["replace"] = _sized_replace(builtin["replace"])
    filters["join"] = _sized_join(builtin["join"])
    filters["round"] = _bounded_round(builtin["round"])
    spaced = plain_spaces if sms else str
    filters["euro"] = lambda amount: spaced(euro(amount, language))
    filters["date"] = lambda value: spaced(long_date(value, language))
    env.filters = {name: _metered(function) for name, function in filters.items()}
    env.tests = {name: env.tests[name] for name in SAFE_TESTS}
    return env
