"""The tables of a study file, declared once (see schema.py).

docs/studies.md describes each of them key by key; tests/test_study_docs.py
holds the two together.
"""

from sprintlab.content.messages import TEMPLATE_ID_PATTERN
from sprintlab.content.outcomes import (  # noqa: F401 - DEFAULT_MARGINS re-exported
    DEFAULT_MARGINS,
    LARGEST_DIFFERENCE,
    UNITS,
)
from sprintlab.content.schema import Key, Nested, Table, Tables
from sprintlab.content.shapes import (
    Below,
    Flag,
    Identifier,
    LabelPairs,
    Localized,
    OneOf,
    Pattern,
    Text,
    Whole,
)
from sprintlab.content.study_settings import (
    EMAIL,
    LAYOUTS,
    MAX_MUNICIPALITY,
    OPENINGS,
    PHONE,
)
from sprintlab.languages import LANGUAGES

DESIGNS = ("between", "within", "factorial")
# Designs that list their variants; a factorial study makes them from its factors.
LISTED = ("between", "within")
MAX_FACTORS = 4  # 16 cells: beyond that few studies fill every cell
NO_ANSWERS = ("dont_know", "prefer_not")
QUESTION_TYPES = ("likert7", "yes_no", "choice", "text", "data_use")
SEGMENT_TYPES = ("likert7", "yes_no", "choice", "rank")
RATED_TYPES = ("likert7", "yes_no")
# Segment questions with answers in categories: the ones tested per segment
# and read as indicators of latent segments (a rank question is neither).
CATEGORICAL_SEGMENT_TYPES = ("likert7", "yes_no", "choice")
MAX_RANKED = 10  # options of a rank question: more cannot be ordered on a phone
# The smallest difference that matters, when a question declares none (see
# docs/studies.md, `margin`), and the largest a scale allows: content/outcomes.py.
MARGIN_UNITS = UNITS


def _in_every_language(words, examples):
    return tuple(
        Key(language, Text(words), f'{language} = "{examples[language]}"', True)
        for language in LANGUAGES
    )


OPTION = Table(
    "option",
    (
        Key("id", Identifier(), 'id = "veel"', required=True),
        *_in_every_language("text in quotes", {"nl": "Veel", "en": "A lot"}),
    ),
    written='{ id = "veel", nl = "Veel", en = "A lot" }',
)

_ID = Key("id", Identifier(), 'id = "nuttig"', required=True)
_TEXT = Key("text", Localized(), 'text = { nl = "…", en = "…" }', required=True)
_REQUIRED = Key(
    "required",
    Flag(),
    "required = false",
    default=True,
    kind_defaults={"text": False},
    assumed="true (text: false)",
)
_OPTIONS = Key(
    "options",
    Tables(OPTION, 2, "a choice question needs at least 2 options"),
    'options = [{ id = "ja", nl = "Ja", en = "Yes" }, …]',
    required=True,
    default=(),
    uses=("choice",),
)
_RANKED = Key(
    "options",
    Tables(
        OPTION,
        2,
        "a choice or rank question needs at least 2 options",
        maximum={"rank": MAX_RANKED},
    ),
    'options = [{ id = "brief", nl = "Een brief", en = "A letter" }, …]',
    required=True,
    default=(),
    uses=("choice", "rank"),
)
_PROFILE = Key(
    "profile",
    LabelPairs("for the first and the last answer"),
    'profile = { nl = ["weinig vertrouwen", "veel vertrouwen"],'
    ' en = ["little trust", "much trust"] }',
    uses=CATEGORICAL_SEGMENT_TYPES,
    assumed="the answers' own labels",
)
_TESTED = Key(
    "tested",
    Flag(),
    "tested = false",
    default=True,
    uses=CATEGORICAL_SEGMENT_TYPES,
    assumed="true",
)
_ORDERED = Key(
    "ordered",
    Flag(),
    "ordered = true",
    default=False,
    uses=("choice",),
    assumed="false",
)
_ANCHORS = Key(
    "anchors",
    LabelPairs(),
    'anchors = { nl = ["Helemaal niet", "Heel erg"], en = ["Not at all", "Very"] }',
    uses=("likert7",),
    assumed="the agree scale (Helemaal mee oneens … Helemaal mee eens)",
)

