"""Channel mockups: a rendered message dressed as a letter, SMS, poster or e-mail.

The mockup templates are the app's own (trusted, autoescaped); the message
inside them was rendered in the sandbox. Both the web pages and the
``sprintlab preview`` command use this module, so they show the same thing.
"""

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sprintlab.content.formatting import long_date
from sprintlab.content.sms import sms_segments

TEMPLATES = Path(__file__).parents[1] / "templates"
STATIC = Path(__file__).parents[1] / "static"
LABELS = {
    "nl": {
        "our_reference": "Ons kenmerk",
        "date": "Datum",
        "subject": "Onderwerp",
        "regards": "Met vriendelijke groet,",
        "po_box": "Postbus",
        "from": "Van",
        "to": "Aan",
        "today": "Vandaag",
        "letter": "Brief van",
        "sms": "Sms van",
        "poster": "Poster van",
        "email": "E-mail van",
        "segments": "sms-delen",
        "characters": "tekens",
        "text_message": "Sms",
        "logo": "logo",
        "return_to": "Retouradres",
        "handled_by": "Behandeld door",
        "phone": "Telefoon",
        "website": "Website",
        "visiting_address": "Bezoekadres",
        "town_hall": "Stadhuisplein 1",
        "bus_stop": "Bushalte Stationsplein",
        "waiting_room": "Wachtkamer",
    },
    "en": {
        "our_reference": "Our reference",
        "date": "Date",
        "subject": "Subject",
        "regards": "Kind regards,",
        "po_box": "PO Box",
        "from": "From",
        "to": "To",
        "today": "Today",
        "letter": "Letter from",
        "sms": "Text message from",
        "poster": "Poster from",
        "email": "E-mail from",
        "segments": "SMS segments",
        "characters": "characters",
        "text_message": "Text message",
        "logo": "logo",
        "return_to": "Return address",
        "handled_by": "Handled by",
        "phone": "Phone",
        "website": "Website",
        "visiting_address": "Visiting address",
        "town_hall": "Stadhuisplein 1",
        "bus_stop": "Bus stop Stationsplein",
        "waiting_room": "Waiting room",
    },
}
HEADING = re.compile(r"<(/?)h([1-6])>")


@lru_cache(maxsize=1)
def environment():
    """The environment for mockup templates (autoescaped, trusted)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / "mockups"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # The package's own files: no stat per mockup to see if they changed.
        auto_reload=False,
    )
    return env


def demote_headings(html, top=3):
    """Shift Markdown headings so the highest is level TOP, below the page's own."""
    levels = [int(level) for _, level in HEADING.findall(html)]
    if not levels:
        return html
    shift = top - min(levels)
    return HEADING.sub(
        lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html
    )


def initials(sender):
    """Up to two capital initials for a sender's logo mark."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", sender) if w[0].isupper()]
    return "".join(w[0] for w in words[:2]) or "?"


def render_mockup(message, persona, today, show_meta=False, heading_level=3):
    """The HTML of MESSAGE dressed as its channel, for PERSONA on TODAY."""
    template = environment().get_template(f"_{message.channel}.html")
    context = {
        "message": message,
        "body": Markup(demote_headings(message.html, heading_level)),  # noqa: S704 - sandboxed Markdown, HTML off
        "persona": persona,
        "today": long_date(today, message.language),
        "labels": LABELS[message.language],
        "initials": initials(message.sender),
        "show_meta": show_meta,
        "sms": sms_segments(message.text) if message.channel == "sms" else None,
    }
    return Markup(template.render(context))  # noqa: S704 - autoescaped template


def stylesheet():
    """The mockup stylesheet, for pages that must stand alone."""
    return (STATIC / "mockups.css").read_text(encoding="utf-8")


def standalone_page(message, persona, today):
    """A complete HTML page of one mockup with its styles inlined."""
    page = environment().get_template("standalone.html")
    return page.render(
        message=message,
        mockup=render_mockup(message, persona, today, show_meta=True, heading_level=2),
        css=Markup(stylesheet()),  # noqa: S704 - our own stylesheet
    )
