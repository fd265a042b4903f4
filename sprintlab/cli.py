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


@cli.command()
@click.option("--db", "database", default=DEFAULT_DEMO_DB, show_default=True)
@server_options
@content_option
def demo(database, host, port, content_root):
    """Serve the demo on an embedded SQLite file, offline.

    Example: sprintlab demo --port 5000
    """
    from sprintlab import create_app

    app = create_app(
        {"DATABASE": str(Path(database).resolve()), "CONTENT_ROOT": content_root}
    )
    base = f"http://{host}:{port}"
    click.echo(f"sprintlab demo on {base}/  (database: {database})")
    click.echo(f"  gallery of every shipped message: {base}/")
    click.echo("Press Ctrl+C to stop.")
    _serve(app, host, port)


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
