"""Studio pages for templates: edit with a live preview, history, diff, compare."""

from flask import abort, flash, redirect, render_template, request, url_for

from sprintlab.content.manipulation import FACTOR_JOIN
from sprintlab.content.messages import is_template_id
from sprintlab.content.personas import parse_seed
from sprintlab.hashing import content_hash
from sprintlab.languages import DEFAULT_LANGUAGE, LANGUAGES
from sprintlab.studio import versions
from sprintlab.studio.drafts import compare_templates, compose, review_draft, split
from sprintlab.studio.textdiff import changed_lines, line_diff
from sprintlab.web.context import get_content, get_db
from sprintlab.web.studio import (
    all_templates,
    author_name,
    bp,
    editor_url,
    language_from,
    template_from_url,
)

HASH_LENGTH = 64
MAX_COMPARED = 4


def _running(template_id):
    studies = get_content().studies().values()
    return versions.running_studies_using(get_db(), studies, template_id)


def _current(template_id, language):
    return versions.current_text(get_content().messages_dir, template_id, language)


def _editor_page(template_id, language, draft, status=200, **extra):
    """The editor page for DRAFT: front, body, seed and base_hash."""
    text = compose(draft["front"], draft["body"])
    page = render_template(
        "studio/editor.html",
        template_id=template_id,
        language=language,
        draft=draft,
        report=review_draft(text, template_id, language, draft["seed"]),
        running=_running(template_id),
        **extra,
    )
    return page, status


@bp.get("/t/<channel>/<name>")
def editor(channel, name):
    """The editor for one template in one language, with its preview."""
    language = language_from(request.args.get("lang"))
    template_id = template_from_url(channel, name, language)
    text = _current(template_id, language)
    front, body = split(text)
    draft = {
        "front": front,
        "body": body,
        "seed": parse_seed(request.args.get("seed")),
        "base_hash": content_hash(text),
    }
    return _editor_page(template_id, language, draft)


@bp.post("/t/<channel>/<name>")
def edit(channel, name):
    """Preview (works without JavaScript), another person, or save a new version."""
    form = request.form
    language = language_from(form.get("lang"), strict=True)
    template_id = template_from_url(channel, name, language)
    draft = {
        "front": form.get("front", ""),
        "body": form.get("body", ""),
        "seed": parse_seed(form.get("seed")),
        "base_hash": form.get("base_hash", ""),
        "message": form.get("message", ""),
    }
    confirmed = form.get("confirm") == "1"
    action = form.get("action") or ("save" if confirmed else "preview")
    if action == "another":
        draft["seed"] += 1
    if action != "save":
        return _editor_page(template_id, language, draft)
    if _running(template_id) and not confirmed:
        return _editor_page(template_id, language, draft, 409, confirm=True)
    try:
        saved = versions.save_template(
            get_db(),
            get_content().messages_dir,
            template_id,
            language,
            compose(draft["front"], draft["body"]),
            author_name(),
            message=draft["message"],
            base_hash=draft["base_hash"],
        )
    except versions.SaveRefused:
        return _editor_page(template_id, language, draft, 422, refused=True)
    except versions.StaleDraft as stale:
        draft["base_hash"] = stale.current_hash
        return _editor_page(template_id, language, draft, 409, stale=True)
    if saved.changed:
        flash(f"Saved as version {saved.hash[:12]}.")
    else:
        flash("Nothing changed, so no new version was saved.")
    return redirect(editor_url(template_id, language, seed=draft["seed"]), code=303)


@bp.post("/t/<channel>/<name>/preview")
def preview(channel, name):
    """The preview panel for a draft, for the editor's live preview (JavaScript)."""
    form = request.form
    language = language_from(form.get("lang"), strict=True)
    template_id = template_from_url(channel, name, language)
    text = compose(form.get("front", ""), form.get("body", ""))
    report = review_draft(text, template_id, language, parse_seed(form.get("seed")))
    page = render_template("studio/_panel.html", report=report, language=language)
    return page, 200, {"Cache-Control": "no-store"}


def _history_page(template_id, language, status=200, **extra):
    current = content_hash(_current(template_id, language))
    entries = versions.history(get_db(), template_id, language, current)
    page = render_template(
        "studio/history.html",
        template_id=template_id,
        language=language,
        versions=entries,
        choices=versions.distinct_versions(entries),
        current=current,
        **extra,
    )
    return page, status


@bp.get("/t/<channel>/<name>/history")
def history(channel, name):
    """Every version: who saved it, when and why, and how many answers it has."""
    language = language_from(request.args.get("lang"))
    return _history_page(template_from_url(channel, name, language), language)


def _version_text(template_id, language, digest, current_text):
    if digest == content_hash(current_text):
        return current_text
    if len(digest) != HASH_LENGTH:
        abort(404)
    stored = versions.stored_version(get_db(), template_id, language, digest)
    if stored is None:
        abort(404)
    return stored["text"]


