"""The designer studio: edit a message, see it as a participant will, keep versions.

Every page is for designers and admins. Designers see how many answers each
template version has, never the answers themselves. The pages live in two
modules of this one blueprint: `editing` (templates) and `studies` (set-up).
"""

from flask import Blueprint, abort, render_template, url_for

from sprintlab.content.messages import CHANNELS, is_template_id
from sprintlab.content.problems import ContentError
from sprintlab.languages import DEFAULT_LANGUAGE, LANGUAGES
from sprintlab.studio import versions
from sprintlab.web.access import current_user, requires
from sprintlab.web.context import get_content

bp = Blueprint("studio", __name__, url_prefix="/studio")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


@bp.before_request
@requires("studio")
def designers_only():
    """Every studio page is for accounts that may use the studio."""


@bp.app_template_global()
def language_name(language):
    """The name of LANGUAGE in that language, for switches and headings."""
    return LANGUAGE_NAMES[language]


def author_name():
    """The logged-in designer's name, recorded with what they change."""
    return current_user()["name"]


def language_from(value, strict=False):
    """VALUE when it is a language; otherwise the default, or 400 when STRICT."""
    if value in LANGUAGES:
        return value
    if strict:
        abort(400)
    return DEFAULT_LANGUAGE


def all_templates():
    """Every template id under the content's messages/."""
    return get_content().template_ids()


def template_from_url(channel, name, language):
    """The template named in the URL; 404 unless it is an identifier with a file."""
    template_id = f"{channel}/{name}"
    if not is_template_id(template_id) or template_id not in all_templates():
        abort(404)
    try:
        get_content().template(template_id, language)
    except ContentError:
        abort(404)
    return template_id


def editor_url(template_id, language, **args):
    """The editor's address for TEMPLATE_ID in LANGUAGE."""
    channel, name = template_id.split("/")
    return url_for("studio.editor", channel=channel, name=name, lang=language, **args)


def _description(template_id):
    try:
        return get_content().template(template_id, DEFAULT_LANGUAGE).description
    except ContentError as error:
        return f"(cannot be read: {error.problems[0].message})"


@bp.get("/")
def index():
    """Templates by channel, each with the studies that show it."""
    shipped = list(get_content().studies().values())
    rows = {channel: [] for channel in CHANNELS}
    for template_id in all_templates():
        using = versions.studies_using(shipped, template_id)
        rows.setdefault(template_id.split("/")[0], []).append(
            (template_id, _description(template_id), using)
        )
    return render_template("studio/index.html", rows=rows)


# The pages register themselves on bp when imported.
from sprintlab.web.studio import editing, studies  # noqa: E402, F401
