"""Security headers on every response, without overriding a view's own choice."""

from flask import make_response

from sprintlab.web.security import CSP


def test_every_response_gets_the_headers(client):
    response = client.get("/s/sprint-sms")
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_a_header_a_view_set_itself_is_kept(app, client):
    @app.get("/_framed")
    def framed():
        response = make_response("")
        response.headers["x-frame-options"] = "SAMEORIGIN"
        return response

    response = client.get("/_framed")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["Content-Security-Policy"] == CSP


def test_https_adds_strict_transport_security(client):
    response = client.get("/s/sprint-sms", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
