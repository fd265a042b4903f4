"""Write the TOML that study files use: tables, arrays of tables, plain values.

The standard library reads TOML but does not write it; studies need only
strings, integers, floats, booleans, lists of those, and nested tables.
"""

import re

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# Characters TOML strings must escape (besides quote and backslash).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def to_toml(data, comment=""):
    """DATA (a dict) as TOML text that tomllib reads back equal, COMMENT on top."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    if lines:
        lines.append("")
    _table(lines, [], data)
    return "\n".join(lines).strip("\n") + "\n"


def _is_table_array(value):
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) for item in value)
    )


def _table(lines, path, table):
    for key, value in table.items():
        if not isinstance(value, dict) and not _is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if isinstance(value, dict):
            lines += ["", f"[{_path(path + [key])}]"]
            _table(lines, path + [key], value)
    for key, value in table.items():
        if _is_table_array(value):
            for item in value:
                lines += ["", f"[[{_path(path + [key])}]]"]
                _table(lines, path + [key], item)


def _path(keys):
    return ".".join(_key(key) for key in keys)


def _key(key):
    return key if BARE_KEY.match(key) else _string(key)


def _value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _multiline(value) if "\n" in value else _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _escape(text):
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _string(text):
    escaped = _escape(text).replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _multiline(text):
    # The newline right after the opening quotes is not part of the string.
    return '"""\n' + _escape(text) + '"""'