QUESTION = Table(
    "question",
    (
        _ID,
        Key("type", OneOf(QUESTION_TYPES), 'type = "likert7"', required=True),
        _TEXT,
        Key(
            "better",
            OneOf(("higher", "lower")),
            'better = "higher"',
            uses=RATED_TYPES,
            assumed='"higher"',
            noted=True,
        ),
        _REQUIRED,
        _OPTIONS,
        _ORDERED,
        _ANCHORS,
        Key(
            "margin",
            Below(LARGEST_DIFFERENCE, MARGIN_UNITS),
            "margin = 0.5",
            uses=RATED_TYPES,
            assumed="0.5 (likert7) or 0.1 (yes_no)",
        ),
    ),
    written="[[questions]] with id, type and text",
    kind_key="type",
    kinds=QUESTION_TYPES,
    noun="{a} {kind} question",
)

SEGMENT = Table(
    "segment question",
    (
        Key("id", Identifier(), 'id = "vertrouwen"', required=True),
        Key("type", OneOf(SEGMENT_TYPES), 'type = "choice"', required=True),
        _TEXT,
        Key("required", Flag(), "required = false", default=True, assumed="true"),
        _RANKED,
        _ORDERED,
        _ANCHORS,
        _PROFILE,
        _TESTED,
        Key(
            "no_answer",
            OneOf(NO_ANSWERS),
            'no_answer = "prefer_not"',
            default=NO_ANSWERS[0],
            assumed='"dont_know"',
        ),
    ),
    written="[[segments]] with id, type and text",
    kind_key="type",
    kinds=SEGMENT_TYPES,
    noun="{a} {kind} segment question",
)

_TEMPLATE_NAME = Pattern(
    "template name",
    TEMPLATE_ID_PATTERN.pattern,
    "a template name in quotes, as '<channel>/<name>', e.g. 'letter/controle'",
)

VARIANT = Table(
    "variant",
    (
        Key("id", Identifier(), 'id = "controle"', required=True),
        Key(
            "template",
            _TEMPLATE_NAME,
            'template = "letter/controle"',
            required=True,
        ),
        Key("label", Localized(), 'label = { nl = "…", en = "…" }', required=True),
        Key(
            "scenario",
            Localized(),
            'scenario = { nl = "Stel u voor: …", en = "Imagine: …" }',
            assumed="no scenario",
        ),
        Key(
            "factor",
            Identifier(),
            'factor = "tone"',
            assumed="none declared (the control changes none)",
        ),
        Key("level", Identifier(), 'level = "warm"', assumed="the variant's id"),
    ),
    written="[[variants]] with id, template and label",
)

FACTOR = Table(
    "factor",
    (
        Key("id", Identifier(), 'id = "toon"', required=True),
        Key(
            "label", Localized(), 'label = { nl = "Toon", en = "Tone" }', required=True
        ),
        Key(
            "levels",
            Tables(OPTION, 2, "a factor needs two levels"),
            'levels = [{ id = "formeel", nl = "Formeel", en = "Formal" }, …]',
            required=True,
            default=(),
        ),
    ),
    written="[[factors]] with id, label and levels (two: the reference first)",
)

CONSENT = Table(
    "consent",
    (
        Key(
            "version",
            Text('a version string in quotes, e.g. version = "2026-11-28"'),
            'version = "2026-11-28"',
            required=True,
        ),
        *_in_every_language(
            "text in quotes",
            {"nl": "Uw antwoorden zijn anoniem. …", "en": "Your answers … ."},
        ),
    ),
    written="[consent] with version, nl and en",
)

