import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlab.content.readability import (
    LONG_SENTENCE_WORDS,
    analyse_text,
    count_syllables,
    passive_hints,
    split_sentences,
    strip_markdown,
    tokenize_words,
)

# The B1 drafts from the domain notes, section (b).
DRAFTS = [
    "Beste meneer of mevrouw [naam], Ik ben Sanne van het Geldloket. Wij zijn een "
    "onafhankelijke organisatie. De gemeente vraagt ons om mensen met geldvragen te "
    "helpen. Een rekening laten liggen kan iedereen overkomen. Wilt u erover praten? "
    "Dat kan bij ons, bij u thuis of aan de telefoon. Het is gratis. Bel of app mij: "
    "[nummer].",
    "Hoi [naam], Ik ben Ahmed, geldcoach bij de gemeente. Ik schrijf je omdat ik je "
    "graag wil helpen. Geldzorgen komen vaker voor dan je denkt. Je hoeft je niet te "
    "schamen. Samen kijken we wat jij nodig hebt. Jij bepaalt waar we het over "
    "hebben. Het gesprek is gratis. Bel of app me: [nummer].",
    "Waarom krijgt u deze brief? Uw energiebedrijf heeft ons laten weten dat een "
    "rekening nog open staat. Dat moet van de wet. Wij kregen alleen uw naam, uw "
    "adres, het soort rekening en het bedrag. Wij weten niets over uw inkomen of "
    "andere schulden. Wij gebruiken dit alleen om u hulp aan te bieden. Wilt u geen "
    "hulp? Dan wissen wij uw gegevens.",
    "U kiest zelf wat u wilt. Zet een kruisje en stuur het strookje terug, een "
    "postzegel is niet nodig. ☐ Gesprek bij mij thuis ☐ Gesprek op het gemeentehuis "
    "☐ Bel mij op een moment dat ik kies ☐ Alleen informatie op papier ☐ Ik wil geen "
    "hulp. Dat is goed. U hoort dan niets meer van ons over deze rekening.",
    "Gemeente [X]: Hallo [naam], u kreeg van ons een brief over hulp bij geldzaken. "
    "Het gesprek is gratis en u beslist zelf. Bel ons op werkdagen tussen 9 en 17 "
    "uur: [nummer]. Geen hulp nodig? Dan hoeft u niets te doen. Wij vragen nooit om "
    "te betalen of in te loggen via sms.",
    "Geldzorgen? Je bent niet de enige. Meer dan 1 op de 3 huishoudens heeft moeite "
    "om rond te komen. Praat gratis met iemand die niet oordeelt. Je hoeft je naam "
    "niet te noemen. Loop binnen op dinsdag of donderdag van 9 tot 12 uur. Of bel "
    "[nummer]. Jij bepaalt wat je vertelt.",
    "Gaat u verhuizen of uit elkaar? Dan verandert er veel, ook met geld. Uw "
    "toeslagen, huur of zorgverzekering kunnen anders worden. Wilt u dat we samen "
    "kijken of alles goed geregeld is? Dat kan in een gesprek van een half uur. Het "
    "is gratis. U kiest zelf of u dit wilt. Bel [nummer] of maak online een afspraak.",
    "Dit is geen controle. U krijgt geen boete. Wij willen alleen weten of het goed "
    "met u gaat. Wat u ons vertelt, blijft bij het team Geldzaken. Wij geven het niet "
    "door aan andere instanties, tenzij u dat zelf wilt. Wilt u niet? Dan hoeft u "
    "niets te doen.",
]

OFFICIALESE = (
    "Ingevolge artikel 4:8 van de Algemene wet bestuursrecht wordt u hierbij in de "
    "gelegenheid gesteld uw zienswijze naar voren te brengen omtrent het voornemen "
    "tot terugvordering van de ten onrechte aan u uitbetaalde bijstandsuitkering."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("gemeente", 3),
        ("rekening", 3),
        ("huishouden", 3),
        ("geldzorgen", 3),
        ("toeslagen", 3),
        ("politie", 3),  # -tie is one syllable
        ("situatie", 4),  # u-a are two
        ("nieuw", 1),  # -ieuw
        ("eeuw", 1),  # -eeuw
        ("leeuwen", 2),
        ("draaien", 2),
        ("moeilijk", 2),
        ("hoi", 1),
        ("bureau", 2),
        ("geïnteresseerd", 5),  # a trema starts a syllable
        ("ideeën", 3),
        ("coördinator", 5),
        ("café", 2),
        ("één", 1),
        ("financieel", 3),  # fi-nan-cieel
        ("theater", 3),
        ("sms", 3),  # spelled out
        ("e-mail", 2),
        ("Gemeente", 3),
    ],
)
def test_count_syllables(word, syllables):
    assert count_syllables(word) == syllables


def test_numbers_are_one_word_of_two_syllables():
    assert tokenize_words("Betaal € 1.234,56 voor 9.00 uur.") == [
        "Betaal",
        "1.234,56",
        "voor",
        "9.00",
        "uur",
    ]
    assert count_syllables("1.234,56") == 2


