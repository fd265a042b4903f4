"""Every command's --help gives an example that parses as given and is in the README."""

import re
import shlex

import click
import pytest

from sprintlab.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def commands(group=cli, path=("sprintlab",)):
    """(path, command) for every command and sub-command under GROUP."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def example(command):
    """The command line after 'Example:' in COMMAND's help, on one line."""
    found = re.findall(r"Example:\s*(.+?)(?:\n\s*\n|\Z)", command.help or "", re.S)
    assert len(found) == 1, f"{command.name}: one 'Example:' in its help, not {found}"
    return " ".join(found[0].split())


def readme_entry(path):
    """The README's text about the command PATH, up to the next command."""
    start = README.index(f"`{' '.join(path)}")
    ends = [README.find(mark, start + 1) for mark in ("\n- `sprintlab", "\n## ")]
    return README[start : min(end for end in ends if end != -1)]


def named_command(words):
    """The names of the group and sub-commands WORDS (after 'sprintlab') call."""
    names, group = [], cli
    for word in words:
        if not isinstance(group, click.Group) or word not in group.commands:
            break
        group = group.commands[word]
        names.append(word)
    return names


@pytest.mark.parametrize(
    "path, command", list(commands()), ids=lambda value: " ".join(value)
    if isinstance(value, tuple) else ""
)  # fmt: skip
def test_the_help_example_parses_and_the_readme_documents_it(
    path, command, runner, tmp_path, monkeypatch
):
    words = shlex.split(example(command))
    names = named_command(words[1:])
    assert words[0] == "sprintlab" and tuple(names[: len(path) - 1]) == path[1:]
    # Parse it as click does, through the whole group, and run nothing.
    called = []
    for _, each in commands():
        monkeypatch.setattr(
            each, "callback", lambda *_, _name=each.name, **__: called.append(_name)
        )
    monkeypatch.chdir(tmp_path)
    for word in words:
        if word.endswith(".db"):  # commands that only read want the file to exist
            (tmp_path / word).touch()
    result = runner.invoke(cli, words[1:], input="een-lang-wachtwoord\n" * 2)
    assert result.exit_code == 0, result.output
    assert called == names
    entry = readme_entry(("sprintlab", *names))
    for option in (w.split("=")[0] for w in words if w.startswith("--")):
        assert option in entry, (
            f"the README's entry for {' '.join(names)} lacks {option}"
        )
