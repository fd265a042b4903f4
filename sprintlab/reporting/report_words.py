"""The fixed words of the text report, in English and plain Dutch."""

WORDS = {
    "en": {
        "design": "{design} subjects",
        "participants": "participants: {n}, completed: {completed}",
        "speeders": " (speeders excluded)",
        "sample_ratio": "sample ratio check (did each variant get its share?)",
        "order_balance": (
            "order balance (were the counterbalanced orders used equally?)"
        ),
        "attrition": "attrition check (did people stop more often at one variant?)",
        "ok": "ok",
        "mismatch": "MISMATCH: check the assignment before reading the results",
        "summary": "Summary (ranked by the verdicts below)",
        "verdicts": "Verdicts",
        "family": (
            "One family of {m} claims: {k} variant(s) against the control on "
            "helpfulness ({helpful}){intrusive}. Each claim rests on its own "
            "interval at {level}, so the chance that any claim is wrong is at "
            "most {alpha:.0%}. Every other question is exploratory."
        ),
        "and_intrusive": " and intrusiveness ({intrusive})",
        "no_intrusive": "; the study asks no intrusiveness question",
        "claim": "{role}: {name} {estimate} [{low}, {high}] at {level}; p {p}, "
        "adjusted p {p_adj}; margin {margin}; not-worse p {p_ni}, "
        "equivalence p {p_eq}",
        "no_test": "{role}: no test ({why})",
        "planned": "planned {planned} per variant; now {now}",
        "live_hint": (
            "To look as data arrive, read the always-valid intervals on the "
            "dashboard, not these tests: they stay valid however often you look."
        ),
        "role_helpfulness": "helpfulness, a verdict outcome",
        "role_intrusiveness": "intrusiveness, a verdict outcome",
        "role_exploratory": "exploratory",
        "not_planned": "added after the pre-registration: exploratory",
        "type_likert7": "7-point scale",
        "type_yes_no": "yes/no",
        "type_choice": "choice",
        "better": "{better} is better",
        "variant_line": "{label}: n = {n}, mean {mean}{ci}, median {median}, "
        "SD {sd}, don't know {dk}",
        "choice_line": "{label}: {answers}",
        "dont_know": "don't know per variant (in the order above): {rates}; "
        "{test} p {p}",
        "dont_know_differ": (
            "DON'T-KNOW FLAG: the rates differ, so the comparisons below rest "
            "on different shares of the participants"
        ),
        "omnibus": "{test}: {statistic}, p {p}, {effect_name} = {effect}",
        "association": "{test}: p {p}, Cramér's V = {v}",
        "comparison": "{label} vs the control: mean difference {md} [{md_low}, "
        "{md_high}]; {effect_name} {effect} [{low}, {high}]; p {p}, Holm p "
        "{p_adj}; P(better) = {pb}",
        "sensitivity": " (prior strength {a:g}: {pa}; {b:g}: {pb})",
        "out_of_reach": (
            "significance is out of reach: with {sizes} the smallest possible p "
            "is {min_p}; read the effects and P(better)"
        ),
        "pairs": "{n} pairs",
        "answers": "{nc} + {nv} answers",
        "not_yet": "not checked yet (fewer participants than orders)",
        "achieved": "these answers allow at most {level} confidence",
        "dk_flag": "don't-know rates differ on this question",
        "within": "Within-subject checks",
        "period": "period effect on {question}: {test} p {p}; mean by position {means}",
        "first": "first message only, {question}:",
        "first_line": "{label}: mean difference {md} [{low}, {high}], p {p} "
        "(n = {nc} + {nv}); all messages: {all_md}",
        "segments": "For whom? (segments)",
        "no_findings": (
            "No segment finding: per-group effects are exploratory (see the "
            "JSON report or the dashboard)."
        ),
        "finding": "FINDING: {variant} on {outcome} works differently across "
        "'{segment}' (BH p {p}):",
        "group": "{group}: mean difference {md} [{low}, {high}] (n = {nc} + {nv})",
        "legend": "Legend",
        "terms": (
            ("control", "the message every variant is compared with"),
            ("better / worse", "the whole interval lies above / below no difference"),
            ("not worse", "the interval rules out a loss as large as the margin"),
            ("equivalent", "the interval lies within plus and minus the margin"),
            ("unclear", "none of these: the data cannot tell yet"),
            ("margin", "the smallest difference that matters, set per question"),
            ("interval", "the range of differences the data agree with; [low, high]"),
            (
                "p / adjusted p",
                "how surprising the data would be without a "
                "difference; adjusted for the number of claims",
            ),
            (
                "P(better)",
                "the probability that the variant is better, "
                "given the data and a stated prior",
            ),
            ("exploratory", "a lead to follow up, not a claim"),
            (
                "planned n",
                "the people per variant the margin needs for an 80% chance of a claim",
            ),
        ),
    },
    "nl": {
        "design": "{design}",
        "participants": "deelnemers: {n}, afgerond: {completed}",
        "speeders": " (snelle invullers weggelaten)",
        "sample_ratio": "verdeling (kreeg elke variant zijn deel?)",
        "order_balance": "volgorde-balans (kwam elke volgorde even vaak voor?)",
        "attrition": "uitval (stopten mensen vaker bij één variant?)",
        "ok": "in orde",
        "mismatch": "AFWIJKING: controleer de toewijzing voordat u de uitkomsten leest",
        "summary": "Samenvatting (op volgorde van de oordelen hieronder)",
        "verdicts": "Oordelen",
        "family": (
            "Eén familie van {m} uitspraken: {k} variant(en) tegenover de "
            "controle op nut ({helpful}){intrusive}. Elke uitspraak rust op een "
            "eigen interval van {level}, zodat de kans dat één van de uitspraken "
            "fout is hooguit {alpha:.0%} is. Alle andere vragen zijn verkennend."
        ),
        "and_intrusive": " en opdringerigheid ({intrusive})",
        "no_intrusive": "; de studie vraagt niet naar opdringerigheid",
        "claim": "{role}: {name} {estimate} [{low}, {high}] bij {level}; p {p}, "
        "gecorrigeerde p {p_adj}; marge {margin}; niet-slechter p {p_ni}, "
        "gelijkwaardig p {p_eq}",
        "no_test": "{role}: geen toets ({why})",
        "planned": "gepland {planned} per variant; nu {now}",
        "live_hint": (
            "Wilt u kijken terwijl de antwoorden binnenkomen? Lees dan de "
            "altijd-geldige intervallen op het dashboard, niet deze toetsen."
        ),
        "role_helpfulness": "nut, een uitkomst van het oordeel",
        "role_intrusiveness": "opdringerigheid, een uitkomst van het oordeel",
        "role_exploratory": "verkennend",
        "not_planned": "toegevoegd na de registratie vooraf: verkennend",
        "type_likert7": "7-puntsschaal",
        "type_yes_no": "ja/nee",
        "type_choice": "keuze",
        "better": "{better} is beter",
        "variant_line": "{label}: n = {n}, gemiddelde {mean}{ci}, mediaan {median}, "
        "SD {sd}, weet ik niet {dk}",
        "choice_line": "{label}: {answers}",
        "dont_know": "'weet ik niet' per variant (in dezelfde volgorde): {rates}; "
        "{test} p {p}",
        "dont_know_differ": (
            "LET OP: het aandeel 'weet ik niet' verschilt, dus de vergelijkingen "
            "hieronder rusten op verschillende delen van de deelnemers"
        ),
        "omnibus": "{test}: {statistic}, p {p}, {effect_name} = {effect}",
        "association": "{test}: p {p}, Cramérs V = {v}",
        "comparison": "{label} tegenover de controle: verschil in gemiddelde {md} "
        "[{md_low}, {md_high}]; {effect_name} {effect} [{low}, {high}]; p {p}, "
        "Holm p {p_adj}; P(beter) = {pb}",
        "sensitivity": " (priorsterkte {a:g}: {pa}; {b:g}: {pb})",
        "out_of_reach": (
            "significantie is niet haalbaar: met {sizes} is de kleinst mogelijke "
            "p {min_p}; lees de effecten en P(beter)"
        ),
        "pairs": "{n} paren",
        "answers": "{nc} + {nv} antwoorden",
        "not_yet": "nog niet te toetsen (minder deelnemers dan volgordes)",
        "achieved": "deze antwoorden laten hooguit {level} betrouwbaarheid toe",
        "dk_flag": "het aandeel 'weet ik niet' verschilt bij deze vraag",
        "within": "Controles binnen personen",
        "period": "volgorde-effect op {question}: {test} p {p}; gemiddelde per "
        "positie {means}",
        "first": "alleen het eerste bericht, {question}:",
        "first_line": "{label}: verschil in gemiddelde {md} [{low}, {high}], p {p} "
        "(n = {nc} + {nv}); alle berichten: {all_md}",
        "segments": "Voor wie? (groepen)",
        "no_findings": (
            "Geen groepsbevinding: effecten per groep zijn verkennend (zie het "
            "JSON-rapport of het dashboard)."
        ),
        "finding": "BEVINDING: {variant} werkt op {outcome} anders per groep van "
        "'{segment}' (BH p {p}):",
        "group": "{group}: verschil in gemiddelde {md} [{low}, {high}] "
        "(n = {nc} + {nv})",
        "legend": "Uitleg",
        "terms": (
            ("controle", "het bericht waarmee elke variant wordt vergeleken"),
            ("beter / slechter", "het hele interval ligt boven / onder geen verschil"),
            (
                "niet slechter",
                "het interval sluit een verlies zo groot als de marge uit",
            ),
            ("gelijkwaardig", "het interval ligt binnen plus en min de marge"),
            ("onduidelijk", "geen van deze: de gegevens kunnen het nog niet zeggen"),
            ("marge", "het kleinste verschil dat ertoe doet, per vraag gekozen"),
            ("interval", "de verschillen die bij de gegevens passen; [laag, hoog]"),
            (
                "p / gecorrigeerde p",
                "hoe verrassend de gegevens zouden zijn "
                "zonder verschil; gecorrigeerd voor het aantal uitspraken",
            ),
            (
                "P(beter)",
                "de kans dat de variant beter is, gegeven de gegevens "
                "en een vooraf gekozen aanname",
            ),
            ("verkennend", "een aanwijzing om verder te onderzoeken, geen uitspraak"),
            (
                "geplande n",
                "het aantal mensen per variant dat de marge nodig "
                "heeft voor 80% kans op een uitspraak",
            ),
        ),
    },
}
