"""The gallery: every shipped study with its variants shown as mockups.

Anonymous visitors see the open studies and the templates they show; paused
and closed studies and templates no open study shows (drafts) need a login.
"""

from flask import Blueprint, abort, redirect, render_template, request, url_for

from sprintlab import db as store
from sprintlab.content.messages import CHANNELS
from sprintlab.content.personas import parse_seed
from sprintlab.content.previews import preview_template
from sprintlab.content.problems import ContentError
from sprintlab.content.rendering import RenderError
from sprintlab.languages import pick_language
from sprintlab.web.access import current_user
from sprintlab.web.context import get_content, get_db, study_or_404
from sprintlab.web.links import participant_links

bp = Blueprint("gallery", __name__, url_prefix="/gallery")


def _shown_studies():
    """The studies this visitor may see: all when logged in, else the open ones."""
    studies = list(get_content().studies().values())
    if current_user() is not None:
        return studies
    db = get_db()
    return [study for study in studies if store.study_state(db, study.id) == "open"]


def _login_unless_shown(study):
    """A redirect to the login page when this visitor may not see STUDY, else None."""
    if study.id in {shown.id for shown in _shown_studies()}:
        return None
    return redirect(url_for("auth.login", next=request.full_path))


def _shown_templates():
    """Template ids this visitor may see: all when logged in, else open studies'."""
    template_ids = get_content().template_ids()
    if current_user() is not None:
        return list(template_ids)
    shown = {variant.template for s in _shown_studies() for variant in s.variants}
    return [template_id for template_id in template_ids if template_id in shown]


def index():
    """The start page: studies and templates by channel."""
    by_channel = {channel: [] for channel in CHANNELS}
    for template_id in _shown_templates():
        by_channel.setdefault(template_id.split("/")[0], []).append(template_id)
    return render_template(
        "gallery/index.html",
        studies=_shown_studies(),
        broken=_broken_studies(get_content()),
        by_channel=by_channel,
    )


def _broken_studies(content):
    """(file name, problems as `sprintlab check` words them) per broken study file."""
    return [
        (
            f"{stem}.toml",
            [f"{p.where}: {p.message}" if p.where else p.message for p in problems],
        )
        for stem, problems in sorted(content.broken_studies().items())
    ]


def _preview(template_id, language, seed, heading_level, municipality=None, cell=None):
    try:
        return preview_template(
            get_content().template(template_id, language),
            seed,
            show_meta=True,
            heading_level=heading_level,
            municipality=municipality,
            cell=cell,
        )
    except (ContentError, RenderError) as error:
        return error


@bp.get("/<study_id>")
def study(study_id):
    """Every variant of one study as its participants would see it."""
    found = study_or_404(study_id)
    if login := _login_unless_shown(found):
        return login
    language = pick_language(request.args.get("lang"))
    seed = parse_seed(request.args.get("seed"))
    municipality = found.settings.municipality
    previews = [
        (
            variant,
            _preview(
                variant.template,
                language,
                seed,
                3,
                municipality,
                variant.levels or None,
            ),
        )
        for variant in found.variants
    ]
    return render_template(
        "gallery/study.html",
        study=found,
        previews=previews,
        language=language,
        seed=seed,
    )


@bp.get("/<study_id>/qr")
def qr(study_id):
    """The study's participant link as a QR code, for in-person sessions."""
    found = study_or_404(study_id)
    if login := _login_unless_shown(found):
        return login
    link, kiosk, qr_code = participant_links(found)
    return render_template(
        "gallery/qr.html", study=found, link=link, kiosk_link=kiosk, qr=qr_code
    )


@bp.get("/template/<channel>/<name>")
def template(channel, name):
    """One template's mockup."""
    template_id = f"{channel}/{name}"
    if template_id not in get_content().template_ids():
        abort(404, f"There is no template called {template_id}.")
    if template_id not in _shown_templates():
        return redirect(url_for("auth.login", next=request.full_path))
    language = pick_language(request.args.get("lang"))
    seed = parse_seed(request.args.get("seed"))
    return render_template(
        "gallery/template.html",
        template_id=template_id,
        preview=_preview(template_id, language, seed, 2),
        language=language,
        seed=seed,
    )
