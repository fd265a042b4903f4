"""Security: headers on every response, and the sandbox seen from the studio."""

import html

import pytest
from flask import make_response

from sprintlab.web.security import CSP
from tests.sandbox_payloads import INJECTIONS, REFUSALS
from tests.studio_support import csrf, log_in, studio_app


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


@pytest.fixture
def designer(tmp_path):
    app = studio_app(tmp_path)
    client = app.test_client()
    log_in(client, "designer")
    return client


@pytest.mark.parametrize("payload", INJECTIONS)
def test_the_live_preview_refuses_template_injection(designer, payload):
    token = csrf(designer, "/studio/t/sms/coach?lang=nl")
    front = 'channel = "sms"\nsender = "Gemeente"\nlanguage = "nl"\ndescription = "x"'
    response = designer.post(
        "/studio/t/sms/coach/preview",
        data={"lang": "nl", "front": front, "body": f"Hallo,\n{payload}\n"},
        headers={"X-CSRFToken": token},
    )
    page = html.unescape(response.get_data(as_text=True))
    assert "This template cannot be shown" in page
    assert "Message text, line 2" in page
    assert any(word in page.lower() for word in REFUSALS), page[:600]
    assert "<class" not in page and "environ(" not in page and "uid=" not in page
