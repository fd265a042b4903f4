"""The request context: pooled connections that never carry state across requests."""

from sprintlab.web.context import get_db


def test_a_connection_is_reused_across_requests(app):
    with app.app_context():
        first = get_db()
    with app.app_context():
        assert get_db() is first


def test_an_open_transaction_is_rolled_back_before_reuse(app):
    with app.app_context():
        db = get_db()
        db.conn.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO events (kind, at) VALUES ('x', 'now')")
    with app.app_context():
        again = get_db()
        assert again is db and not again.conn.in_transaction
        assert again.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_concurrent_requests_get_their_own_connections(app):
    with app.app_context():
        outer = get_db()
        with app.app_context():
            assert get_db() is not outer
