"""A participant over real HTTP: its own connection and cookie jar, stdlib only.

Used by the server tests and the participant benchmark. It never follows a
redirect by itself, so the caller sees every 303 an answer earns.
"""

import http.client
import http.cookiejar
import random
import time
import urllib.request
from urllib.parse import urlencode, urlsplit

from tests.bot import forms

URLENCODED = "application/x-www-form-urlencoded"


class Reply:
    """One HTTP response: status, where it points, its text and how long it took."""

    def __init__(self, status, location, text, seconds):
        self.status = status
        self.location = location
        self.text = text
        self.seconds = seconds


class HttpParticipant:
    """One simulated person on a live server, with a keep-alive connection."""

    def __init__(self, base_url, study_id, timeout=30):
        self.base_url = base_url
        self.study_id = study_id
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.connection = None

    def _connection(self):
        if self.connection is None:
            netloc = urlsplit(self.base_url).netloc
            self.connection = http.client.HTTPConnection(netloc, timeout=self.timeout)
        return self.connection

    def send(self, method, path, form=None, connection=None):
        """Send a request without reading its response; return what read() needs."""
        request = urllib.request.Request(self.base_url + path, method=method)
        self.jar.add_cookie_header(request)
        headers = dict(request.header_items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = URLENCODED
        connection = connection or self._connection()
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        return connection, request, started

    def read(self, sent):
        """Read the response to a request made with send()."""
        connection, request, started = sent
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        seconds = time.perf_counter() - started
        self.jar.extract_cookies(response, request)
        location = response.getheader("Location")
        if location:
            parts = urlsplit(location)
            location = parts.path + (f"?{parts.query}" if parts.query else "")
        return Reply(response.status, location, text, seconds)

    def request(self, method, path, form=None):
        """One request and its response."""
        return self.read(self.send(method, path, form))

    def consent(self):
        """Open the consent page and say yes; the reply is the 303 to the first page."""
        page = self.request("GET", f"/s/{self.study_id}/consent")
        assert page.status == 200, page.status
        form = forms(page.text)[0]
        return self.request(
            "POST", form["action"], dict(form["hidden"], decision="yes")
        )

    def next_page(self):
        """Where /next sends this participant back to (resuming)."""
        reply = self.request("GET", f"/s/{self.study_id}/next")
        assert reply.status == 303, reply.status
        return reply.location

    def close(self):
        """Close the connection."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def answers_for(html, pick):
    """A full form for the page in HTML: PICK(name, options) chooses each radio."""
    form = forms(html)[-1]
    data = dict(form["hidden"])
    for name, values in form["radios"].items():
        data[name] = pick(name, [v for v in values if v != "dk"])
    for name in form["texts"]:
        data[name] = "Duidelijk, maar wat korter graag."
    return data


class Walk:
    """One participant's way through a study: replies, and the pages acknowledged."""

    def __init__(self, person):
        self.person = person
        self.replies = []  # (method, Reply) of every request
        self.acknowledged = []  # (path, number of answers) per 303 to a POST

    def request(self, method, path, form=None):
        """One request; every reply is kept for the timing."""
        reply = self.person.request(method, path, form)
        self.replies.append((method, reply))
        return reply


def follow(journey, reply):
    """GET where REPLY points, and on through any redirect: (path, page)."""
    for _ in range(5):
        path = reply.location
        reply = journey.request("GET", path)
        if reply.status != 303:
            assert reply.status == 200, (path, reply.status)
            return path, reply
    raise AssertionError(f"more than five redirects from {path}")


def walk(base_url, study_id, start, seed, timeout=30):
    """Take part once at START on BASE_URL: consent, answer every page, thanks.

    Follows every redirect as a browser does; answers every question (SEED
    picks the options) and returns the Walk.
    """
    chooser = random.Random(seed)
    journey = Walk(HttpParticipant(base_url, study_id, timeout))
    try:
        assert journey.request("GET", start).status == 200
        page = journey.request("GET", f"{start}/consent")
        form = forms(page.text)[0]
        reply = journey.request(
            "POST", form["action"], dict(form["hidden"], decision="yes")
        )
        for _ in range(10):  # a study has a handful of pages, never ten
            assert reply.status == 303, reply.status
            path, page = follow(journey, reply)
            if path.endswith("/thanks"):
                return journey
            answers = answers_for(page.text, lambda _, opts: chooser.choice(opts))
            reply = journey.request("POST", path, answers)
            if reply.status == 303:
                fields = forms(page.text)[-1]
                count = len(fields["radios"]) + len(fields["texts"])
                journey.acknowledged.append((path, count))
        raise AssertionError("no thanks page after ten pages")
    finally:
        journey.person.close()
