"""The request context: the only place that knows Flask holds a database."""

from collections import deque
from time import monotonic

from flask import abort, current_app, g

from sprintlab import db as store
from sprintlab.content import budget
from sprintlab.content.folder import Content, find_content_root

# Idle connections kept per app; about the server's thread count is enough.
POOL_SIZE = 32
# How often a pooled connection checks that its file is still the database
# file (writers also check before every commit).
FILE_CHECK_SECONDS = 0.5


def get_db():
    """The evidence store for this request: an idle pooled connection, or a new one.

    Opening a connection (file, WAL index, schema, PRAGMAs) cost more than the
    rest of an answer submit, so connections outlive the request.
    """
    if "db" not in g:
        pool = current_app.extensions["sprintlab.db_pool"]
        try:
            db = pool.pop()
        except IndexError:
            # Never create the file here: a database deleted under a running
            # server is a 503, not a new empty one.
            db = store.connect(
                current_app.config["DATABASE"],
                create=False,
                write_wait=current_app.config["WRITE_WAIT_SECONDS"],
            )
        if monotonic() - db.checked_at > FILE_CHECK_SECONDS:
            try:
                store.check_file(db)
            except store.Gone:
                db.close()
                raise
        g.db = db
    return g.db


def get_content():
    """The studies and templates this app serves."""
    return current_app.extensions["sprintlab.content"]


def study_or_404(study_id):
    """The study with STUDY_ID, a 503 page while its file is broken, or a 404 page."""
    content = get_content()
    try:
        return content.study(study_id)
    except KeyError:
        if study_id in content.broken_studies():
            abort(503)
        abort(404)


def paused_because(study_id):
    """Why sprintlab paused the study itself (a message it cannot show), or None."""
    db = get_db()
    if store.study_state(db, study_id) != "paused":
        return None
    return store.study_state_reason(db, study_id)


def close_db(exception=None):
    """Return the request's connection to the pool, unless it failed.

    A connection that saw an error is replaced: one opened while the file was
    read-only, say, would otherwise keep failing after the fix.
    """
    db = g.pop("db", None)
    if db is None:
        return
    if db.conn.in_transaction:
        db.conn.rollback()
    pool = current_app.extensions["sprintlab.db_pool"]
    if exception is None and not db.failed and len(pool) < POOL_SIZE:
        pool.append(db)
    else:
        db.close()


def init_app(app):
    """Migrate the database, find the content, set the render budget."""
    if app.config.get("RENDER_CPU_MS") or app.config.get("RENDER_MEMORY_MB"):
        budget.set_default_budget(
            budget.Budget.of(
                app.config.get("RENDER_CPU_MS"), app.config.get("RENDER_MEMORY_MB")
            )
        )
    root = find_content_root(app.config.get("CONTENT_ROOT"))
    app.extensions["sprintlab.content"] = Content(root)
    # A deque: append and pop are atomic, so server threads can share it.
    app.extensions["sprintlab.db_pool"] = deque()
    migrated = store.open_db(app.config["DATABASE"])
    migrated.close()
    app.teardown_appcontext(close_db)
    app.add_template_global(paused_because)
