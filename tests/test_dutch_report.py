"""A Dutch report is Dutch from top to bottom: HTML, text and the segment page.

Simulated studies big enough that every section shows (data use, ranking,
segment tests with merged groups), not pre-registered and pre-registered
(late, so with deviations), the factorial study and the within-subject SMS
test. The visible text of each Dutch report may hold none of the English
giveaway phrases below, and says their Dutch equivalents instead.
"""

import re
from html.parser import HTMLParser

import pytest

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import analyse
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.html import (
    render_sections,
    standalone_report,
    standalone_segments,
)
from sprintlab.reporting.preregistration import preregister
from sprintlab.reporting.segment_formats import segmentation_json, segmentation_text
from sprintlab.reporting.segment_words import interaction_note
from sprintlab.reporting.segmentation import segment_study
from sprintlab.reporting.text_report import report_text
from tests.conftest import ROOT

# English that once leaked into Dutch reports (and the words of its kind).
ENGLISH = (
    "Data use", "Ranking", "Acceptance", "merged to reach", "segment tests could "
    "be run", "Not pre-registered", "Read every result", "Yes / no", "Mean rank",
    "don't know", "Worth", "First choice", "Option", "(told)", "no message of both",
    "points", "Pre-registered on", "Deviations from the plan", "registered late",
    "n not reached", "Outside the plan", "LR divided by", "fewer than 2 segment",
    "likelihood ratio", "segment finding", "left out", "missing", "zero-width",
    "mean difference", "epsilon squared", "rank-biserial", "helpfulness",
    "intrusiveness", "claims", "sprintlab report", "subjects", "version",
    "definition", "Very difficult", "Definitely", "all the time", "never",
    "Preferences", "within-subject", "tied pair", "exploratory", "allow at most",
    "no claim can be made", "need at least", "asked for", "have no answers",
    "no factorial estimate",
)  # fmt: skip
SEGMENT_PAGE_ENGLISH = (
    "segments (", "completed respondents", "Candidate", "lower BIC",
    "Best message", "none is clearly best", "most likely", "how it differs",
    "against everyone", "leans to", "latent class model", "random starts",
    "lowest BIC among", "the variant with the highest", "Parameters", "Chosen",
    "People", "Profile", "Stability", "Everyone", "Difference", "version",
    "definition", "No segment model", "fitted with", "Segments of",
    "bootstrap refits", "<- chosen", "Best variant", " people ", "best message",
    "for everyone",
)  # fmt: skip


# Tags whose end separates words (cells, paragraphs, chart labels).
BLOCKS = {"p", "li", "td", "th", "caption", "h1", "h2", "h3", "summary", "dt", "dd",
          "text", "title", "desc", "figcaption", "div", "table", "tr"}  # fmt: skip