ORGANISATION = Table(
    "organisation",
    (
        Key(
            "name",
            Localized(),
            'name = { nl = "Lectoraat …", en = "Research group …" }',
            required=True,
        ),
        Key(
            "email",
            Pattern(
                "e-mail address",
                EMAIL.pattern,
                'an e-mail address in quotes, e.g. "onderzoek@example.nl"',
            ),
            'email = "onderzoek@example.nl"',
            required=True,
        ),
        Key(
            "phone",
            Pattern(
                "phone number",
                PHONE.pattern,
                'a phone number in quotes, e.g. "030 123 4567"',
            ),
            'phone = "030 123 4567"',
            assumed="no phone number on the consent page",
        ),
        Key(
            "privacy",
            Localized(),
            'privacy = { nl = "Lees onze privacyverklaring op …", en = "…" }',
            required=True,
        ),
        Key(
            "retention",
            Localized(),
            'retention = { nl = "tot 1 januari 2028", en = "until 1 January 2028" }',
            required=True,
        ),
    ),
    written="[organisation] with name, email, privacy and retention (who is asking,"
    " named on the consent page)",
)

STUDY = Table(
    "study",
    (
        Key("id", Identifier(), 'id = "mijn-studie"', required=True),
        Key("version", Whole(1), "version = 1", default=1, assumed="1", noted=True),
        Key("design", OneOf(DESIGNS), 'design = "between"', required=True),
        Key("minutes", Whole(1), "minutes = 5", default=5, assumed="5", noted=True),
        Key(
            "control",
            Identifier(),
            'control = "controle"',
            required=True,
            uses=LISTED,
        ),
        Key(
            "primary_outcome", Identifier(), 'primary_outcome = "nuttig"', required=True
        ),
        Key(
            "target_per_variant",
            Whole(1),
            "target_per_variant = 20",
            default=20,
            assumed="20",
            noted=True,
        ),
        Key(
            "intrusiveness_outcome",
            Identifier(),
            'intrusiveness_outcome = "opdringerig"',
            assumed="the first rating question where lower is better",
        ),
        Key(
            "margins_required",
            Flag(),
            "margins_required = true",
            default=False,
            assumed="false",
        ),
        Key(
            "municipality",
            Pattern(
                "text",
                rf"^(?=.*\S).{{1,{MAX_MUNICIPALITY}}}$",
                f"the municipality's name in quotes, at most {MAX_MUNICIPALITY}"
                ' characters, e.g. "Zwolle"',
            ),
            'municipality = "Zwolle"',
            assumed="a plausible municipality drawn per participant",
        ),
        Key(
            "layout",
            OneOf(LAYOUTS),
            'layout = "auto"',
            default="grouped",
            assumed='"grouped"',
        ),
        Key(
            "opening",
            OneOf(OPENINGS),
            'opening = "staged"',
            default="open",
            assumed='"open"',
        ),
        Key("title", Localized(), 'title = { nl = "…", en = "…" }', required=True),
        Key("intro", Localized(), '[intro] with nl = "…" and en = "…"', required=True),
        Key("consent", Nested(CONSENT), CONSENT.written, required=True),
        Key("organisation", Nested(ORGANISATION), ORGANISATION.written, required=True),
        Key(
            "variants",
            Tables(VARIANT, 2, "a study needs at least 2 variants"),
            VARIANT.written,
            required=True,
            default=(),
            uses=LISTED,
        ),
        Key(
            "template",
            _TEMPLATE_NAME,
            'template = "letter/voorbeeld-factorieel"',
            required=True,
            uses=("factorial",),
        ),
        Key(
            "scenario",
            Localized(),
            'scenario = { nl = "Stel u voor: …", en = "Imagine: …" }',
            assumed="no scenario",
            uses=("factorial",),
        ),
        Key(
            "factors",
            Tables(FACTOR, 2, "a factorial study needs at least 2 factors"),
            FACTOR.written,
            required=True,
            default=(),
            uses=("factorial",),
        ),
        Key(
            "questions",
            Tables(QUESTION, 1, "ask at least one rating question per variant"),
            QUESTION.written,
            required=True,
            default=(),
        ),
        Key(
            "segments",
            Tables(SEGMENT, 0, ""),
            SEGMENT.written,
            default=(),
            assumed="no segment questions",
        ),
    ),
    written="a study file",
    kind_key="design",
    kinds=DESIGNS,
    default_kind="between",
)

#: Every table of a study file, as docs/studies.md names them.
STUDY_TABLES = (
    STUDY, CONSENT, ORGANISATION, VARIANT, FACTOR, QUESTION, SEGMENT, OPTION
)  # fmt: skip
