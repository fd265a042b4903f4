"""The sprintlab command line: one click group, kebab-case commands.

The top layer: may import everything below it (web, the domain sub-packages,
db, stats); nothing imports it.
"""

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import click

from sprintlab.cli import guards
from sprintlab.cli.data import analyze, export, simulate, users
from sprintlab.cli.notes import notes
from sprintlab.cli.options import (
    content_option,
    db_option,
    deployment_options,
    language_option,
    server_options,
)
from sprintlab.cli.research import preregister, segment
from sprintlab.cli.scaffolding import new_study, new_template
from sprintlab.cli.serving import SERVE_THREADS
from sprintlab.content.check import check_content
from sprintlab.content.folder import Content, find_content_root
from sprintlab.content.problems import ERROR, NOTE, WARNING, ContentError
from sprintlab.content.rendering import RenderError, cell_of

DEFAULT_DEMO_DB = "sprintlab-demo.db"


@click.group()
@click.version_option(package_name="sprintlab")
def cli():
    """Test outreach messages with real people before any citizen gets one."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@content_option
def check(paths, content_root):
    """Validate studies and message templates; exit 1 on any error.

    Each study's variants are also compared with its control (the manipulation
    check): what differs, and warnings where more than the factor differs.

    Example: sprintlab check prototypes/ messages/letter/controle.nl.md
    """
    root = find_content_root(content_root)
    content = Content(root)
    targets = paths or (content.prototypes_dir, content.messages_dir)
    result = check_content(targets, content.messages_dir)
    problems = result.problems
    counts = Counter(problem.level for problem in problems)
    for problem in problems:
        click.echo(str(problem), err=problem.level == ERROR)
    for path, manipulations in result.manipulations.items():
        if manipulations:
            click.echo(f"{path}: manipulation check, each variant against the control:")
            for manipulation in manipulations:
                click.echo(f"  {manipulation.summary()}")
    click.echo(
        f"{counts[ERROR]} error(s), {counts[WARNING]} warning(s),"
        f" {counts[NOTE]} note(s)",
        err=bool(counts[ERROR]),
    )
    sys.exit(1 if counts[ERROR] else 0)


@cli.command()
@click.argument("template_id")
@language_option("nl")
@click.option("--seed", default=0, show_default=True, help="Which fictional person.")
@click.option(
    "--cell",
    "cell",
    multiple=True,
    metavar="FACTOR=LEVEL",
    help="A factorial template's level of FACTOR (repeatable; the others keep"
    " their reference level).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@content_option
def preview(template_id, language, seed, cell, out, content_root):
    """Write one message's mockup as a standalone HTML page.

    Example: sprintlab preview letter/controle --seed 3 --out controle.html
    """
    from sprintlab.content.previews import preview_template

    guards.writable(out)
    content = Content(find_content_root(content_root))
    try:
        template = content.template(template_id, language)
        levels = _cell(template, cell)
        page = preview_template(template, seed, date.today(), cell=levels).standalone()
    except (ContentError, RenderError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if out:
        out.write_text(page, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(page)


def _cell(template, given):
    """A factorial TEMPLATE's cell from GIVEN 'FACTOR=LEVEL' words; None if none."""
    if not given:
        return None
    cell = dict(cell_of(template))  # the reference cell, then the levels asked for
    for word in given:
        factor, sep, level = word.partition("=")
        if not sep or not factor or not level:
            raise ValueError(f"--cell {word!r}: write FACTOR=LEVEL, e.g. toon=warm")
        if factor not in cell:
            raise ValueError(
                f"--cell {word!r}: {template.template_id} has no factor {factor!r}"
                f" (it has: {', '.join(sorted(cell)) or 'none'})"
            )
        cell[factor] = level
    return cell


def _prestart_reports():
    """Fork the report worker while this process is still a single thread."""
    from sprintlab.reporting import worker

    worker.prestart()


def _serve(app, host, port, threads=SERVE_THREADS):
    from sprintlab.cli.serving import serve
    from sprintlab.reporting import reports
    from sprintlab.web.research import warm

    # The dashboards' reports are made in the worker while the server starts,
    # so the first researcher to look does not wait for them.
    warm(app, app.extensions["sprintlab.content"].studies().values())
    try:
        serve(app, host, port, threads)
    finally:
        app.extensions["sprintlab.reports"].close()
        reports.shutdown()  # a report being made is not worth waiting for


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


