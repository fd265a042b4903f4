"""Security headers on every response: a strict CSP, no framing, no sniffing."""

from flask import request

from sprintlab.web.deployment import over_https

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # same-origin, not no-referrer: CSRF checks on HTTPS need the Referer of
    # our own pages, and nothing leaks to other sites.
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def add_security_headers(response):
    """Add the CSP and its companions to RESPONSE, keeping any a view set itself.

    Everything but static files is sent with no-store: pages and downloads
    carry answers, accounts or a participant's place, which no browser or
    proxy cache may keep.
    """
    headers = response.headers
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
    wanted = SECURITY_HEADERS + (HSTS,) if over_https() else SECURITY_HEADERS
    # One pass over the few headers present, not a case-folding lookup per
    # header: this runs on every response, answer submits included.
    present = {name.lower() for name, _ in headers.items()}
    headers.extend([pair for pair in wanted if pair[0].lower() not in present])
    return response


def init_app(app):
    """Send the headers on every response."""
    app.after_request(add_security_headers)
