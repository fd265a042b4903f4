"""The ceiling: a bare Flask + SQLite study flow, served like `sprintlab serve`.

What a participant costs a server that does only the essentials, written the
way Flask's own tutorial writes an app (pallets/flask, examples/tutorial): a
SQLite connection opened when a request first needs it and closed when the
request ends, its rows committed once per POST. The same 8 requests as
sprintlab's flow (landing, consent, consent answer, the message, its
answers, the segment page, its answers, thanks), small pages with forms of
the same size, and as many rows written (a participant and their
assignment, then one row per answer: --questions radio questions and a text
box on the message page, --segments on the segment page; the benchmark sets
both to what sprintlab stored for its warm-up participants), in WAL mode
with synchronous=NORMAL as sprintlab does. No templates, sessions,
validation or personas: the benchmark compares sprintlab with this,
measured in the same run.

With --keep-connections it is stricter still: each server thread keeps one
connection open, as sprintlab's pool does (opening one costs more than the
rest of a POST).

Run: python -m benchmarks.ceiling_app --port 5055 --db /tmp/ceiling.db
"""

import argparse
import secrets
import sqlite3
import threading

from flask import Flask, g, redirect, request

from sprintlab.cli.serving import SERVE_THREADS, serve

PREFIX = "/c/study"
QUESTIONS = 8  # radio questions on the message page, beside one text box
SEGMENTS = 5  # radio questions on the segment page
SCHEMA = """
CREATE TABLE IF NOT EXISTS participants (id INTEGER PRIMARY KEY, token TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS assignments (participant_id INTEGER, variant TEXT);
CREATE TABLE IF NOT EXISTS answers (participant_id INTEGER, question TEXT, value TEXT);
CREATE TABLE IF NOT EXISTS segment_answers
    (participant_id INTEGER, question TEXT, value TEXT);
"""


def _page(title, form=""):
    return f"<!doctype html><title>{title}</title><h1>{title}</h1>{form}"


def _radios(names):
    return "".join(
        f'<input type="radio" name="{name}" value="{value}">'
        for name in names
        for value in "1234567"
    )


def _connect(database):
    conn = sqlite3.connect(
        database, isolation_level=None, timeout=5, check_same_thread=False
    )
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def create_ceiling_app(
    database, keep_connections=False, questions=QUESTIONS, segments=SEGMENTS
):
    """The bare flow over the SQLite file DATABASE."""
    app = Flask(__name__)
    question_names = [f"q{n}" for n in range(questions)]
    segment_names = [f"s{n}" for n in range(segments)]
    setup = sqlite3.connect(database)
    setup.execute("PRAGMA journal_mode = WAL")  # kept by the file
    setup.executescript(SCHEMA)
    setup.close()
    kept = threading.local()

    def db():
        if keep_connections:
            if not hasattr(kept, "conn"):
                kept.conn = _connect(database)
            return kept.conn
        if "db" not in g:
            g.db = _connect(database)
        return g.db

    @app.teardown_appcontext
    def close_db(exception=None):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    def write(sql, rows):
        conn = db()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")

    def participant():
        token = request.cookies.get("p")
        row = db().execute("SELECT id FROM participants WHERE token = ?", [token])
        return row.fetchone()[0]

    @app.get(PREFIX)
    def landing():
        return _page("Welkom", f'<a href="{PREFIX}/consent">Begin</a>')

    @app.get(f"{PREFIX}/consent")
    def consent():
        form = f'<form method="post" action="{PREFIX}/consent">'
        form += '<input type="hidden" name="v" value="1"><button>Ja</button></form>'
        return _page("Toestemming", form)

    @app.post(f"{PREFIX}/consent")
    def give_consent():
        token = secrets.token_urlsafe(24)
        conn = db()
        conn.execute("BEGIN IMMEDIATE")
        cursor = conn.execute("INSERT INTO participants (token) VALUES (?)", [token])
        conn.execute(
            "INSERT INTO assignments VALUES (?, ?)", [cursor.lastrowid, "controle"]
        )
        conn.execute("COMMIT")
        response = redirect(f"{PREFIX}/m/0", code=303)
        response.set_cookie("p", token, httponly=True, samesite="Lax")
        return response

    @app.get(f"{PREFIX}/m/0")
    def message():
        form = f'<form method="post">{_radios(question_names)}<textarea name="q-text">'
        return _page("Bericht", form + "</textarea><button>Verder</button></form>")

    @app.post(f"{PREFIX}/m/0")
    def answer_message():
        who = participant()
        rows = [(who, name, value) for name, value in request.form.items()]
        write("INSERT INTO answers VALUES (?, ?, ?)", rows)
        return redirect(f"{PREFIX}/about-you", code=303)

    @app.get(f"{PREFIX}/about-you")
    def segments():
        return _page("Over u", f'<form method="post">{_radios(segment_names)}</form>')

    @app.post(f"{PREFIX}/about-you")
    def answer_segments():
        who = participant()
        rows = [(who, name, value) for name, value in request.form.items()]
        write("INSERT INTO segment_answers VALUES (?, ?, ?)", rows)
        return redirect(f"{PREFIX}/thanks", code=303)

    @app.get(f"{PREFIX}/thanks")
    def thanks():
        return _page("Bedankt")

    return app


def main():
    """Serve the ceiling app on loopback until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--threads", type=int, default=SERVE_THREADS)
    parser.add_argument("--keep-connections", action="store_true")
    parser.add_argument("--questions", type=int, default=QUESTIONS)
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    args = parser.parse_args()
    app = create_ceiling_app(
        args.db, args.keep_connections, args.questions, args.segments
    )
    # The same server and settings as `sprintlab serve`.
    serve(app, "127.0.0.1", args.port, args.threads)


if __name__ == "__main__":
    main()