def _app(database, content_root, new_secret=False, deployment=None):
    """The web app on DATABASE, or one clear line when it cannot be made."""
    from sprintlab import create_app
    from sprintlab import db as store
    from sprintlab.web.secret_key import SecretError

    config = {"DATABASE": str(Path(database).resolve()), "CONTENT_ROOT": content_root}
    try:
        return create_app(config | (deployment or {}) | {"NEW_SECRET": new_secret})
    except (SecretError, store.StoreError) as error:
        raise guards.Refused(str(error)) from None


@cli.command()
@db_option(default=DEFAULT_DEMO_DB)
@server_options
@content_option
def demo(database, host, port, content_root):
    """Serve the participant flow and gallery, seeded with simulated responses.

    Example: sprintlab demo --port 5000
    """
    from sprintlab import db as store
    from sprintlab.accounts import ensure_demo_accounts
    from sprintlab.cli.demo_data import prepare_demo

    guards.port_free(host, port)
    if Path(database).is_dir():
        raise guards.Refused(f"{database} is a folder: give a database file with --db")
    _prestart_reports()
    app = _app(database, content_root)
    content = app.extensions["sprintlab.content"]
    guards.report_content(content)
    evidence = store.connect(app.config["DATABASE"])
    prepare_demo(evidence, content)
    accounts = ensure_demo_accounts(evidence)
    evidence.close()
    base = f"http://{_link_host(host)}:{port}"
    click.echo(f"sprintlab demo on {base}/  (database: {database})")
    click.echo(f"  gallery of every shipped message: {base}/")
    print_participant_links(base, content.studies().values())
    click.echo(f"\nLog in at {base}/login (demo accounts, this machine only):")
    for name, password, role in accounts:
        click.echo(f"  {role:<11} {name} / {password}")
    click.echo(f"  results: {base}/research/   studio: {base}/studio/")
    click.echo(f"  test days (observe, grid, debrief): {base}/test-days/")
    if host == "127.0.0.1":
        click.echo("\nTo take part on a phone, add --host 0.0.0.0 (same network).")
    click.echo("Press Ctrl+C to stop.")
    _serve(app, host, port)


@cli.command()
@db_option(envvar="SPRINTLAB_DATABASE")
@click.option(
    "--init",
    is_flag=True,
    help="Create the database if it does not exist (the first start). Without it,"
    " a missing database is an error, never a new empty one.",
)
@click.option(
    "--new-secret",
    is_flag=True,
    help="Make a new secret key beside the database, also when participants are"
    " in: everyone who has not finished must then start again.",
)
@click.option(
    "--threads",
    default=SERVE_THREADS,
    show_default=True,
    help="Worker threads: how many requests are served at once.",
)
@deployment_options
@server_options
@content_option
def serve(database, init, new_secret, threads, public_url, trusted_proxies, host,
          port, content_root):  # fmt: skip
    """Run sprintlab with a production WSGI server (waitress), in one process.

    SIGTERM or Ctrl+C stop taking requests and let running ones finish.

    Example: sprintlab serve --db study.db --host 0.0.0.0 --port 8080
    --public-url https://onderzoek.example.nl
    """
    from sprintlab.web.settings import SettingError, check_public_url

    try:
        public_url = check_public_url(public_url) if public_url else None
    except SettingError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    guards.database_to_serve(database, init)
    guards.port_free(host, port)
    deployment = {"PUBLIC_URL": public_url, "TRUSTED_PROXIES": trusted_proxies}
    _prestart_reports()
    app = _app(database, content_root, new_secret, deployment)
    content = app.extensions["sprintlab.content"]
    guards.report_content(content)
    click.echo(f"sprintlab serving on http://{host}:{port}/ (database: {database})")
    if public_url:
        click.echo(f"participants reach it at {public_url}/")
    base = public_url or f"http://{_link_host(host)}:{port}"
    studies = _open_studies(app.config["DATABASE"], content)
    print_participant_links(base, studies)
    if not studies:
        click.echo(f"No study is open: open one in the studio, {base}/studio/")
    _serve(app, host, port, threads)


def _open_studies(database, content):
    """The studies that take participants now: those that load and are open."""
    from sprintlab import db as store

    evidence = store.connect(database)
    try:
        return [
            study
            for study in content.studies().values()
            if store.study_state(evidence, study.id) == "open"
        ]
    finally:
        evidence.close()


for command in (simulate, export, analyze, users, notes, new_study, new_template,
                preregister, segment):  # fmt: skip
    cli.add_command(command)
