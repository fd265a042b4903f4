"""Studio pages for studies: create one from templates; open, pause and close it."""

from flask import abort, flash, redirect, render_template, request, url_for

from sprintlab import db as store
from sprintlab.content.studies import Variant
from sprintlab.languages import LANGUAGES
from sprintlab.studio import setup as study_setup
from sprintlab.web.context import get_content, get_db, study_or_404
from sprintlab.web.links import participant_links
from sprintlab.web.studio import all_templates, author_name, bp

VARIANT_ROWS = 6
STATE_VERBS = {"open": "Open", "paused": "Pause", "closed": "Close"}


def _overview(study):
    started, completed = store.participant_counts(get_db(), study.id)
    return {
        "study": study,
        "state": store.study_state(get_db(), study.id),
        "started": started,
        "completed": completed,
    }


@bp.get("/studies")
def studies():
    """Every study with its state and how many people took part (counts only)."""
    rows = [_overview(study) for study in get_content().studies().values()]
    return render_template("studio/studies.html", rows=rows)


@bp.get("/studies/<study_id>")
def study(study_id):
    """One study: its state, variants, participant and kiosk links, QR code."""
    found = study_or_404(study_id)
    link, kiosk, qr_code = participant_links(found)
    return render_template(
        "studio/study.html",
        **_overview(found),
        link=link,
        kiosk_link=kiosk,
        qr=qr_code,
        changes=store.study_state_changes(get_db(), found.id),
        verbs=STATE_VERBS,
    )


@bp.post("/studies/<study_id>/state")
def change_state(study_id):
    """Open, pause or close a study; a paused or closed study takes no one new."""
    found = study_or_404(study_id)
    state = request.form.get("state")
    if state not in study_setup.STATES:
        abort(400)
    study_setup.change_state(get_db(), found.id, state, author_name())
    flash(f"{found.id} is now {state}.")
    return redirect(url_for(".study", study_id=found.id), code=303)


def _localized(form, prefix):
    return {
        language: form.get(f"{prefix}_{language}", "").strip() for language in LANGUAGES
    }


def _request_from(form):
    """A StudyRequest from the form; 400 when it names a template that is not one."""
    known = all_templates()
    variants = []
    for row in range(VARIANT_ROWS):
        template = form.get(f"v{row}_template", "")
        if not template:
            continue
        if template not in known:
            abort(400)
        variants.append(
            Variant(
                id="",  # named after its template when the study is written
                template=template,
                label=_localized(form, f"v{row}_label"),
                scenario=_localized(form, f"v{row}_scenario"),
            )
        )
    studies = get_content().studies()
    base = studies.get(form.get("base")) or abort(400)
    return study_setup.StudyRequest(
        study_id=form.get("id", "").strip(),
        title=_localized(form, "title"),
        design=form.get("design", ""),
        variants=tuple(variants),
        base=base,
        intro=_localized(form, "intro"),
    )


def _form_page(form, problems=(), status=200):
    page = render_template(
        "studio/new_study.html",
        form=form,
        problems=problems,
        templates=all_templates(),
        bases=list(get_content().studies().values()),
        rows=range(VARIANT_ROWS),
    )
    return page, status


@bp.route("/studies/new", methods=["GET", "POST"])
def new_study():
    """Create a study from templates; it is checked before its file is written."""
    if request.method == "GET":
        return _form_page({"design": "between"})
    content = get_content()
    try:
        path = study_setup.create_study(
            get_db(),
            content.prototypes_dir,
            content.messages_dir,
            _request_from(request.form),
            author_name(),
        )
    except study_setup.StudyRefused as refused:
        return _form_page(request.form, refused.problems, 422)
    flash(
        f"Created prototypes/{path.name}. It is paused: check it, then open it "
        "for participants."
    )
    return redirect(url_for(".study", study_id=path.stem), code=303)
