"""A participant bot: walks the real pages through a test client, as a person would."""

import random
import re
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The forms on a page: their action, hidden fields and radio/text fields."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action"),
                    "hidden": {},
                    "radios": {},
                    "texts": [],
                    "buttons": [],
                    "selects": {},
                }
            )
        elif not self.forms:
            return
        elif tag == "select":
            self.select = attrs["name"]
            self.forms[-1]["selects"][self.select] = []
        elif tag == "option" and getattr(self, "select", None):
            self.forms[-1]["selects"][self.select].append(attrs.get("value", ""))
        elif tag == "input" and attrs.get("type") == "hidden":
            self.forms[-1]["hidden"][attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "radio":
            self.forms[-1]["radios"].setdefault(attrs["name"], []).append(
                attrs["value"]
            )
        elif tag == "input" and attrs.get("type") == "text" or tag == "textarea":
            self.forms[-1]["texts"].append(attrs["name"])
        elif tag == "button" and attrs.get("name"):
            self.forms[-1]["buttons"].append((attrs["name"], attrs["value"]))


def forms(html):
    reader = FormReader()
    reader.feed(html)
    return reader.forms


class Bot:
    """One participant taking a study through the test client."""

    def __init__(self, client, study_id, language="nl", seed=0):
        self.client = client
        self.study_id = study_id
        self.language = language
        self.random = random.Random(seed)
        self.pages = []

    def get(self, url):
        response = self.client.get(url)
        self.pages.append((url, response.status_code))
        return response

    def consent(self, decision="yes", kiosk=False):
        suffix = f"?lang={self.language}" + ("&kiosk=1" if kiosk else "")
        landing = self.get(f"/s/{self.study_id}{suffix}")
        assert landing.status_code == 200
        page = self.get(f"/s/{self.study_id}/consent{suffix}")
        form = forms(page.get_data(as_text=True))[0]
        data = dict(form["hidden"], decision=decision)
        return self.client.post(form["action"], data=data)

    def answers_for(self, html, dont_know=0.05, text="Duidelijk bericht."):
        form = forms(html)[-1]
        data = dict(form["hidden"])
        for name, values in form["radios"].items():
            options = [v for v in values if v != "dk"]
            pick = (
                "dk"
                if self.random.random() < dont_know
                else self.random.choice(options)
            )
            data[name] = pick
        for name in form["texts"]:
            data[name] = text
        # A rank question: its lists (q-<id>:<option>) get the places in a
        # random order, each place once.
        ranked = {}
        for name in form["selects"]:
            ranked.setdefault(name.rpartition(":")[0], []).append(name)
        for names in ranked.values():
            places = [str(n) for n in range(1, len(names) + 1)]
            self.random.shuffle(places)
            data.update(zip(names, places, strict=True))
        return form, data

    def take(self, stop_after=None):
        """Consent, then answer every page until thanks; return the thanks HTML."""
        response = self.consent()
        assert response.status_code == 303, response.status_code
        pages = 0
        while True:
            location = response.headers["Location"]
            response = self.get(location)
            while response.status_code in (302, 303):
                location = response.headers["Location"]
                response = self.get(location)
            assert response.status_code == 200, (location, response.status_code)
            html = response.get_data(as_text=True)
            if location.endswith("/thanks"):
                return html
            if stop_after is not None and pages >= stop_after:
                return html
            form, data = self.answers_for(html)
            response = self.client.post(location, data=data)
            assert response.status_code == 303, (location, response.status_code)
            pages += 1


def withdrawal_code(html):
    match = re.search(r'<p class="code">([A-Z0-9-]+)</p>', html)
    return match.group(1) if match else None
