"""Commands for the evidence: simulate, export, analyze, and accounts."""

import sys
from pathlib import Path

import click

from sprintlab.cli.options import content_option, db_option
from sprintlab.content.folder import Content, find_content_root


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
    help="Shift one variant's ratings by SHIFT scale points (repeatable).",
)
@content_option
def simulate(study_id, database, participants, seed, effects, content_root):
    """Add synthetic participants with a known truth, through the real code path.

    Example: sprintlab simulate vroegsignalering --db sim.db --participants 400
    --effect transparantie:intrusiveness=-0.8
    """
    import time

    from sprintlab import db as store
    from sprintlab.fieldwork.simulation import (
        check_effects,
        parse_effect,
        simulate_study,
    )

    content = Content(find_content_root(content_root))
    try:
        study = content.study(study_id)
        shifts = dict(parse_effect(text) for text in effects)
        check_effects(study, shifts)
    except KeyError:
        raise click.ClickException(f"there is no study called {study_id}") from None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    evidence = store.open_db(database)
    began = time.perf_counter()
    result = simulate_study(evidence, content, study, participants, seed, shifts)
    evidence.close()
    click.echo(
        f"simulated {result.started} participants for {study_id} (seed {seed}):"
        f" {result.completed} completed, {result.dropped_out} dropped out"
        f" in {time.perf_counter() - began:.1f} s"
    )
    truth = [f"{':'.join(key)}={shift:+g}" for key, shift in result.effects.items()]
    click.echo("true effects: " + (", ".join(truth) or "none"))


@click.command()
@click.argument("study_id")
@db_option(must_exist=True)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "json", "sav", "wide-csv"]),
    default="csv",
    help="csv/json: long, one row per answer; sav (SPSS) and wide-csv (R, with a"
    " codebook): wide, one row per participant and variant.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    default="nl",
    help="Language of the labels in sav and wide-csv.",
)
@content_option
def export(study_id, database, format_, out, language, content_root):
    """Export a study's answers: long (CSV, JSON) or wide (SPSS .sav, R CSV).

    Example: sprintlab export vroegsignalering --db study.db --format csv
    --out answers.csv
    """
    from sprintlab import db as store
    from sprintlab.reporting.export import export_answers, write_export

    study = Content(find_content_root(content_root)).studies().get(study_id)
    if format_ in ("sav", "wide-csv"):
        _export_wide(study, study_id, database, format_, out, language)
        return
    segment_ids = [q.id for q in study.segments] if study else []
    evidence = store.open_db(database)
    try:
        if study is None and not store.participant_count(evidence, study_id):
            raise click.ClickException(f"there is no study called {study_id}")
        result = export_answers(evidence, study_id, segment_ids)
    finally:
        evidence.close()
    if out is None:
        write_export(result, sys.stdout, format_)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        write_export(result, stream, format_)
    click.echo(f"wrote {len(result.rows)} answers to {out}", err=True)


def _export_wide(study, study_id, database, format_, out, language):
    """The wide exports: they need the study file for their labels, and --out."""
    from sprintlab import db as store
    from sprintlab.reporting.spss import codebook_path, write_r_csv, write_sav

    if out is None:
        raise click.UsageError(f"--format {format_} writes a file: give --out FILE")
    if study is None:
        raise click.ClickException(f"there is no study file for {study_id}")
    evidence = store.open_db(database)
    try:
        write = write_sav if format_ == "sav" else write_r_csv
        table = write(evidence, study, out, language)
    finally:
        evidence.close()
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
    from sprintlab import db as store
    from sprintlab.accounts import AccountError, add_user

    password = _new_password(password_file)
    evidence = store.open_db(database)
    try:
        add_user(evidence, name, password, role)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    finally:
        evidence.close()
    click.echo(f"added {name} ({role})")


@users.command("password")
@click.argument("name")
@db_option(must_exist=True)
@_password_file_option
def users_password(name, database, password_file):
    """Give an account a new password; its sessions end everywhere.

    Example: sprintlab users password sanne --db study.db
    """
    from sprintlab import db as store
    from sprintlab.accounts import AccountError, change_password

    password = _new_password(password_file)
    evidence = store.open_db(database)
    try:
        change_password(evidence, name, password)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    finally:
        evidence.close()
    click.echo(f"changed the password of {name}; its sessions have ended")


@users.command("list")
@db_option(must_exist=True)
def users_list(database):
    """List the accounts and their roles.

    Example: sprintlab users list --db study.db
    """
    from sprintlab import db as store

    evidence = store.open_db(database)
    for user in store.users(evidence):
        click.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")
    evidence.close()


@click.command()
@click.argument("study_id")
@db_option(must_exist=True)
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
@content_option
def analyze(study_id, database, output_format, out, exclude_speeders, all_pairs,
            content_root):  # fmt: skip
    """Compare a study's variants: tests, effects with intervals, verdicts, segments.

    Example: sprintlab analyze vroegsignalering --db study.db --format json
    """
    from sprintlab import db as store
    from sprintlab.reporting.analysis import analyse
    from sprintlab.reporting.formats import dumps, report_text

    content = Content(find_content_root(content_root))
    try:
        study = content.study(study_id)
    except KeyError:
        raise click.ClickException(f"there is no study called {study_id}") from None
    evidence = store.open_db(database)
    try:
        report = analyse(evidence, study, exclude_speeders, all_pairs)
    finally:
        evidence.close()
    if output_format == "json":
        text = dumps(report)
    elif output_format == "html":
        from sprintlab.reporting.dashboard import report_figures
        from sprintlab.reporting.html import standalone_report

        text = standalone_report(report, report_figures(report, "cli"))
    else:
        text = report_text(report)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