class _Visible(HTMLParser):
    """The text a reader sees or hears: text outside style/script, and labels."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("style", "script")
        self.parts += [f" {value} " for name, value in attrs if name == "aria-label"]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")
        self.parts.append(" " if tag in BLOCKS else "")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible(html):
    """The visible text of HTML, its whitespace made single spaces."""
    parser = _Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def english_in(text, phrases=ENGLISH):
    """The English PHRASES found in TEXT."""
    return [phrase for phrase in phrases if phrase in text]


@pytest.fixture(scope="module")
def content():
    return Content(ROOT)


@pytest.fixture(scope="module")
def vroeg(tmp_path_factory, content):
    """vroegsignalering with 300 people: its report, then pre-registered late."""
    db = store.open_db(tmp_path_factory.mktemp("vroeg") / "v.db")
    study = content.study("vroegsignalering")
    simulate_study(db, content, study, 300, seed=0)
    before = analyse(db, study)
    preregister(db, study, content, late=True)
    after = analyse(db, study)
    segments = segment_study(study, load_evidence(db, study), k=3, resamples=2)
    db.close()
    return {"not registered": before, "registered late": after,
            "segments": segments,
            "segmentation": segmentation_json(segments)}  # fmt: skip


# The factorial study, the within-subject SMS test, and two tiny tests whose
# notes say why no claim can be made yet.
OTHERS = (("vroegsignalering-factorieel", 400), ("sprint-sms", 60),
          ("sprint-sms", 5), ("vroegsignalering", 12),
          ("vroegsignalering-factorieel", 9))  # fmt: skip


@pytest.fixture(scope="module")
def others(tmp_path_factory, content):
    """The report of each of OTHERS: (study, people) -> report."""
    reports = {}
    for study_id, people in OTHERS:
        db = store.open_db(tmp_path_factory.mktemp(study_id) / "s.db")
        study = content.study(study_id)
        simulate_study(db, content, study, people, seed=1)
        reports[(study_id, people)] = analyse(db, study)
        db.close()
    return reports


@pytest.mark.parametrize("state", ["not registered", "registered late"])
def test_the_dutch_html_report_has_no_english_left(vroeg, state):
    text = visible(standalone_report(vroeg[state], "nl"))
    assert english_in(text) == []
    for dutch in (
        "Gebruik van gegevens: ", "Vindt het goed [95%]", "Ja / nee / weet ik niet",
        "Volgorde: ", "Gemiddelde plaats [95%]", "Eerste keus [95%]",
        "Gewicht [95%]", "(verteld)", "procentpunten", "groepstoetsen konden "
        "worden gedaan", "samengevoegd, zodat elke groep 10 antwoorden heeft bij "
        "variant en controle",
        "LR gedeeld door", "likelihood-ratio (proportionele odds, variant x groep)",
        "sprintlab-rapport", "tussen personen", "epsilon-kwadraat",
    ):  # fmt: skip
        assert dutch in text, dutch
    if state == "not registered":
        assert "Niet vooraf geregistreerd" in text
        assert "Lees elke uitkomst als verkennend, ook de oordelen." in text
    else:
        assert "Vooraf geregistreerd op" in text and "Afwijkingen van het plan" in text
        assert "te laat geregistreerd" in text and "n niet gehaald: gepland" in text


def test_segment_notes_name_the_groups_by_their_dutch_labels(vroeg):
    report = vroeg["not registered"]
    text = visible(standalone_report(report, "nl"))
    # "Hoe moeilijk of makkelijk ...": its groups merged, named in Dutch
    assert "Zeer moeilijk + Moeilijk" in text and "Makkelijk + Zeer makkelijk" in text
    english = visible(standalone_report(report, "en"))
    assert "merged to reach 10 answers per arm: " in english
    assert "Very difficult+Difficult" in english and "Zeer moeilijk" not in english
    # The English words are exactly the statistics' notes (the JSON's).
    tests = [(s, v) for s in report.segments for v in s.interactions]
    assert tests and all(
        interaction_note(s, v, "en") == s.interactions[v].note for s, v in tests
    )
    assert any(s.interactions[v].merged for s, v in tests)


@pytest.mark.parametrize("state", ["not registered", "registered late"])
def test_the_dutch_text_report_has_no_english_left(vroeg, state):
    text = " ".join(report_text(vroeg[state], "nl").split())
    assert english_in(text) == []
    for dutch in (
        "groepstoetsen konden worden gedaan", "Gebruik van gegevens",
        "verschil in gemiddelde", "ontbrekende antwoorden ('weet ik niet')",
    ):  # fmt: skip
        assert dutch in text, dutch
    if state == "registered late":
        assert "te laat: te laat geregistreerd: 300 deelnemer(s)" in text


@pytest.mark.parametrize(("study_id", "people"), OTHERS)
def test_the_other_studies_say_it_in_dutch_too(others, study_id, people):
    report = others[(study_id, people)]
    html = visible(standalone_report(report, "nl"))
    text = " ".join(report_text(report, "nl").split())
    assert english_in(html) == [] and english_in(text) == []
    if (study_id, people) == ("sprint-sms", 60):
        assert "binnen personen" in html and "gelijke paren (verschil 0)" in text
        assert "ontwerp binnen personen: alleen schattingen per groep" in text
    elif (study_id, people) == ("vroegsignalering-factorieel", 400):
        assert "factorieel, tussen personen" in html
        assert "groepstoetsen konden worden gedaan" in text
    elif study_id == "vroegsignalering-factorieel":  # empty cells: no estimate
        assert "hebben nog geen antwoorden: geen factoriële schatting" in text
    else:  # too few people: the notes say why no claim can be made, in Dutch
        assert "zekerheid, niet de gevraagde" in text
        assert "er is geen uitspraak mogelijk" in html


def test_the_dutch_segment_page_and_dashboard_section_have_no_english_left(vroeg):
    report, segmentation = vroeg["not registered"], vroeg["segmentation"]
    page = visible(standalone_segments(segmentation, report.study, "nl"))
    assert english_in(page, SEGMENT_PAGE_ENGLISH) == []
    assert "3 segmenten" in page and "Beste bericht per segment" in page
    section = render_sections(report, "nl", segmentation=segmentation)
    shown = visible(section["latent_segments"])
    assert english_in(shown, SEGMENT_PAGE_ENGLISH) == []
    assert "Segmenten" in shown and "sprintlab segment vroegsignalering" in shown
    english = visible(standalone_segments(segmentation, report.study, "en"))
    assert "completed respondents" in english and "Best message per segment" in english


def test_the_dutch_segment_text_has_no_english_left(vroeg):
    text = " ".join(segmentation_text(vroeg["segments"], "nl").split())
    assert english_in(text, SEGMENT_PAGE_ENGLISH) == []
    assert "Segmenten van vroegsignalering: 3 (opgegeven)" in text
    assert "bootstrap-herhalingen" in text and "Beste variant per segment" in text
    english = segmentation_text(vroeg["segments"], "en")
    assert "Segments of vroegsignalering: 3 (given)" in english
