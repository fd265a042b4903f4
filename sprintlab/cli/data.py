"""Commands for the evidence: simulate, export, analyze, and accounts."""

import sys
from pathlib import Path

import click

from sprintlab.cli import guards
from sprintlab.cli.options import content_option, db_option, language_option
from sprintlab.content.folder import Content, find_content_root
from sprintlab.content.problems import ContentError


@click.command()
@click.argument("study_id")
@db_option()
@click.option("--participants", required=True, type=click.IntRange(1, 10**6))
@click.option("--seed", default=0, show_default=True, help="Same seed, same data.")
@click.option(
    "--effect",
    "effects",
    multiple=True,
    metavar="VARIANT:QUESTION=SHIFT",
    help="Shift one variant's ratings by SHIFT scale points (repeatable); in a"
    " factorial study FACTOR=LEVEL:QUESTION=SHIFT shifts every cell at that level.",
)
@content_option
def simulate(study_id, database, participants, seed, effects, content_root):
    """Add synthetic participants with a known truth, through the real code path.

    Example: sprintlab simulate vroegsignalering --db sim.db --participants 400
    --effect transparantie:intrusive=-0.8
    """
    import time

    from sprintlab.fieldwork.participation import MessageBroken
    from sprintlab.fieldwork.simulation import (
        check_effects,
        parse_effect,
        simulate_study,
    )

    content = Content(find_content_root(content_root))
    study = guards.study(content, study_id)
    try:
        shifts = dict(parse_effect(text) for text in effects)
        check_effects(study, shifts)
    except (ContentError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    began = time.perf_counter()
    guards.secret_key(database)
    with guards.evidence(database, create=True) as evidence:
        try:
            result = simulate_study(
                evidence, content, study, participants, seed, shifts
            )
        except MessageBroken as broken:
            raise click.ClickException(f"cannot simulate: {broken}") from None
    click.echo(
        f"simulated {result.started} participants for {study_id} (seed {seed}):"
        f" {result.completed} completed, {result.dropped_out} dropped out"
        f" in {time.perf_counter() - began:.1f} s"
    )
    truth = [f"{':'.join(key)}={shift:+g}" for key, shift in result.effects.items()]
    click.echo("true effects: " + (", ".join(truth) or "none"))


@click.command()
@click.argument("study_id")
@db_option()
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "json", "sav", "wide-csv"]),
    default="csv",
    help="csv/json: long, one row per answer; sav (SPSS) and wide-csv (R, with a"
    " codebook): wide, one row per participant and variant.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@language_option("nl", "Language of the labels in sav and wide-csv.")
@content_option
def export(study_id, database, format_, out, language, content_root):
    """Export a study's answers: long (CSV, JSON) or wide (SPSS .sav, R CSV).

    Example: sprintlab export vroegsignalering --db study.db --format csv
    --out answers.csv
    """
    from sprintlab import db as store
    from sprintlab.reporting.export import cell_levels, export_answers, write_export

    guards.writable(out)
    try:
        study = Content(find_content_root(content_root)).studies().get(study_id)
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    if format_ in ("sav", "wide-csv"):
        _export_wide(study, study_id, database, format_, out, language)
        return
    segment_ids = [q.id for q in study.segments] if study else []
    with guards.evidence(database) as evidence:
        if study is None and not store.participant_count(evidence, study_id):
            raise click.ClickException(f"there is no study called {study_id}")
        result = export_answers(evidence, study_id, segment_ids, cell_levels(study))
    if out is None:
        write_export(result, sys.stdout, format_)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        write_export(result, stream, format_)
    click.echo(f"wrote {len(result.rows)} answers to {out}", err=True)


def _export_wide(study, study_id, database, format_, out, language):
    """The wide exports: they need the study file for their labels, and --out."""
    from sprintlab.reporting.spss import codebook_path, write_r_csv, write_sav

    if out is None:
        raise click.UsageError(f"--format {format_} writes a file: give --out FILE")
    if study is None:
        raise click.ClickException(f"there is no study file for {study_id}")
    with guards.evidence(database) as evidence:
        write = write_sav if format_ == "sav" else write_r_csv
        table = write(evidence, study, out, language)
    also = f" and its codebook to {codebook_path(out)}" if format_ == "wide-csv" else ""
    click.echo(f"wrote {len(table.rows)} rows to {out}{also}", err=True)


@click.group()
def users():
    """Manage accounts for researchers, designers, observers and admins.

    Example: sprintlab users add sanne --role researcher --db study.db
    """


def _password_file_option(command):
    return click.option(
        "--password-file",
        type=click.File("r", encoding="utf-8"),
        help="Read the password from the first line of this file ('-': standard"
        " input), for scripts. Without it the password is asked for twice.",
    )(command)


def _new_password(password_file):
    """The password from PASSWORD_FILE's first line, else asked for twice."""
    if password_file is not None:
        return password_file.readline().rstrip("\r\n")
    return click.prompt(
        "Password (at least 12 characters; a few unrelated words work well)",
        hide_input=True,
        confirmation_prompt=True,
    )


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["researcher", "designer", "observer", "admin"]),
    help="observer: test-day notes and live progress only (no ratings, no exports).",
)
@db_option()
@_password_file_option
def users_add(name, role, database, password_file):
    """Add an account; the password is asked for twice.

    Example: sprintlab users add sanne --role researcher --db study.db
    """
    from sprintlab.accounts import AccountError, add_user

    password = _new_password(password_file)
    with guards.evidence(database, create=True) as evidence:
        try:
            add_user(evidence, name, password, role)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"added {name} ({role})")


@users.command("password")
@click.argument("name")
@db_option()
@_password_file_option
def users_password(name, database, password_file):
    """Give an account a new password; its sessions end everywhere.

    Example: sprintlab users password sanne --db study.db
    """
    from sprintlab.accounts import AccountError, change_password

    password = _new_password(password_file)
    with guards.evidence(database) as evidence:
        try:
            change_password(evidence, name, password)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"changed the password of {name}; its sessions have ended")


@users.command("list")
@db_option()
def users_list(database):
    """List the accounts and their roles.

    Example: sprintlab users list --db study.db
    """
    from sprintlab import db as store

    with guards.evidence(database) as evidence:
        for user in store.users(evidence):
            click.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")


@click.command()
@click.argument("study_id")
@db_option()
@click.option(
    "--format", "output_format", default="text", show_default=True,
    type=click.Choice(["text", "json", "html"]),
)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--exclude-speeders", is_flag=True, help="Leave out speeding participants."
)
@click.option(
    "--all-pairs", is_flag=True, help="Compare every pair, not only vs control."
)
@language_option(
    "en", "Language of the text and HTML reports (labels, verdicts, legend)."
)
@content_option
def analyze(study_id, database, output_format, out, exclude_speeders, all_pairs,
            language, content_root):  # fmt: skip
    """Compare a study's variants: tests, effects with intervals, verdicts, segments.

    Example: sprintlab analyze vroegsignalering --db study.db --format json
    """
    from sprintlab.reporting.analysis import analyse
    from sprintlab.reporting.formats import dumps
    from sprintlab.reporting.text_report import report_text

    guards.writable(out)
    study = guards.study(Content(find_content_root(content_root)), study_id)
    with guards.evidence(database) as evidence:
        report = analyse(evidence, study, exclude_speeders, all_pairs)
    if output_format == "json":
        text = dumps(report)
    elif output_format == "html":
        from sprintlab.reporting.html import standalone_report

        text = standalone_report(report, language)
    else:
        text = report_text(report, language)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
