"""Dutch readability statistics for plain-language (B1) screening of messages.

Everything here is a heuristic meant for screening drafts, never a verdict on
a text: the syllable counter, sentence splitter and passive-voice detector are
rules of thumb for Dutch that misjudge some words and sentences. A text that
passes still needs a LiNT check and a test with real readers.

Thresholds, from the B1 guidance in the project's domain notes ("about 10-12
words per sentence", Flesch-Douma 60-70 "normal"):

- B1 verdict: Flesch-Douma >= 60 and a mean sentence length <= 12 words.
- A *long sentence* has more than 15 words. The guidance's 10-12 words is an
  average, so single sentences up to 15 words are tolerated; the ones above
  15 are those that pull the average past the target.
- A *long word* has at least 4 syllables or at least 13 letters (Dutch
  compounds such as "bijstandsuitkering" are long without many syllables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

B1_MIN_FLESCH_DOUMA = 60.0
B1_MAX_MEAN_SENTENCE_LENGTH = 12.0
LONG_SENTENCE_WORDS = 15
LONG_WORD_SYLLABLES = 4
LONG_WORD_LETTERS = 13
# Numbers are read aloud ("negen", "duizend"); two syllables is a rough mean.
NUMBER_SYLLABLES = 2


@dataclass(frozen=True)
class Readability:
    """Readability statistics of one text, with a B1 screening verdict."""

    words: int
    sentences: int
    syllables: int
    flesch_douma: float
    brouwer: float
    mean_sentence_length: float
    long_sentences: tuple[str, ...]
    long_words: tuple[str, ...]
    passive_hints: tuple[str, ...]
    meets_b1: bool
    advice: tuple[str, ...]


def analyse_text(text: str) -> Readability:
    """Screen a (Markdown) text against B1; raise ValueError if it has no words."""
    sentences = split_sentences(strip_markdown(text))
    words_per_sentence = [tokenize_words(s) for s in sentences]
    words = [w for ws in words_per_sentence for w in ws]
    if not words:
        raise ValueError("text contains no words to analyse")
    syllables = sum(count_syllables(w) for w in words)
    per_100_words = 100 * syllables / len(words)
    mean_length = len(words) / len(sentences)
    flesch_douma = 206.84 - 0.77 * per_100_words - 0.93 * mean_length
    brouwer = 195 - (2 / 3) * per_100_words - 2 * mean_length
    long_sentences = tuple(
        s
        for s, ws in zip(sentences, words_per_sentence, strict=True)
        if len(ws) > LONG_SENTENCE_WORDS
    )
    long_words = _long_words(words)
    hints = passive_hints(sentences)
    meets_b1 = (
        flesch_douma >= B1_MIN_FLESCH_DOUMA
        and mean_length <= B1_MAX_MEAN_SENTENCE_LENGTH
    )
    return Readability(
        words=len(words),
        sentences=len(sentences),
        syllables=syllables,
        flesch_douma=round(flesch_douma, 2),
        brouwer=round(brouwer, 2),
        mean_sentence_length=round(mean_length, 2),
        long_sentences=long_sentences,
        long_words=long_words,
        passive_hints=hints,
        meets_b1=meets_b1,
        advice=_advice(flesch_douma, mean_length, long_sentences, long_words, hints),
    )


def _long_words(words: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for word in words:
        if not word[0].isdigit() and word.lower() not in seen:
            letters = sum(c.isalpha() for c in word)
            syllables = count_syllables(word)
            if syllables >= LONG_WORD_SYLLABLES or letters >= LONG_WORD_LETTERS:
                seen[word.lower()] = word
    return tuple(seen.values())


def _advice(flesch_douma, mean_length, long_sentences, long_words, hints):
    advice = []
    if flesch_douma < B1_MIN_FLESCH_DOUMA:
        advice.append(
            f"Flesch-Douma is {flesch_douma:.0f}; B1 needs at least "
            f"{B1_MIN_FLESCH_DOUMA:.0f}. Use shorter words and sentences."
        )
    if mean_length > B1_MAX_MEAN_SENTENCE_LENGTH:
        advice.append(f"Sentences average {mean_length:.1f} words; aim for 10-12.")
    if long_sentences:
        advice.append(
            f"Split {len(long_sentences)} sentence(s) longer than "
            f"{LONG_SENTENCE_WORDS} words."
        )
    if len(long_words) > 2:
        advice.append(
            f"Check {len(long_words)} long words ("
            + ", ".join(long_words[:5])
            + "); B1 allows at most two difficult terms, each explained."
        )
    if hints:
        advice.append(f"Prefer active voice: {len(hints)} sentence(s) may be passive.")
    return tuple(advice)


# --- Markdown -------------------------------------------------------------

# A template file's TOML front matter, between two +++ lines (messages.FENCE).
# Not ---: in a letter body that is a Markdown rule, and text to keep.
_FRONT_MATTER = re.compile(r"\A\+\+\+\n.*?\n\+\+\+[ \t]*(?:\n|\Z)", re.S)
_JINJA_VALUE = re.compile(r"\{\{\s*(?:[\w]+\.)*(\w+)?[^}]*\}\}")
_JINJA_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$|^```")
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-*:?\s*)*\|?$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_LIST_ITEM = re.compile(r"^(?:[-*+•▪]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"\*+|~~|`+|(?<!\w)_+|_+(?!\w)")


def strip_markdown(text: str) -> str:
    """Return plain text; headings, list items and table cells become paragraphs."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _JINJA_TAG.sub("", _JINJA_VALUE.sub(lambda m: m.group(1) or "", text))
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = _QUOTE.sub("", raw.strip()).rstrip("\\").strip()
        if not line or _RULE.match(line) or _TABLE_RULE.match(line):
            blocks.append([])
        elif heading := _HEADING.match(line):
            blocks += [[heading.group(1)], []]
        elif line.startswith("|") or " | " in line:
            blocks += [[cell] for cell in line.strip("|").split("|")] + [[]]
        elif item := _LIST_ITEM.match(line):
            blocks.append([line[item.end() :]])
        else:
            blocks[-1].append(line)
    paragraphs = ("\n".join(_inline(line) for line in b).strip() for b in blocks)
    return "\n\n".join(p for p in paragraphs if p)


