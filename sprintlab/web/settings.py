"""What a deployment tells the app about where it lives: public URL, proxies.

Given as `sprintlab serve --public-url URL --trusted-proxies N`, or for any
WSGI server (gunicorn) as SPRINTLAB_PUBLIC_URL and SPRINTLAB_TRUSTED_PROXIES,
which create_app reads. They end up as app.config["PUBLIC_URL"] (None when
not given) and app.config["TRUSTED_PROXIES"] (0: no proxy is trusted).
"""

from urllib.parse import urlsplit

PUBLIC_URL_SHAPE = "http(s)://host[:port][/path]"


class SettingError(ValueError):
    """A deployment setting that cannot be used, said in one line."""


def check_public_url(value):
    """VALUE as a public URL without a trailing slash; SettingError if malformed."""
    problem = SettingError(
        f"the public URL must look like {PUBLIC_URL_SHAPE}, not {value!r}"
    )
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 -- raises ValueError when the port is no port
    except (AttributeError, ValueError):
        raise problem from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in value.strip())
    ):
        raise problem
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def check_trusted_proxies(value):
    """VALUE as a count of proxies in front of the app (0 to 10)."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if isinstance(value, bool) or not 0 <= count <= 10:
        raise SettingError(
            f"trusted proxies must be a whole number from 0 to 10, not {value!r}"
        )
    return count


def init_app(app):
    """Check the public URL and proxy count in APP's config and store them."""
    url = app.config.get("PUBLIC_URL")
    app.config["PUBLIC_URL"] = check_public_url(url) if url else None
    app.config["TRUSTED_PROXIES"] = check_trusted_proxies(
        app.config.get("TRUSTED_PROXIES") or 0
    )
