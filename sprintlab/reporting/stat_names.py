"""The names of tests and effect sizes in a report's language.

The statistics name their tests and estimates in English (`stats` knows no
languages); a report in Dutch says them in Dutch. Proper names that Dutch
statisticians use as they are (Kruskal-Wallis H, Cliff's delta, Pearson
chi2) are not listed and stay as they are.
"""

DUTCH = {
    # Tests
    "Welch contrast of the cell means (HC2 errors, Satterthwaite df)": (
        "Welch-contrast van de celgemiddelden (HC2-fouten, df volgens Satterthwaite)"
    ),
    "Welch t (mean difference)": "Welch t (verschil in gemiddelde)",
    "don't know by variant": "'weet ik niet' per variant",
    "exact conditional (doubled one-sided)": "exact conditioneel (tweemaal eenzijdig)",
    "likelihood ratio (proportional odds, variant x segment)": (
        "likelihood-ratio (proportionele odds, variant x groep)"
    ),
    "paired t (mean paired difference)": "gepaarde t (gemiddeld verschil per paar)",
    "permutation (mean difference, all splits)": "permutatie (verschil in "
    "gemiddelde, alle verdelingen)",
    "studentized permutation (Welch t, all splits)": "gestudentiseerde permutatie "
    "(Welch t, alle verdelingen)",
    "differential attrition": "verschil in uitval",
    "order balance": "volgorde-balans",
    "sample ratio mismatch": "afwijkende verdeling",
    "Wilcoxon signed-rank": "Wilcoxon-rangtekentoets",
    "Fisher exact": "exacte toets van Fisher",
    "McNemar exact": "exacte toets van McNemar",
    "sign test": "tekentoets",
    # Effect sizes and estimates
    "epsilon squared": "epsilon-kwadraat",
    "matched rank-biserial": "gepaarde rang-biseriële correlatie",
    "odds ratio (conditional MLE)": "odds ratio (conditionele MLE)",
    "mean difference": "verschil in gemiddelde",
    "mean difference (paired)": "verschil in gemiddelde (gepaard)",
    "risk difference": "verschil in aandeel",
    "Hodges-Lehmann shift": "Hodges-Lehmann-verschuiving",
    "Hodges-Lehmann shift (paired)": "Hodges-Lehmann-verschuiving (gepaard)",
}
NAMES = {"en": {name: name for name in DUTCH}, "nl": DUTCH}


def stat_name(name, language="en"):
    """NAME (a test's or an estimate's, as stats gives it) in LANGUAGE."""
    return NAMES[language].get(name, name)
