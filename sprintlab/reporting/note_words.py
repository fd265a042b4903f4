"""The notes of the statistics in a report's language.

`stats` knows no languages: it writes its notes in English, parts joined by
"; ", a part often led by the estimate it is about ("Hodges-Lehmann shift:
zero-width interval ..."). A Dutch report says each part it knows in Dutch:
the part is matched whole against the English patterns below, the numbers
and names carried over. A part no pattern knows is shown as stats wrote it
(the English report and the JSON always show the notes as written).
"""

import re

from sprintlab.reporting.stat_names import stat_name

_N = r"(?P<n>\d+)"
_NUMBER = r"[\d.]+"
# (English pattern, Dutch words); the pattern's named groups fill the words.
DUTCH = (
    (r"1 missing \('don't know'\) answer left out",
     "1 ontbrekend antwoord ('weet ik niet') weggelaten"),
    (_N + r" missing \('don't know'\) answers left out",
     "{n} ontbrekende antwoorden ('weet ik niet') weggelaten"),
    (_N + r" missing outcome\(s\) left out", "{n} ontbrekende uitkomst(en) weggelaten"),
    (r"zero-width interval \(heavily tied answers\): see the effect size instead",
     "interval zonder breedte (veel gelijke antwoorden): lees liever de "
     "effectgrootte"),
    (_N + r" tied pair\(s\) \(difference 0\) left out",
     "{n} gelijke paren (verschil 0) weggelaten"),
    (r"Significance is out of reach: with (?P<a>\d+) vs (?P<b>\d+) participants no "
     r"two-sided test can give p < (?P<alpha>" + _NUMBER + r") \(smallest possible "
     r"p = (?P<p>[\d.e-]+)\)\. Read the effect sizes, their intervals and the "
     r"Bayesian probability instead\.",
     "Significantie is niet haalbaar: met {a} tegen {b} deelnemers haalt geen "
     "tweezijdige toets p < {alpha} (kleinst mogelijke p = {p}). Lees liever de "
     "effectgroottes, hun intervallen en de Bayesiaanse kans."),
    (r"Significance is out of reach: with " + _N + r" pairs? no two-sided test can "
     r"give p < (?P<alpha>" + _NUMBER + r") \(smallest possible p = (?P<p>[\d.e-]+)"
     r"\)\. Read the effect sizes, their intervals and the Bayesian probability "
     r"instead\.",
     "Significantie is niet haalbaar: met {n} paren haalt geen tweezijdige toets "
     "p < {alpha} (kleinst mogelijke p = {p}). Lees liever de effectgroottes, "
     "hun intervallen en de Bayesiaanse kans."),
    (r"all answers are identical: no interval",
     "alle antwoorden zijn gelijk: geen interval"),
    (r"all answers are identical: no evidence either way",
     "alle antwoorden zijn gelijk: geen bewijs voor of tegen"),
    (r"all answers are identical: H is undefined",
     "alle antwoorden zijn gelijk: H bestaat niet"),
    (r"an interval needs at least (?P<n>\d+) answers per arm",
     "een interval vraagt minstens {n} antwoorden per arm"),
    (r"needs at least (?P<n>\d+) answers per arm",
     "vraagt minstens {n} antwoorden per arm"),
    (r"complete separation: interval uses the variance with the closest pair tied",
     "volledige scheiding: het interval gebruikt de variantie met het dichtste "
     "paar gelijk"),
    (r"fewer than (?P<n>\d+) per arm", "minder dan {n} per arm"),
    (r"fewer than 2 pairs", "minder dan 2 paren"),
    (r"Monte Carlo p from (?P<n>\d+) tables, fixed seed",
     "Monte-Carlo-p uit {n} tabellen, vaste seed"),
    (_N + r" participant\(s\) without a rating at every position left out of the "
     r"test \(the means use every rating\)",
     "{n} deelnemer(s) zonder oordeel op elke plaats weggelaten uit de toets (de "
     "gemiddelden gebruiken elk oordeel)"),
    (r"an expected count is below 5: Fisher's exact test",
     "een verwacht aantal is kleiner dan 5: exacte toets van Fisher"),
    (r"an expected count is below 5", "een verwacht aantal is kleiner dan 5"),
    (r"don't-know rates differ between variants: the comparisons of this item rest "
     r"on different shares of the participants",
     "het aandeel 'weet ik niet' verschilt tussen de varianten: de vergelijkingen "
     "van deze vraag rusten op verschillende delen van de deelnemers"),
    (r"no variation in don't-know answers: nothing to test",
     "geen verschil in 'weet ik niet'-antwoorden: niets te toetsen"),
    (r"few rankings: read the intervals", "weinig volgordes: lees de intervallen"),
    (r"one answer in an arm: the difference is not studentized",
     "één antwoord in een arm: het verschil is niet gestudentiseerd"),
    (r"small group \(< (?P<n>\d+) per arm\)", "kleine groep (< {n} per arm)"),
    (r"both arms have zero variance: no interval",
     "beide armen zonder spreiding: geen interval"),
    (r"both arms have zero variance: g is undefined",
     "beide armen zonder spreiding: g bestaat niet"),
    (r"the median difference lies outside the interval: with these ties the answers "
     r"do not differ by a plain shift",
     "het mediane verschil ligt buiten het interval: met zoveel gelijke antwoorden "
     "verschillen de antwoorden niet door een gewone verschuiving"),
    (r"no whole-number shift fits the data; the interval is open",
     "geen verschuiving in hele getallen past bij de gegevens; het interval is "
     "open"),
    (r"everyone gave the same answer: the odds ratio is undefined",
     "iedereen gaf hetzelfde antwoord: de odds ratio bestaat niet"),
    (r"a cell is 0: the estimate or a limit is 0 or infinite",
     "een cel is 0: de schatting of een grens is 0 of oneindig"),
    (r"no discordant pairs: no evidence either way",
     "geen paren die verschillen: geen bewijs voor of tegen"),
    (r"no discordant pairs: the odds ratio is undefined",
     "geen paren die verschillen: de odds ratio bestaat niet"),
    (r"a discordant cell is 0: a limit is 0 or infinite",
     "een cel van verschillende paren is 0: een grens is 0 of oneindig"),
    (r"no non-zero differences: no evidence either way",
     "geen verschillen anders dan 0: geen bewijs voor of tegen"),
    (r"no non-zero differences: the effect is undefined",
     "geen verschillen anders dan 0: het effect bestaat niet"),
    (r"every participant rated all variants equally",
     "elke deelnemer gaf alle varianten hetzelfde oordeel"),
    (r"empty rows or categories left out", "lege rijen of categorieën weggelaten"),
    (r"few answers per category: check prior sensitivity",
     "weinig antwoorden per categorie: controleer de invloed van de prior"),
    (r"no bounds before (?P<n>\d+) answers per arm",
     "geen grenzen voor {n} antwoorden per arm"),
    (r"too few answers to compare", "te weinig antwoorden om te vergelijken"),
    # The notes of a segmentation (whole: they hold a "; " of their own).
    (r"one class fits best by BIC: the answers show no segments; the (?P<k>\d+) "
     r"below are exploratory",
     "één klasse past het best volgens BIC: de antwoorden tonen geen segmenten; "
     "de {k} hieronder zijn verkennend"),
    (r"(?P<n>\d+) bootstrap refits at k = (?P<k>\d+); adjusted Rand index with the "
     r"classes \(below chance counted as 0\) and, per class, the Jaccard "
     r"similarity of its best match \(Hennig 2007\)",
     "{n} bootstrap-herhalingen bij k = {k}; aangepaste Rand-index met de "
     "klassen (onder kans telt als 0) en, per klasse, de Jaccard-overeenkomst "
     "van de best passende klasse (Hennig 2007)"),
    (r"no variant is clearly best: the most likely has P\(best\) = (?P<p>[\d.]+), "
     r"below (?P<threshold>[\d.]+)",
     "geen variant is duidelijk het beste: de waarschijnlijkste heeft P(beste) = "
     "{p}, onder {threshold}"),
    (r"classified with the model saved on (?P<date>[\d-]+ [\d:]+) UTC \(fitted on "
     r"(?P<fitted>\d+) respondents; (?P<now>\d+) classified now\)",
     "ingedeeld met het model dat op {date} UTC is opgeslagen (gemaakt met "
     "{fitted} deelnemers; nu {now} ingedeeld)"),
)  # fmt: skip
# What allows too little confidence (stats.inversion.reach_note), in Dutch.
_SIZES = (
    (r"(?P<a>\d+) \+ (?P<b>\d+) answers", "{a} + {b} antwoorden"),
    (r"(?P<n>\d+) pairs", "{n} paren"),
    (r"(?P<n>\d+) non-zero pairs", "{n} paren met een verschil"),
)
_REACH = (
    r" allow at most (?P<x>"
    + _NUMBER
    + r")% confidence, not the (?P<y>"
    + _NUMBER
    + r")% asked for: the interval is unbounded"
)
DUTCH += tuple(
    (size + _REACH + claim, words + " geven hooguit {x}% zekerheid, niet de "
     "gevraagde {y}%: het interval heeft geen grens" + zegt)
    for size, words in _SIZES
    for claim, zegt in (("", ""), (" and no claim can be made",
                                   " en er is geen uitspraak mogelijk"))
)  # fmt: skip
DUTCH += (
    ("control and variant need at least 1 answer each",
     "controle en variant hebben elk minstens 1 antwoord nodig"),
    (r"(?P<name>[\w-]+) needs at least (?P<n>\d+) answers per arm",
     "{name} vraagt minstens {n} antwoorden per arm"),
    (r"(?P<n>\d+) cell\(s\) have no answers yet: no factorial estimate",
     "{n} cel(len) hebben nog geen antwoorden: geen factoriële schatting"),
    (r"no cell has two answers yet: no factorial estimate",
     "geen cel heeft al twee antwoorden: geen factoriële schatting"),
    # Why a question could not be compared (the statistics' errors).
    (r"group (?P<g>\d+) needs at least (?P<n>\d+) non-missing value\(s\), got "
     r"(?P<got>\d+)",
     "groep {g} heeft minstens {n} antwoord(en) nodig (zonder 'weet ik niet'), "
     "maar heeft er {got}"),
    (r"need at least (?P<n>\d+) complete rows, got (?P<got>\d+)",
     "minstens {n} volledige rijen nodig, maar er zijn er {got}"),
    (r"need at least (?P<n>\d+) complete pair\(s\), got (?P<got>\d+)",
     "minstens {n} volledige paren nodig, maar er zijn er {got}"),
    (r"need at least (?P<n>\d+) groups, got (?P<got>\d+)",
     "minstens {n} groepen nodig, maar er zijn er {got}"),
)  # fmt: skip
_COMPILED = tuple((re.compile(english), dutch) for english, dutch in DUTCH)


def note_text(note, language="en"):
    """NOTE (a note of the statistics) in LANGUAGE, part by part."""
    if language == "en" or not note:
        return note
    whole = _matched(note)
    if whole is not None:
        return whole
    return "; ".join(_dutch_part(part) for part in note.split("; "))


def _matched(text):
    """TEXT in Dutch when a pattern matches it whole, else None."""
    for pattern, dutch in _COMPILED:
        found = pattern.fullmatch(text)
        if found:
            return dutch.format(**found.groupdict())
    return None


def _dutch_part(part):
    said = _matched(part)
    if said is not None:
        return said
    about, colon, rest = part.partition(": ")
    if colon:  # "Cliff's delta: fewer than 5 per arm": the estimate, then the note
        said = _dutch_part(rest)
        if said != rest:
            return f"{stat_name(about, 'nl')}: {said}"
    return part
