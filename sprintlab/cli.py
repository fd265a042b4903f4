"""The sprintlab command line: one click group, kebab-case commands."""

import sys
from datetime import date
from pathlib import Path

import click

from sprintlab.check import check_paths
from sprintlab.content import Content, find_content_root
from sprintlab.problems import WARNING, ContentError
from sprintlab.rendering import RenderError

DEFAULT_DEMO_DB = "sprintlab-demo.db"


def content_option(command):
    """The shared --content option: the folder holding prototypes/ and messages/."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder with prototypes/ and messages/ (default: here or the checkout).",
    )(command)


def server_options(command):
    """The shared --host and --port options."""
    command = click.option("--port", default=5000, show_default=True, type=int)(command)
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on; 127.0.0.1 keeps it on this machine.",
    )(command)


@click.group()
@click.version_option(package_name="sprintlab")
def cli():
    """Test outreach messages with real people before any citizen gets one."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@content_option
def check(paths, content_root):
    """Validate studies and message templates; exit 1 on any error.

    Example: sprintlab check prototypes/ messages/letter/controle.nl.md
    """
    root = find_content_root(content_root)
    content = Content(root)
    targets = paths or (content.prototypes_dir, content.messages_dir)
    problems = check_paths(targets, content.messages_dir)
    errors = [p for p in problems if p.level != WARNING]
    for problem in problems:
        click.echo(str(problem), err=problem.level != WARNING)
    click.echo(
        f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)",
        err=bool(errors),
    )
    sys.exit(1 if errors else 0)


@cli.command()
@click.argument("template_id")
@click.option("--lang", "language", default="nl", type=click.Choice(["nl", "en"]))
@click.option("--seed", default=0, show_default=True, help="Which fictional person.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@content_option
def preview(template_id, language, seed, out, content_root):
    """Write one message's mockup as a standalone HTML page.

    Example: sprintlab preview letter/controle --seed 3 --out controle.html
    """
    from sprintlab.previews import preview_template

    content = Content(find_content_root(content_root))
    try:
        template = content.template(template_id, language)
        page = preview_template(template, seed, date.today()).standalone()
    except (ContentError, RenderError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if out:
        out.write_text(page, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(page)


def _serve(app, host, port, threads=8):
    from waitress import serve

    serve(app, host=host, port=port, threads=threads, ident="sprintlab")


def _link_host(host):
    """The host to put in printed links: a LAN address when serving on all."""
    if host not in ("0.0.0.0", "::"):  # noqa: S104 -- compared, not bound
        return host
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # UDP: picks a route, sends nothing
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def print_participant_links(base, studies):
    """Each study's participant and kiosk link, and a QR code in the terminal."""
    import segno

    for study in studies:
        link = f"{base}/s/{study.id}"
        click.echo(f"\n{study.id}: {study.title['nl']}")
        click.echo(f"  participant link: {link}")
        click.echo(f"  kiosk link:       {link}?kiosk=1")
        click.echo(f"  QR code page:     {base}/gallery/{study.id}/qr")
        segno.make(link, error="m").terminal(compact=True)


@cli.command()
@click.option("--db", "database", default=DEFAULT_DEMO_DB, show_default=True)
@server_options
@content_option
def demo(database, host, port, content_root):
    """Serve the participant flow and gallery, seeded with simulated responses.

    Example: sprintlab demo --port 5000
    """
    from sprintlab import create_app
    from sprintlab import db as store
    from sprintlab.simulation import seed_demo

    app = create_app(
        {"DATABASE": str(Path(database).resolve()), "CONTENT_ROOT": content_root}
    )
    content = app.extensions["sprintlab.content"]
    evidence = store.connect(app.config["DATABASE"])
    for study_id, result in seed_demo(evidence, content).items():
        click.echo(f"simulated {result.started} participants for {study_id}")
    evidence.close()
    base = f"http://{_link_host(host)}:{port}"
    click.echo(f"sprintlab demo on {base}/  (database: {database})")
    click.echo(f"  gallery of every shipped message: {base}/")
    print_participant_links(base, content.studies().values())
    if host == "127.0.0.1":
        click.echo("\nTo take part on a phone, add --host 0.0.0.0 (same network).")
    click.echo("Press Ctrl+C to stop.")
    _serve(app, host, port)


@cli.command()
@click.argument("study_id")
@click.option("--db", "database", required=True, help="The SQLite evidence store.")
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
    from sprintlab.simulation import check_effects, parse_effect, simulate_study

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


@cli.command()
@click.argument("study_id")
@click.option("--db", "database", required=True, type=click.Path(exists=True))
@click.option("--format", "format_", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@content_option
def export(study_id, database, format_, out, content_root):
    """Export a study's answers in long format, one row per answer.

    Example: sprintlab export vroegsignalering --db study.db --format csv
    --out answers.csv
    """
    from sprintlab import db as store
    from sprintlab.export import export_answers, write_export

    study = Content(find_content_root(content_root)).studies().get(study_id)
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


@cli.command()
@click.option("--db", "database", required=True, help="The SQLite evidence store.")
@click.option("--threads", default=8, show_default=True)
@server_options
@content_option
def serve(database, threads, host, port, content_root):
    """Run sprintlab with a production WSGI server (waitress).

    Example: sprintlab serve --db study.db --host 0.0.0.0 --port 8080
    """
    from sprintlab import create_app

    app = create_app(
        {"DATABASE": str(Path(database).resolve()), "CONTENT_ROOT": content_root}
    )
    click.echo(f"sprintlab serving on http://{host}:{port}/ (database: {database})")
    _serve(app, host, port, threads)


@cli.group()
def users():
    """Manage accounts for researchers, designers and admins.

    Example: sprintlab users add sanne --role researcher --db study.db
    """


@users.command("add")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice(["researcher", "designer", "admin"])
)
@click.option("--db", "database", required=True, help="The SQLite evidence store.")
@click.password_option(help="Asked for when not given (at least 10 characters).")
def users_add(name, role, database, password):
    """Add an account; the password is asked for twice.

    Example: sprintlab users add sanne --role researcher --db study.db
    """
    from sprintlab import db as store
    from sprintlab.accounts import AccountError, add_user

    evidence = store.open_db(database)
    try:
        add_user(evidence, name, password, role)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    finally:
        evidence.close()
    click.echo(f"added {name} ({role})")


@users.command("list")
@click.option("--db", "database", required=True, help="The SQLite evidence store.")
def users_list(database):
    """List the accounts and their roles.

    Example: sprintlab users list --db study.db
    """
    from sprintlab import db as store

    evidence = store.open_db(database)
    for user in store.users(evidence):
        click.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")
    evidence.close()


@cli.command()
@click.argument("study_id")
@click.option("--db", "database", required=True, help="The SQLite evidence store.")
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
    from sprintlab.analysis import analyse
    from sprintlab.report_format import dumps, report_text

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
        from sprintlab.report_html import standalone_report

        text = standalone_report(report)
    else:
        text = report_text(report)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