def _inline(line: str) -> str:
    line = _LINK.sub(r"\1", _IMAGE.sub(r"\1", line))
    return _EMPHASIS.sub("", _HTML.sub("", line)).strip()


# --- Sentences and words --------------------------------------------------

# Abbreviations after which a full stop does not end a sentence. "enz." and
# "etc." are left out on purpose: they usually do end one.
# fmt: off
_ABBREVIATIONS = frozenset({
    "bijv", "bv", "vb", "dhr", "mevr", "mw", "mr", "dr", "drs", "ir", "ing", "prof",
    "nr", "nrs", "ca", "tel", "art", "blz", "pag", "incl", "excl", "evt", "jl",
    "resp", "st", "gem", "vgl", "zgn", "ong", "max", "min", "jan", "feb", "mrt",
    "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "ma", "di",
    "wo", "do", "vr", "za", "zo"
})
# fmt: on
_DOTTED = re.compile(r"^[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+$")
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)\s+(?=(\S))")
_BULLETS = re.compile(r"[☐☑☒□▢■•▪]")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-.][^\W\d_]+)*|[0-9]+(?:[.,:][0-9]+)*")


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences: paragraphs, lines, bullets, full stops."""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        for chunk in _split_lines(paragraph):
            for part in _BULLETS.split(chunk):
                sentences.extend(_split_on_punctuation(part))
    return [s for s in sentences if _WORD.search(s)]


def _split_lines(paragraph: str) -> list[str]:
    # A line break ends a sentence when the next line starts with a capital
    # (salutations, headings without "#", address lines); a soft-wrapped line
    # that continues in lower case stays in its sentence.
    chunks: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip()
        if chunks and line and not line[0].isupper():
            chunks[-1] += " " + line
        elif line:
            chunks.append(line)
    return chunks


def _split_on_punctuation(chunk: str) -> list[str]:
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(chunk):
        if _ends_sentence(chunk, match):
            sentences.append(chunk[start : match.end(2)].strip())
            start = match.end()
    sentences.append(chunk[start:].strip())
    return [re.sub(r"\s+", " ", s) for s in sentences if s]


def _ends_sentence(chunk: str, match: re.Match[str]) -> bool:
    mark, following = match.group(1), match.group(3)
    if mark[0] in "?!":
        return True
    if not (following.isupper() or following.isdigit() or following in "[(\"'“‘„"):
        return False
    if mark != ".":
        return True
    before = chunk[max(0, match.start() - 40) : match.start()].split()
    token = before[-1].lstrip("([\"'“‘„") if before else ""
    if token.lower() in _ABBREVIATIONS or _DOTTED.match(token):
        return False
    return not (len(token) == 1 and token.isupper())  # an initial: "J. de Vries"


def tokenize_words(text: str) -> list[str]:
    """Return the words of a text; numbers such as "1.234,56" count as one word."""
    return _WORD.findall(text)


# --- Syllables ------------------------------------------------------------

# Vowel spellings that form one syllable, longest first.
# fmt: off
_UNITS = (
    "eeu", "ieu", "aai", "ooi", "oei", "eau", "ij", "ei", "ui", "au", "ou", "oe",
    "eu", "ie", "aa", "ee", "oo", "uu", "ai", "oi", "ay", "ey", "oy",
)
# fmt: on
_TREMA = "äëïöü"
_VOWEL_RUN = re.compile(r"(?:ij|[aeiouyäëïöü])+")
_ACCENTS = str.maketrans("áàâéèêíìîóòôúùû", "aaaeeeiiiooouuu")
_PLAIN = str.maketrans(_TREMA, "aeiou")


@lru_cache(maxsize=4096)
def count_syllables(word: str) -> int:
    """Estimate a Dutch word's syllables from its vowel groups (a heuristic)."""
    if word[:1].isdigit():
        return NUMBER_SYLLABLES
    parts = [p for p in re.split(r"['’\-.]", word) if p]
    return max(1, sum(_part_syllables(p) for p in parts))


