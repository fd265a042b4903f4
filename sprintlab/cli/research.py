"""Commands for the research plan and its segments: preregister, segment."""

import click

from sprintlab.cli import guards
from sprintlab.cli.options import content_option, db_option, language_option
from sprintlab.content.folder import Content, find_content_root
from sprintlab.content.problems import ContentError


def _k(value):
    """--k: "auto" or a whole number."""
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a number or auto") from None


@click.command()
@click.argument("study_id")
@db_option()
@click.option(
    "--late",
    is_flag=True,
    help="Register although participants have started; every report then says"
    " the plan was registered late.",
)
@content_option
def preregister(study_id, database, late, content_root):
    """Freeze a study's analysis plan before its first participant.

    The plan (outcomes and margins, the planned n, alpha and the verdict
    family, the segment questions to test, the study and template hashes and
    the sprintlab version) is stored with its hash and time; `analyze` then
    lists every deviation from it.

    Example: sprintlab preregister vroegsignalering --db study.db
    """
    from sprintlab.reporting.preregistration import Refused
    from sprintlab.reporting.preregistration import preregister as freeze

    content = Content(find_content_root(content_root))
    study = guards.study(content, study_id)
    guards.secret_key(database)
    with guards.evidence(database, create=True) as evidence:
        try:
            row = freeze(evidence, study, content, late=late)
        except (Refused, ContentError) as error:
            raise click.ClickException(str(error).splitlines()[0]) from None
    said = " (late)" if row["late"] else ""
    click.echo(
        f"pre-registered {study_id}{said} on"
        f" {row['registered_at'][:16].replace('T', ' ')} UTC,"
        f" hash {row['hash']}"
    )


@click.command()
@click.argument("study_id")
@db_option()
@click.option(
    "--k",
    "k",
    default="auto",
    show_default=True,
    callback=lambda ctx, param, value: _k(value),
    help="How many segments: a number from 2 to 8, or auto (by BIC).",
)
@click.option("--seed", default=0, show_default=True, help="Same seed, same segments.")
@click.option(
    "--resamples",
    type=click.IntRange(2, 200),
    default=20,
    show_default=True,
    help="Bootstrap refits for the stability.",
)
@click.option(
    "--save",
    is_flag=True,
    help="Keep the fitted model: the dashboard and --saved classify everyone with"
    " it, also people who arrive later.",
)
@click.option(
    "--saved",
    is_flag=True,
    help="Classify with the saved model instead of fitting a new one.",
)
@click.option(
    "--format", "output_format", default="text", show_default=True,
    type=click.Choice(["text", "json", "html"]),
)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False))
@language_option("en", "Language of the profiles in the text and HTML output.")
@content_option
def segment(study_id, database, k, seed, resamples, save, saved, output_format, out,
            language, content_root):  # fmt: skip
    """Find latent segments of respondents and the best message for each.

    A latent class model of the segment questions' answers, k chosen by BIC
    (or --k), with each segment's size, profile, stability and best variant.

    Example: sprintlab segment vroegsignalering --db study.db --format json
    """
    from sprintlab.reporting.segmentation import SegmentationError

    guards.writable(out)
    if save and saved:
        raise click.UsageError("--save fits a model; --saved uses one: give one")
    study = guards.study(Content(find_content_root(content_root)), study_id)
    with guards.evidence(database) as evidence:
        try:
            found, status = _segmentation(evidence, study, k, seed, resamples, saved)
        except SegmentationError as error:
            raise click.ClickException(str(error)) from None
        if save:
            _save(evidence, study, found)
    text = _formatted(found, status, output_format, language)
    if out:
        with open(out, "w", encoding="utf-8") as stream:
            stream.write(text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)


def _segmentation(evidence, study, k, seed, resamples, saved):
    """(Segmentation, pre-registration JSON or None) from the evidence."""
    from sprintlab import db as store
    from sprintlab.reporting.evidence import load_evidence
    from sprintlab.reporting.preregistration import status
    from sprintlab.reporting.segmentation import (
        SegmentationError,
        from_saved,
        segment_study,
    )
    from sprintlab.reporting.survey_json import preregistration_json

    answers = load_evidence(evidence, study)
    if saved:
        row = store.latest_segmentation(evidence, study.id)
        if row is None:
            raise SegmentationError(
                f"no saved segment model for {study.id}: run sprintlab segment"
                f" {study.id} --db PATH --save first"
            )
        found = from_saved(study, answers, row)
    else:
        found = segment_study(study, answers, k, seed, resamples)
    return found, preregistration_json(status(evidence, study))


def _save(evidence, study, found):
    import json

    from sprintlab import db as store

    store.save_segmentation(evidence, study.id, json.dumps(found.model), store.now())
    click.echo(f"saved the {found.k}-segment model of {study.id}", err=True)


def _formatted(found, status, output_format, language):
    from sprintlab.reporting.segment_formats import (
        dumps,
        segmentation_json,
        segmentation_text,
    )

    if output_format == "json":
        return dumps(found, status) + "\n"
    if output_format == "html":
        from sprintlab.reporting.html import standalone_segments

        return standalone_segments(segmentation_json(found, status), found.study,
                                   language)  # fmt: skip
    return segmentation_text(found, language)
