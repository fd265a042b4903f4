"""The fixed words of the HTML report in plain Dutch (see html_words for English)."""

NL = {
    "summary": "Samenvatting",
    "fieldwork": "Veldwerk",
    "per_question": "Per vraag",
    "preregistration": "Registratie vooraf",
    "survey": "Gebruik van gegevens en voorkeuren",
    "for_whom": "Voor wie (groepen)",
    "quality": "Kwaliteit",
    "planning": "Planning",
    "versions": "Versies",
    "downloads": "Downloads",
    "legend": "Uitleg",
    "report_title": "sprintlab-rapport",
    "report_meta": "{id} · versie {version} · {design} · definitie {hash}",
    "design_between": "tussen personen",
    "design_within": "binnen personen",
    "design_factorial": "factorieel, tussen personen",
    "helpfulness": "Nut",
    "intrusiveness": "Opdringerigheid",
    "verdict": "Oordeel",
    "variant": "Variant",
    "question": "Vraag",
    "outcome": "Uitkomst",
    "claim": "Uitspraak",
    "difference": "Verschil [interval]",
    "margin": "Marge",
    "note": "Opmerking",
    "yes": "ja",
    "no": "nee",
    "participants": "Deelnemers",
    "answers": "Antwoorden",
    "better": "beter",
    "compared": "Elke variant vergeleken met de controle ({control}) op nut "
    "(“{helpfulness}”)",
    "and_intrusive": "en opdringerigheid (“{intrusiveness}”).",
    "no_intrusive": "; de studie vraagt niet naar opdringerigheid, dus die "
    "blijft onduidelijk.",
    "family": "De {m} uitspraken vormen één familie: elk interval is op "
    "{level}, dus de kans dat een van de uitspraken niet klopt is hooguit "
    "{alpha}%.",
    "people": "{n} deelnemers, {completed} helemaal klaar.",
    "speeders_out": "Snelle invullers zijn weggelaten.",
    "mismatch": "De verdeling klopt niet (p = {p}): de varianten kregen niet "
    "het deel dat het ontwerp verwacht. Controleer de toewijzing voordat u "
    "deze resultaten leest.",
    "ranking_caption": "Varianten op volgorde van hun oordeel: verschil met "
    "de controle, intervallen op {level}",
    "n_planned": "n / gepland",
    "ranking_note": "Nut: + is nuttiger; opdringerigheid: + is opdringeriger; "
    "in schaalpunten (ja/nee-vragen: procentpunten), variant min controle; – "
    "is een grens die de gegevens nog niet kunnen trekken. Het oordeel "
    "bepaalt de volgorde; binnen een groep volgt die het gemeten verschil in "
    "nut, en dat is zelf geen uitspraak. n: antwoorden in de kleinste van "
    "variant en controle; gepland: wat de marges nodig hebben.",
    "forest_title": "Verschil van elke variant met de controle.",
    "forest_caption": "Nut en opdringerigheid, met {level}-intervallen. De "
    "nummers zijn de plaatsen hierboven; de grijze band is ± de marge.",
    "map_caption": "Linksboven (groen) is nuttiger en minder opdringerig dan "
    "de controle; rechtsonder (oranje) het omgekeerde. Elk nummer is de "
    "plaats van een variant in de tabel hierboven; het teken toont het "
    "oordeel.",
    "map_legend": "De punten op de kaart: plaats, variant en oordeel",
    "tests_heading": "De toetsen achter de oordelen",
    "tests_intro": "Elke uitspraak rust op één interval van het verschil met "
    "de controle. Kijkt u terwijl er nog gegevens binnenkomen? Lees dan de "
    "altijd-geldige intervallen onder Veldwerk, niet deze toetsen.",
    "tests_caption": "Verschillen met de controle zoals gemeten (variant min "
    "controle), intervallen op {level}",
    "adjusted_p": "Gecorrigeerde p",
    "not_worse_p": "p niet slechter",
    "equivalence_p": "p gelijkwaardig",
    "dont_know_differ": "(aandeel 'weet ik niet' verschilt)",
    "at_most": "hooguit {level} haalbaar",
    "claims_legend": "Uitspraken: beter / slechter — het hele interval ligt "
    "boven / onder geen verschil; niet slechter — het sluit een verlies zo "
    "groot als de marge uit; gelijkwaardig — het ligt binnen ± de marge; "
    "onduidelijk — geen van deze. Gepland: de deelnemers per variant die de "
    "marge nodig heeft voor 80% kans op een uitspraak.",
    "prereg_on": "Vooraf geregistreerd op {date} om {time} UTC, hash",
    "prereg_late": "te laat geregistreerd",
    "prereg_late_after": ", nadat {n} deelnemer(s) al waren begonnen",
    "deviations_count": "Afwijkingen van het plan ({n}):",
    "no_deviations": "Geen afwijkingen van het plan: de studie, de berichten en "
    "de geplande n zijn zoals geregistreerd.",
    "outside_plan": "Buiten het plan, dus",
    "exploratory": "verkennend",
    "not_prereg": "Niet vooraf geregistreerd: er is geen plan vastgelegd voordat "
    "de gegevens binnenkwamen",
    "not_prereg_read": "Lees elke uitkomst als verkennend, ook de oordelen.",
    "questions_intro": "Elke vraag, met de antwoorden per variant en elke "
    "variant tegen de controle. Alleen de twee uitkomsten van het oordeel "
    "dragen uitspraken; elke andere vraag is verkennend: een spoor, geen "
    "bevinding.",
    "see_notes": "zie de opmerkingen",
    "better_is": "{better} is beter",
    "dont_know_warning": "Het aandeel 'weet ik niet' verschilt tussen de "
    "varianten ({test} p = {p}): de vergelijkingen van deze vraag rusten op "
    "verschillende delen van de deelnemers.",
    "answers_per_variant": "Antwoorden per variant",
    "dont_know": "Weet ik niet",
    "mean_ci": "Gemiddelde [95%-interval]",
    "median": "Mediaan",
    "against_control": "Elke variant tegen de controle",
    "effect_ci": "Effect [95%-interval]",
    "mean_difference_ci": "Verschil in gemiddelde [95%-interval]",
    "prior": "prior",
    "cramers_v": "Cramérs V",
    "versus": "tegen",
    "out_of_reach": "Significantie is niet haalbaar: met {nc} en {nv} "
    "antwoorden haalt geen toets p < 0,05 (kleinst mogelijke p = {p}): lees "
    "het effect, het interval en P(beter).",
    "unreachable": "Deze antwoorden geven hooguit {level} zekerheid: "
    "intervallen zonder grens (–) konden niet op 95% worden getrokken.",
    "free_text": "open vraag",
    "more_texts": "En nog {n} (alle in de downloads).",
    "no_texts": "Nog geen antwoorden.",
    "data_use_heading": "Gebruik van gegevens: {text}",
    "data_use_intro": "Per gegeven dat het bericht noemde: het deel van de "
    "mensen dat het goed vindt (ja van ja en nee, met een 95%-interval volgens "
    "Wilson; 'weet ik niet' apart geteld). Verkennend.",
    "acceptance_sources": "Vindt het goed, per gegeven",
    "data": "Gegeven",
    "acceptance": "Vindt het goed [95%]",
    "yes_no_dont_know": "Ja / nee / weet ik niet",
    "told_or_not": "Wel of niet verteld welke gegevens (kader 'Waarom krijgt u dit?')",
    "told_line": "verteld {told}, niet verteld {not_told}: {difference} "
    "procentpunten [{low}, {high}], {test} p (BH) = {p}",
    "not_both_kinds": "niet te vergelijken: geen berichten van beide soorten "
    "vroegen ernaar",
    "acceptance_variants": "Vindt het goed, per variant",
    "acceptance_variants_caption": "Vindt het goed, per variant (– als een "
    "bericht dat gegeven niet noemde)",
    "told": "(verteld)",
    "ranking_heading": "Volgorde: {text}",
    "ranking_intro": "{n} mensen zetten de mogelijkheden op volgorde. De "
    "gemiddelde plaats (1 = eerste keus) en het deel dat een mogelijkheid als "
    "eerste koos, met 95%-bootstrapintervallen; het gewicht volgens "
    "Plackett–Luce is de kans dat een mogelijkheid als eerste gekozen wordt "
    "(Wald-interval). Verkennend.",
    "preferences": "Voorkeuren",
    "preferences_caption": "Voorkeuren, op volgorde van gewicht",
    "option": "Mogelijkheid",
    "mean_rank": "Gemiddelde plaats [95%]",
    "first_choice": "Eerste keus [95%]",
    "worth": "Gewicht [95%]",
    "for_whom_intro": "Werkt een variant anders voor verschillende mensen? "
    "Effecten per groep zijn verkennend, behalve als de interactietoets van "
    "de variant standhoudt (een groepsbevinding).",
    "interaction_caption": "verschilt het effect tussen groepen?",
    "interaction_test": "Interactietoets",
    "finding": "Groepsbevinding?",
    "no_exploratory": "nee (verkennend)",
    "small_groups": "Groepen met minder dan 10 antwoorden",
    "findings_intro": "Een groepsbevinding is een variant waarvan het effect "
    "verschilt tussen de groepen van een vraag over de deelnemer, na één "
    "Benjamini–Hochberg-correctie over alle groepstoetsen van de studie.",
    "finding_line": "het effect op {outcome} verschilt naar “{segment}”.",
    "no_findings": "Geen groepsbevinding.",
    "no_segment_tests": "Nog geen groepstoetsen.",
    "group_caption": "Verschil van elke variant met de controle, alleen voor "
    "{group} (95%-intervallen)",
    "no_group_answers": "Niemand in deze groep heeft al geantwoord.",
    "group_note": "Verkennend, behalve als de variant een groepsbevinding "
    "heeft: kleine groepen geven brede intervallen, en veel groepen geven "
    "toevallig enkele grote verschillen.",
    "sample_ratio": "Verdeling",
    "mismatch_short": "de varianten kregen niet het deel dat het ontwerp "
    "verwacht: controleer de toewijzing",
    "as_designed": "elke variant kreeg zijn deel",
    "not_checked": "nog niet gecontroleerd (te weinig deelnemers)",
    "attrition": "Uitval tussen varianten",
    "attrition_differs": "bij sommige varianten stopten meer mensen",
    "attrition_even": "geen variant verloor meer mensen dan de andere",
    "order_balance": "Volgorde",
    "order_unbalanced": "de volgordes zijn niet even vaak gebruikt",
    "order_balanced": "elke volgorde ongeveer even vaak gebruikt",
    "flags": "Signalen",
    "flags_line": "{speeders} snelle invullers, {straight} rechte-lijn-invullers "
    "en {unopened} die een bericht beoordeelden zonder het te openen, van {n} "
    "deelnemers.",
    "dropout_caption": "Uitval per variant: berichten begonnen en beantwoord",
    "started": "Begonnen",
    "answered": "Beantwoord",
    "stopped": "Gestopt",
    "dont_knows": "'Weet ik niet' per vraag",
    "dont_knows_intro": "'Weet ik niet' is een ontbrekend antwoord, nooit een "
    "punt op de schaal.",
    "dont_know_all": "Weet ik niet / antwoorden",
    "dont_know_range": "Laagste–hoogste per variant",
    "differ": "Verschillen ze?",
    "within_heading": "Volgorde en overdracht (binnen personen)",
    "within_intro": "Iedereen zag elk bericht, in een uitgebalanceerde "
    "volgorde. Dit zijn controles, geen oordelen.",
    "period_caption": "Effect van de plaats per vraag (Friedman-toets)",
    "mean_by_position": "Gemiddelde per plaats",
    "complete_raters": "Mensen die elke plaats beoordeelden",
    "no_period": "Te weinig mensen beoordeelden elke plaats.",
    "first_caption": "Alleen het eerste bericht, elke variant tegen de controle",
    "exposure_heading": "Blootstelling: zagen mensen het bericht?",
    "exposure_intro": "Seconden op het bericht: van het eerste tonen tot het "
    "opslaan van de antwoorden, gemeten door de server.",
    "exposure_caption": "Blootstelling per variant",
    "shown": "Getoond",
    "median_seconds": "Mediaan seconden op het bericht",
    "opened": "Geopend",
    "rated_unopened": "Beoordeeld zonder openen",
    "layout": "Vragen gesteld",
    "of": "{k} van {n}",
    "not_staged": "open getoond",
    "nothing_shown": "Nog geen berichten getoond.",
    "versions_intro": "Elk antwoord wijst naar de precieze versie van het "
    "bericht. Een versie is het bericht in alle talen tegelijk: de "
    "Nederlandse en Engelse tekst zijn één versie, hier per taal getoond.",
    "versions_caption": "Antwoorden en gemiddelden per versie en taal",
    "version": "Versie",
    "language": "Taal",
    "first_shown": "Eerst getoond",
    "mean_of": "{outcome}: gemiddelde",
    "no_answers": "Nog geen antwoorden.",
    "live_heading": "Altijd-geldige intervallen (altijd veilig om te bekijken)",
    "live_intro": "Deze intervallen voor het verschil in nut blijven geldig, "
    "hoe vaak u ook kijkt. Ze beginnen zodra elke arm {min} antwoorden heeft.",
    "live_caption": "{outcome}: altijd-geldige intervallen",
    "factors_heading": "Uitspraken per factor",
    "factors_intro": "Het tweede niveau van elke factor tegen het eerste (de "
    "referentie), gemiddeld over de andere factoren, op {outcomes}: een lineair "
    "model met robuuste (HC2) standaardfouten, in de eenheden van de antwoorden. "
    "Deze {m} uitspraken vormen één familie: elke rust op een eigen interval van "
    "{level}, dus de kans dat er één fout is, is hoogstens {alpha}%. Interacties "
    "en alle andere vragen zijn verkennend.",
    "factor_outcome": "{outcome} ({text})",
    "factor_and": " en ",
    "factor_depends": "Het effect hangt af van {others} (een interactie houdt stand).",
    "factor_planned": "(gepland {n} per cel)",
    "factors_caption": "Hoofdeffecten op de uitkomsten van de uitspraken (tweede "
    "niveau min de referentie, interval van {level})",
    "factor": "Factor",
    "interactions_heading": "Interacties",
    "interactions_intro": "Hangt het effect van een factor af van het niveau van "
    "een andere? Elk paar op elke vraag, Holm-gecorrigeerd over alle paren "
    "(verkennend).",
    "no_interaction": "Geen interactie houdt stand.",
    "interaction_on": "{factors} op {question}",
}
