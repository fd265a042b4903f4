"""The words of the latent segments (`sprintlab segment`, the dashboard's Segments).

In English and plain Dutch. The English rules and method are the ones the
segment JSON carries; each page says them in its own language.
"""

WORDS = {
    "en": {
        "segments": "Segments",
        "page_title": "segments",
        "page_heading": "{title}: segments",
        "page_meta": "{id} · version {version} · definition {hash} · seed {seed}",
        "found": "{k} segments ({chosen}) among {classified} of {completed} "
        "completed respondents; stability {stability} (1 = the same segments in "
        "every bootstrap refit).",
        "chosen_BIC": "BIC",
        "chosen_given": "given",
        "chosen_saved model": "saved model",
        "k_rule": "lowest BIC among k = 2 to 8 whose smallest segment holds at "
        "least {share} of the respondents",
        "method": "latent class model for categorical indicators (StepMix: "
        "maximum likelihood by EM, {starts} random starts, missing answers left "
        "out); k by BIC",
        "candidates": "Candidate numbers of segments",
        "candidates_caption": "Candidate numbers of segments (lower BIC fits "
        "better for its size)",
        "log_likelihood": "Log-likelihood",
        "parameters": "Parameters",
        "smallest": "Smallest segment",
        "chosen": "Chosen",
        "yes": "yes",
        "best_rule_line": "Best message per segment: {rule}.",
        "best_rule": "the variant with the highest probability of being the most "
        "helpful ({outcome}) among those not more intrusive than the control by "
        "{margin} or more ({intrusive}); named only when that probability is at "
        "least {threshold}, else null",
        "no_rule": "none: the study asks no intrusiveness question",
        "table": "The segments and their best messages",
        "table_caption": "The segments and the best message for each",
        "segment": "Segment",
        "people": "People",
        "profile": "Profile",
        "stability": "Stability",
        "best_message": "Best message",
        "p_best": "P(best) = {p}",
        "none_best": "none is clearly best",
        "most_likely": "; most likely {label} (P = {p})",
        "differs": "Segment {id}: how it differs from everyone",
        "against": "Segment {id} against everyone",
        "against_caption": "Segment {id} against everyone (position 0 = the first "
        "answer, 1 = the last; d in standard deviations)",
        "question": "Question",
        "everyone": "Everyone",
        "difference": "Difference",
        "leans_first": " (leans to the first answer)",
        "leans_last": " (leans to the last answer)",
        "text_heading": "Segments of {id}: {k} ({chosen})",
        "text_classified": "{classified} of {completed} completed respondents "
        "classified; stability {stability} ({method})",
        "text_best_rule": "Best variant per segment: {rule}",
        "text_candidates": "   k   log L        parameters   BIC          smallest",
        "text_chosen": "  <- chosen",
        "text_segment": "Segment {id}: {size} people ({share}), stability "
        "{stability}: {words}",
        "text_best": "best message: {best}",
        "text_named": "{label} (P(best) = {p})",
        "text_none": "none ({why})",
        "text_candidate": "none is clearly best; most likely {label} (P(best) = "
        "{p}, needs {threshold})",
        "text_row": "{question}: {segment} against {overall} for everyone (d = {d})",
        "cannot_classify": "The saved segment model cannot classify this study's "
        "respondents: {error}",
        "saved_intro": "Latent segments of the respondents, from their answers "
        "to the segment questions, with the best message for each. The model was "
        "fitted with {command}; everyone is classified with it, also people who "
        "took part after it was saved. Segments and their best messages are "
        "exploratory.",
        "none_saved": "No segment model saved yet. Fit one with {command} (a "
        "latent class model of the segment questions, the number of segments by "
        "BIC); this section then shows each segment's profile and the best "
        "message for it, for everyone who takes part.",
    },
    "nl": {
        "segments": "Segmenten",
        "page_title": "segmenten",
        "page_heading": "{title}: segmenten",
        "page_meta": "{id} · versie {version} · definitie {hash} · seed {seed}",
        "found": "{k} segmenten ({chosen}) onder {classified} van de {completed} "
        "mensen die de studie afmaakten; stabiliteit {stability} (1 = dezelfde "
        "segmenten bij elke bootstrap-herhaling).",
        "chosen_BIC": "BIC",
        "chosen_given": "opgegeven",
        "chosen_saved model": "opgeslagen model",
        "k_rule": "de laagste BIC voor k = 2 tot 8 waarbij het kleinste segment "
        "minstens {share} van de mensen heeft",
        "method": "latente-klassenmodel voor categorische vragen (StepMix: "
        "maximale likelihood met EM, {starts} willekeurige starts, ontbrekende "
        "antwoorden weggelaten); k volgens BIC",
        "candidates": "Mogelijke aantallen segmenten",
        "candidates_caption": "Mogelijke aantallen segmenten (een lagere BIC past "
        "beter bij het aantal)",
        "log_likelihood": "Log-likelihood",
        "parameters": "Aantal parameters",
        "smallest": "Kleinste segment",
        "chosen": "Gekozen",
        "yes": "ja",
        "best_rule_line": "Beste bericht per segment: {rule}.",
        "best_rule": "de variant met de grootste kans om het nuttigst te zijn "
        "({outcome}), van de varianten die niet {margin} of meer opdringeriger "
        "zijn dan de controle ({intrusive}); alleen genoemd als die kans "
        "minstens {threshold} is, anders niet",
        "no_rule": "geen: de studie vraagt niet naar opdringerigheid",
        "table": "De segmenten en hun beste berichten",
        "table_caption": "De segmenten en het beste bericht voor elk",
        "segment": "Segment",
        "people": "Mensen",
        "profile": "Profiel",
        "stability": "Stabiliteit",
        "best_message": "Beste bericht",
        "p_best": "P(beste) = {p}",
        "none_best": "geen bericht is duidelijk het beste",
        "most_likely": "; waarschijnlijk {label} (P = {p})",
        "differs": "Segment {id}: hoe het verschilt van iedereen",
        "against": "Segment {id} tegen iedereen",
        "against_caption": "Segment {id} tegen iedereen (plaats 0 = het eerste "
        "antwoord, 1 = het laatste; d in standaarddeviaties)",
        "question": "Vraag",
        "everyone": "Iedereen",
        "difference": "Verschil",
        "leans_first": " (neigt naar het eerste antwoord)",
        "leans_last": " (neigt naar het laatste antwoord)",
        "text_heading": "Segmenten van {id}: {k} ({chosen})",
        "text_classified": "{classified} van de {completed} mensen die de studie "
        "afmaakten ingedeeld; stabiliteit {stability} ({method})",
        "text_best_rule": "Beste variant per segment: {rule}",
        "text_candidates": "   k   log L        parameters   BIC          kleinste",
        "text_chosen": "  <- gekozen",
        "text_segment": "Segment {id}: {size} mensen ({share}), stabiliteit "
        "{stability}: {words}",
        "text_best": "beste bericht: {best}",
        "text_named": "{label} (P(beste) = {p})",
        "text_none": "geen ({why})",
        "text_candidate": "geen bericht is duidelijk het beste; waarschijnlijk "
        "{label} (P(beste) = {p}, nodig {threshold})",
        "text_row": "{question}: {segment} tegen {overall} voor iedereen (d = {d})",
        "cannot_classify": "Het opgeslagen segmentmodel kan de deelnemers van "
        "deze studie niet indelen: {error}",
        "saved_intro": "Latente segmenten van de deelnemers, uit hun antwoorden "
        "op de vragen over henzelf, met het beste bericht voor elk segment. Het "
        "model is gemaakt met {command}; iedereen wordt ermee ingedeeld, ook wie "
        "meedeed nadat het was opgeslagen. Segmenten en hun beste berichten zijn "
        "verkennend.",
        "none_saved": "Nog geen segmentmodel opgeslagen. Maak er een met "
        "{command} (een latente-klassenmodel van de vragen over de deelnemers, "
        "het aantal segmenten volgens BIC); dan toont dit deel het profiel van "
        "elk segment en het beste bericht ervoor, voor iedereen die meedoet.",
    },
}
