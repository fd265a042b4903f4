"""Flask sessions with a kept serializer: the same cookies, made once per key."""

from sprintlab.web.sessions import SessionInterface


def test_the_serializer_is_kept_until_the_secret_changes(app):
    interface = app.session_interface
    assert isinstance(interface, SessionInterface)
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first
    app.config["SECRET_KEY"] = "a new secret"
    second = interface.get_signing_serializer(app)
    assert second is not first
    assert second.loads(second.dumps({"a": 1})) == {"a": 1}
    app.config["SECRET_KEY_FALLBACKS"] = ["test"]
    rotated = interface.get_signing_serializer(app)
    assert rotated is not second
    assert rotated.loads(first.dumps({"old": True})) == {"old": True}


def test_a_session_survives_between_requests(app, client):
    @app.get("/_session_set")
    def session_set():
        from flask import session

        session["seen"] = "yes"
        return ""

    @app.get("/_session_get")
    def session_get():
        from flask import session

        return session.get("seen", "no")

    client.get("/_session_set")
    assert client.get("/_session_get").get_data(as_text=True) == "yes"
    client.set_cookie("session", "forged.value.sig")
    assert client.get("/_session_get").get_data(as_text=True) == "no"
