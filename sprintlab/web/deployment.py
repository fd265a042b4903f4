"""Where sprintlab is reached: behind trusted proxies, at a public URL, on known hosts.

Settings (also as SPRINTLAB_PUBLIC_URL, SPRINTLAB_TRUSTED_PROXIES and
SPRINTLAB_TRUSTED_HOSTS in the environment):

- PUBLIC_URL: the address people use, such as https://onderzoek.example.nl.
  Participant links and QR codes are built from it, never from the Host
  header a client sent; when it is https, every cookie is Secure and every
  response carries HSTS.
- TRUSTED_PROXIES: how many proxies in front of sprintlab set X-Forwarded-For,
  -Proto, -Host and -Port (werkzeug's ProxyFix); 0 (the default) trusts none,
  so a client cannot pretend to come from elsewhere.
- TRUSTED_HOSTS: the Host headers answered; any other gets 400. Default: the
  public URL's host, localhost, 127.0.0.1, and this machine's name and network
  address (so a phone can reach `sprintlab demo --host 0.0.0.0`).
"""

import socket
from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def public_url(app):
    """The configured public URL without a trailing slash, or None."""
    return (app.config.get("PUBLIC_URL") or "").rstrip("/") or None


def _own_addresses():
    """The machine's name and the address other devices on its network reach."""
    names = {socket.gethostname()}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # UDP: picks a route, sends nothing
            names.add(probe.getsockname()[0])
        except OSError:
            pass
    return names


def default_trusted_hosts(app, public=None):
    """The hosts answered when TRUSTED_HOSTS is not set."""
    hosts = {*LOOPBACK_HOSTS, *_own_addresses()}
    if public is not None:
        hosts.add(public.hostname)
    if app.config.get("SERVER_NAME"):
        hosts.add(app.config["SERVER_NAME"].partition(":")[0])
    return sorted(hosts)


def init_app(app):
    """Trust the configured proxies, answer known hosts only, and go Secure on https."""
    # settings.init_app has checked both and put them in their normal form.
    url = public_url(app)
    public = urlsplit(url) if url else None
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies,
            x_port=proxies,
        )  # fmt: skip
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = default_trusted_hosts(app, public)
    elif public is not None:
        app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], public.hostname]
    if (public and public.scheme == "https") or app.config.get("PREFER_HTTPS"):
        app.config["SESSION_COOKIE_SECURE"] = True


def over_https():
    """Whether this request reached us over HTTPS, or the public URL is https."""
    url = public_url(current_app)
    return request.is_secure or bool(url and url.startswith("https://"))


def external_url(endpoint, **values):
    """An absolute URL for ENDPOINT: on the public URL when one is configured."""
    url = public_url(current_app)
    if url is None:
        return url_for(endpoint, _external=True, **values)
    return url + url_for(endpoint, **values)