def _part_syllables(part: str) -> int:
    word = part.lower().translate(_ACCENTS)
    if not _VOWEL_RUN.search(word):
        return len(word)  # an acronym spelled out: "sms", "btw", "GGD"
    word = word.replace("qu", "qw").replace("cieel", "ciel").replace("tieel", "tiel")
    if len(word) > 1 and word[0] == "y" and word[1] in "aeiou":
        word = word[1:]  # "yoghurt": a consonant y
    count = 0
    for run in _VOWEL_RUN.findall(word):
        # A trema starts a new syllable: "geïnteresseerd", "ideeën".
        for piece in re.split(f"(?=[{_TREMA}])", run):
            count += _units_in(piece.translate(_PLAIN))
    return count


def _units_in(run: str) -> int:
    count, i = 0, 0
    while i < len(run):
        unit = next((u for u in _UNITS if run.startswith(u, i)), run[i])
        i += len(unit)
        count += 1
    return count


# --- Passive voice --------------------------------------------------------

# fmt: off
_AUXILIARIES = frozenset({
    "word", "wordt", "worden", "werd", "werden", "geworden", "ben", "bent", "is",
    "zijn", "was", "waren"
})
# fmt: on
_PARTICIPLE = re.compile(
    r"^(?:aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|voor|weg|vast"
    r"|samen|los|neer|dicht|binnen|vrij)?"
    r"(?:ge|be|ver|ont|her|er)[a-zëï]{2,}(?:d|t|en)$"
)
# Participles of verbs that form their perfect with "zijn" (active voice),
# and common nouns and adjectives that look like participles.
# fmt: off
_NOT_PASSIVE = frozenset({
    "geweest", "gegaan", "gekomen", "gebleven", "geworden", "gebeurd", "gelukt",
    "gestopt", "begonnen", "verhuisd", "vertrokken", "verdwenen", "veranderd",
    "overleden", "gestorven", "ontstaan", "geboren", "gebied", "beleid", "bericht",
    "verband", "bestand", "verstand", "verleden", "gezicht", "gewicht", "verplicht",
    "gericht", "geheten", "bedankt", "bekend"
})
# fmt: on
# Punctuation and conjunctions that start a new clause ("... is gratis en u
# beslist zelf" must not pair "is" with "beslist").
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\b(?:en|maar|want|of|dus|omdat|als|dat|die|wanneer"
    r"|terwijl|zodat|tenzij)\b"
)
# Words before a noun, not before a participle ("het bericht", "te betalen").
# "ons", "hun" and "haar" are left out: they are also objects ("door ons
# gebeld").
_DETERMINERS = frozenset({"de", "het", "een", "uw", "je", "jouw", "mijn", "onze", "te"})


def passive_hints(sentences: list[str]) -> tuple[str, ...]:
    """Return the sentences that may be passive: a form of worden/zijn + participle."""
    return tuple(s for s in sentences if any(map(_clause_is_passive, _clauses(s))))


def _clauses(sentence: str) -> list[list[str]]:
    parts = _CLAUSE_BREAK.split(sentence.lower())
    return [tokenize_words(part) for part in parts]


def _clause_is_passive(words: list[str]) -> bool:
    if not _AUXILIARIES.intersection(words):
        return False
    return any(
        _PARTICIPLE.match(word)
        and word not in _NOT_PASSIVE
        and not word.endswith("heid")
        and (i == 0 or words[i - 1] not in _DETERMINERS)
        for i, word in enumerate(words)
    )
