"""Helpers for the test-day tests: accounts, a kiosk device, reading the grid."""

import re
from html.parser import HTMLParser

from tests.bot import Bot, forms
from tests.evidence import rows
from tests.http_bot import HttpParticipant

PASSWORD = "lang-genoeg-1"
STUDY = "sprint-sms"


def add_account(database, name, role):
    """Add an account to the store at DATABASE (before a server starts on it).

    In this process, whose password hashes are cheap (tests/conftest.py): a
    server re-hashes at the production cost at the first login.
    """
    from sprintlab import db as store
    from sprintlab.accounts import add_user

    evidence = store.open_db(database)
    try:
        add_user(evidence, name, PASSWORD, role)
    finally:
        evidence.close()


def csrf_of(html):
    """The session CSRF token in a page."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in_over_http(person, name):
    """Log NAME in on a live server with PERSON (an HttpParticipant)."""
    page = person.request("GET", "/login")
    reply = person.request(
        "POST",
        "/login",
        {"csrf_token": csrf_of(page.text), "name": name, "password": PASSWORD},
    )
    assert reply.status == 303, reply.status


def note_form(html):
    """The first form on a page with a text area: the note form."""
    return next(form for form in forms(html) if form["texts"])


class GridReader(HTMLParser):
    """The grid page's cells (note texts by variant and slot) and its patterns."""

    def __init__(self):
        super().__init__()
        self.cells = {}
        self.patterns = {}
        self._cell = None
        self._summary = None
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-slot" in attrs:
            self._cell = (attrs["data-variant"], attrs["data-slot"])
            self.cells.setdefault(self._cell, [])
        elif tag == "td" and "summary" in (attrs.get("class") or ""):
            self._summary = attrs["data-variant"]
            self.patterns.setdefault(self._summary, {})
        elif tag == "span" and attrs.get("class") == "note-text" and self._cell:
            self._text = []
        elif tag == "li" and attrs.get("class") == "pattern" and self._summary:
            key = (attrs["data-what"], attrs["data-value"])
            self.patterns[self._summary][key] = int(attrs["data-participants"])

    def handle_endtag(self, tag):
        if tag == "span" and self._text is not None:
            self.cells[self._cell].append("".join(self._text))
            self._text = None
        elif tag == "td":
            self._cell = self._summary = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def read_grid(html):
    """(cells, patterns) of a grid page: {(variant, slot): [texts]}, {variant: ...}."""
    reader = GridReader()
    reader.feed(html)
    return reader.cells, reader.patterns


def log_in(app, client, name, role):
    """Create account NAME with ROLE and log it in on the test CLIENT."""
    from sprintlab import db as store
    from sprintlab.accounts import add_user

    db = store.open_db(app.config["DATABASE"])
    add_user(db, name, PASSWORD, role)
    db.close()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"csrf_token": csrf_of(page), "name": name, "password": PASSWORD}
    )
    assert response.status_code == 303


def app_rows(app, sql, params=()):
    """Query the app's evidence store directly."""
    return rows(app.config["DATABASE"], sql, params)


def post_note(client, study=STUDY, **fields):
    """Post a note through the observe page's form: its hidden fields, plus FIELDS."""
    page = client.get(f"/research/{study}/observe").get_data(as_text=True)
    form = note_form(page)
    return client.post(form["action"], data=dict(form["hidden"], **fields))


class KioskBot(Bot):
    """A participant on the shared kiosk device."""

    def consent(self, decision="yes", kiosk=True):
        """Consent on the kiosk's pages."""
        return super().consent(decision, kiosk=True)


def set_up(client, slots="5", study=STUDY, **times):
    """Set a study's test day up through its form."""
    page = client.get(f"/research/{study}/test-day").get_data(as_text=True)
    data = {"csrf_token": csrf_of(page), "slots": slots, **times}
    return client.post(f"/research/{study}/test-day", data=data)


def facilitator_link(client, study=STUDY):
    """The facilitator link a study's set-up page shows (path only)."""
    page = client.get(f"/research/{study}/test-day").get_data(as_text=True)
    pattern = rf'href="http://localhost(/s/{study}/facilitator/[^"]+)"'
    return re.search(pattern, page)[1]


def start(kiosk, link, slot):
    """Start SLOT on the KIOSK client through the facilitator page at LINK."""
    page = kiosk.get(link).get_data(as_text=True)
    return kiosk.post(link, data={"csrf_token": csrf_of(page), "slot": str(slot)})


def set_up_over_http(server, slots=5):
    """The researcher sets the day up; the facilitator link it shows."""
    researcher = HttpParticipant(server.url, STUDY)
    log_in_over_http(researcher, "onderzoeker")
    page = researcher.request("GET", f"/research/{STUDY}/test-day")
    form = {"csrf_token": csrf_of(page.text), "slots": str(slots)}
    form.update({f"time-{n}": f"{9 + n}:00" for n in range(1, slots + 1)})
    assert researcher.request("POST", f"/research/{STUDY}/test-day", form).status == 303
    page = researcher.request("GET", f"/research/{STUDY}/test-day")
    link = re.search(r'href="https?://[^/"]+(/s/[^"]+/facilitator/[^"]+)"', page.text)
    return researcher, link.group(1)


def start_over_http(device, link, number):
    """The facilitator starts slot NUMBER on the kiosk device."""
    page = device.request("GET", link)
    assert page.status == 200
    reply = device.request(
        "POST", link, {"csrf_token": csrf_of(page.text), "slot": str(number)}
    )
    assert reply.status == 303 and reply.location == f"/s/{STUDY}?kiosk=1"
    landing = device.request("GET", reply.location)
    assert f'<span class="slot-label" title="Test-day slot">P{number}</span>' in (
        landing.text
    )


def consent_on_kiosk(device):
    """Agree to take part on the kiosk device; where the first page is."""
    page = device.request("GET", f"/s/{STUDY}/consent?kiosk=1")
    form = forms(page.text)[0]
    assert form["hidden"].get("kiosk") == "1"
    reply = device.request("POST", form["action"], dict(form["hidden"], decision="yes"))
    assert reply.status == 303
    return reply.location