def test_flesch_douma_worked_out_by_hand():
    # "De gemeente helpt u." = de(1) ge-meen-te(3) helpt(1) u(1): 4 words, 6 syl.
    # "Bel ons gratis."      = bel(1) ons(1) gra-tis(2):          3 words, 4 syl.
    # 7 words, 10 syllables, 2 sentences:
    #   syllables per 100 words = 1000 / 7 = 142.857; words per sentence = 3.5
    #   Flesch-Douma = 206.84 - 0.77 * 142.857 - 0.93 * 3.5
    #                = 206.84 - 110.0 - 3.255 = 93.585
    #   Brouwer      = 195 - 2/3 * 142.857 - 2 * 3.5 = 195 - 95.238 - 7 = 92.762
    result = analyse_text("De gemeente helpt u. Bel ons gratis.")
    assert (result.words, result.syllables, result.sentences) == (7, 10, 2)
    assert result.flesch_douma == pytest.approx(93.585, abs=0.01)
    assert result.brouwer == pytest.approx(92.762, abs=0.01)
    assert result.mean_sentence_length == 3.5
    assert result.meets_b1
    assert result.advice == ()


@pytest.mark.parametrize("draft", DRAFTS)
def test_b1_drafts_score_in_a_plausible_range(draft):
    result = analyse_text(draft)
    assert 70 <= result.flesch_douma <= 100
    assert 5 <= result.mean_sentence_length <= 10
    assert result.meets_b1
    assert result.long_sentences == ()


def test_officialese_fails_b1_with_a_passive_hint():
    result = analyse_text(OFFICIALESE)
    assert not result.meets_b1
    assert result.flesch_douma < 40
    assert result.passive_hints == (OFFICIALESE,)
    assert result.long_sentences == (OFFICIALESE,)
    assert "bijstandsuitkering" in result.long_words
    assert any("active voice" in advice for advice in result.advice)
    assert any("10-12" in advice for advice in result.advice)


def test_sentence_splitting_respects_abbreviations_amounts_and_times():
    text = (
        "Wij spraken bijv. dhr. De Vries en mevr. Bakker op 1 jan. om 9.00 uur. "
        "Het bedrag is € 1.234,56. Zie o.a. nr. 12! Wilt u hulp? Bel J. de Vries."
    )
    assert split_sentences(text) == [
        "Wij spraken bijv. dhr. De Vries en mevr. Bakker op 1 jan. om 9.00 uur.",
        "Het bedrag is € 1.234,56.",
        "Zie o.a. nr. 12!",
        "Wilt u hulp?",
        "Bel J. de Vries.",
    ]


def test_lines_and_bullets_are_sentences():
    text = (
        "Beste meneer Jansen,\nWij helpen u graag\nmet uw vragen.\n• Bel ons • Mail ons"
    )
    assert split_sentences(text) == [
        "Beste meneer Jansen,",
        "Wij helpen u graag met uw vragen.",
        "Bel ons",
        "Mail ons",
    ]


def test_a_rule_at_the_start_is_text_not_front_matter():
    text = "---\nBeste meneer Jansen,\n---\nWij helpen u graag.\n"
    assert split_sentences(strip_markdown(text)) == [
        "Beste meneer Jansen,",
        "Wij helpen u graag.",
    ]


def test_strip_markdown():
    text = (
        '+++\nchannel = "letter"\n+++\n'
        "# Waarom deze brief?\n\n"
        "Wij **helpen** u _graag_. Lees [meer](https://example.nl).\n\n"
        "- [ ] Gesprek thuis\n"
        "- [x] Bel mij\n"
        "1. Stap een\n\n"
        "| Wie | Wat |\n|---|---|\n| Sanne | {{ persona.naam }} |\n\n"
        "> ☐ Ja ☐ Nee\n"
    )
    assert split_sentences(strip_markdown(text)) == [
        "Waarom deze brief?",
        "Wij helpen u graag.",
        "Lees meer.",
        "Gesprek thuis",
        "Bel mij",
        "Stap een",
        "Wie",
        "Wat",
        "Sanne",
        "naam",
        "Ja",
        "Nee",
    ]


def test_long_sentence_threshold():
    words = ["woord"] * LONG_SENTENCE_WORDS
    at_limit = " ".join(words) + "."
    over = " ".join([*words, "extra"]) + "."
    assert analyse_text(at_limit).long_sentences == ()
    assert analyse_text(over).long_sentences == (over,)


def test_long_words_by_syllables_or_letters():
    result = analyse_text(
        "De informatie over uw bijstandsuitkering komt van de gemeente."
    )
    # in-for-ma-tie has 4 syllables; bijstandsuitkering has 18 letters.
    assert result.long_words == ("informatie", "bijstandsuitkering")


@pytest.mark.parametrize(
    ("sentence", "hinted"),
    [
        ("Uw gegevens worden bewaard.", True),
        ("De brief werd gisteren verstuurd.", True),
        ("U wordt door ons gebeld.", True),
        ("Het geld is ontvangen.", True),
        ("Wij bewaren uw gegevens.", False),
        ("Het gesprek is gratis en u beslist zelf.", False),
        ("Hij is gisteren verhuisd.", False),
        ("Het is een mooi gebied.", False),
    ],
)
def test_passive_hints(sentence, hinted):
    assert passive_hints([sentence]) == ((sentence,) if hinted else ())


@pytest.mark.parametrize("text", ["", "   \n\n", "# \n---\n", "☐ ☐", "…"])
def test_text_without_words_raises(text):
    with pytest.raises(ValueError):
        analyse_text(text)


def test_result_is_frozen():
    result = analyse_text("Het is gratis.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.words = 3


@given(st.text(max_size=300))
def test_any_text_with_a_word_gives_a_result(text):
    result = analyse_text(f"{text}\n\nDit is een zin.")
    assert result.words >= result.sentences >= 1
    assert result.syllables >= result.words


@given(st.text(alphabet=st.sampled_from(" \n\t.,;:!?-*#()[]"), max_size=80))
def test_text_without_letters_or_digits_raises(text):
    with pytest.raises(ValueError):
        analyse_text(text)