@bp.get("/t/<channel>/<name>/diff")
def diff(channel, name):
    """The line-by-line differences between any two versions of a template."""
    language = language_from(request.args.get("lang"))
    template_id = template_from_url(channel, name, language)
    text = _current(template_id, language)
    entries = versions.history(get_db(), template_id, language, content_hash(text))
    choices = versions.distinct_versions(entries)
    new = request.args.get("b") or choices[0].hash
    old = request.args.get("a") or choices[min(1, len(choices) - 1)].hash
    lines = line_diff(
        _version_text(template_id, language, old, text),
        _version_text(template_id, language, new, text),
    )
    return render_template(
        "studio/diff.html",
        template_id=template_id,
        language=language,
        choices=choices,
        old=old,
        new=new,
        lines=lines,
        changed=changed_lines(lines),
    )


@bp.post("/t/<channel>/<name>/restore")
def restore(channel, name):
    """Save an earlier version again as the newest (confirmed when it is in use)."""
    language = language_from(request.form.get("lang"), strict=True)
    template_id = template_from_url(channel, name, language)
    digest = request.form.get("hash", "")
    if versions.stored_version(get_db(), template_id, language, digest) is None:
        abort(404)
    running = _running(template_id)
    if running and request.form.get("confirm") != "1":
        return _history_page(
            template_id, language, 409, confirm=digest, running=running
        )
    back = url_for(".history", channel=channel, name=name, lang=language)
    try:
        versions.restore(
            get_db(), get_content().messages_dir, template_id, language, digest,
            author_name(),
        )  # fmt: skip
    except versions.SaveRefused as refused:
        flash(f"Version {digest[:12]} cannot be restored: {refused}", "error")
        return redirect(back, code=303)
    flash(f"Restored version {digest[:12]}: it is now the current version.")
    return redirect(back, code=303)


@bp.post("/t/<channel>/<name>/duplicate")
def duplicate(channel, name):
    """Copy a template (every language) under a new name, to make a new variant."""
    template_id = template_from_url(channel, name, DEFAULT_LANGUAGE)
    new_id = f"{channel}/{request.form.get('new_name', '').strip()}"
    if not is_template_id(new_id):
        abort(400)
    if new_id in all_templates():
        flash(f"There is already a template called {new_id}.", "error")
        return redirect(editor_url(template_id, DEFAULT_LANGUAGE), code=303)
    for language in LANGUAGES:
        try:
            text = _current(template_id, language)
            versions.save_template(
                get_db(), get_content().messages_dir, new_id, language, text,
                author_name(), message=f"Copied from {template_id}",
            )  # fmt: skip
        except (FileNotFoundError, versions.SaveRefused) as problem:
            flash(f"The {language} text was not copied: {problem}", "error")
    flash(f"Copied {template_id} to {new_id}. You are editing the copy.")
    return redirect(editor_url(new_id, DEFAULT_LANGUAGE), code=303)


@bp.get("/compare")
def compare():
    """Two to four templates (or cells of a factorial study) side by side."""
    language = language_from(request.args.get("lang"))
    seed = parse_seed(request.args.get("seed"))
    study = _study_or_none(request.args.get("study"))
    if study is not None and study.factors:
        return _compare_cells(study, language, seed)
    chosen = list(dict.fromkeys(request.args.getlist("t")))
    known = all_templates()
    if len(chosen) > MAX_COMPARED or any(t not in known for t in chosen):
        abort(400)
    columns = []
    if len(chosen) >= 2:
        content = get_content()
        columns = compare_templates(
            lambda t: content.template(t, language),
            chosen,
            seed,
            factors=_declared_factors(study),
        )
    return render_template(
        "studio/compare.html",
        all_templates=known,
        chosen=chosen,
        language=language,
        seed=seed,
        columns=columns,
        study=study,
    )


def _compare_cells(study, language, seed):
    """Cells of a factorial STUDY side by side, each checked against the first."""
    chosen = list(dict.fromkeys(request.args.getlist("cell")))
    known = [v.id for v in study.variants]
    if len(chosen) > MAX_COMPARED or any(c not in known for c in chosen):
        abort(400)
    cells = [study.variant(c) for c in chosen]
    columns = []
    if len(cells) >= 2:
        content = get_content()
        columns = compare_templates(
            lambda t: content.template(t, language),
            [cell.template for cell in cells],
            seed,
            factors={c.id: _cell_difference(cells[0], c) for c in cells[1:]},
            cells=[cell.levels for cell in cells],
            labels=chosen,
        )
    return render_template(
        "studio/compare.html",
        all_templates=(),
        cells=study.variants,
        chosen=chosen,
        language=language,
        seed=seed,
        columns=columns,
        study=study,
    )


def _cell_difference(base, cell):
    """The (factors, levels) in which CELL differs from BASE, as check reads them."""
    differ = [f for f in base.levels if base.levels[f] != cell.levels[f]]
    return (
        FACTOR_JOIN.join(differ),
        ", ".join(cell.levels[f] for f in differ),
    )


def _study_or_none(study_id):
    """The study the comparison is for (its declared factors), or None."""
    if not study_id:
        return None
    try:
        return get_content().study(study_id)
    except KeyError:
        abort(400)


def _declared_factors(study):
    """{template id: (factor, level)} as STUDY's variants declare them."""
    if study is None:
        return {}
    return {v.template: (v.factor, v.level) for v in study.variants if v.factor}
