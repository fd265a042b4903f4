"""New studies and templates, written from scaffolds that pass `check` as written.

`sprintlab new-study` writes a commented study file with a control letter and
one variant letter, in every language; `sprintlab new-template` writes one
template in every language. The scaffolds are the files under scaffolds/,
filled in with string.Template (their `$name`s; Jinja's braces are left
alone). Nothing is ever overwritten: when any file exists, none is written.
"""

from datetime import date
from pathlib import Path
from string import Template

from sprintlab.content.messages import is_template_id
from sprintlab.content.shapes import ID_PATTERN
from sprintlab.content.study_schema import DESIGNS
from sprintlab.languages import LANGUAGES

SCAFFOLDS = Path(__file__).parent / "scaffolds"
# What each design the loader knows looks like in a new study.
_LISTED_TOP = (
    'control = "controle"              # the variant every other one is compared with'
)
_LISTED_LETTERS = (
    "The letters are\n# messages/letter/$slug-controle.*.md and"
    " messages/letter/$slug-variant.*.md."
)
STUDY_DESIGNS = {
    "between": {
        "design_help": "between: each participant sees one of the variants",
        "what_nl": "één brief",
        "what_en": "each participant sees one of two letters",
        "what_en_intro": "one letter",
        "target": 30,
        "top_keys": _LISTED_TOP,
        "arms": "arms-listed.toml",
        "letters_are": _LISTED_LETTERS,
    },
    "within": {
        "design_help": "within: each participant sees every variant, in a balanced"
        " order",
        "what_nl": "twee brieven, één voor één",
        "what_en": "each participant sees both letters, in a balanced order",
        "what_en_intro": "two letters, one at a time",
        "target": 10,
        "top_keys": _LISTED_TOP,
        "arms": "arms-listed.toml",
        "letters_are": _LISTED_LETTERS,
    },
    "factorial": {
        "design_help": "factorial: each participant sees one cell of the factors,"
        " kept balanced",
        "what_nl": "één brief",
        "what_en": "each participant sees one of four letters (tone x\n# reassurance)",
        "what_en_intro": "one letter",
        "target": 30,
        "top_keys": 'template = "letter/$slug-factorieel"  # every cell is composed'
        " from it\n"
        'scenario = { nl = "Stel u voor: u heeft een rekening nog niet betaald.",'
        ' en = "Imagine: you have not paid a bill yet." }',
        "arms": "arms-factorial.toml",
        "letters_are": "The letter is\n# messages/letter/$slug-factorieel.*.md.",
    },
}
SCAFFOLD_DESIGNS = tuple(design for design in DESIGNS if design in STUDY_DESIGNS)
# A template name has at most 64 characters, "-controle" included.
SLUG_LENGTH = 55


class ScaffoldRefused(ValueError):
    """A scaffold that cannot be written; the message says why, on one line."""


def _filled(name, **values):
    return Template((SCAFFOLDS / name).read_text(encoding="utf-8")).substitute(values)


def study_files(study_id, design="between", today=None):
    """{path under the content folder: text} of a new study and its two letters."""
    if not isinstance(study_id, str) or not ID_PATTERN.match(study_id):
        raise ScaffoldRefused(
            f"{study_id!r} is not a study id: use lower-case letters, digits, - or _"
            " (at most 64), e.g. mijn-studie"
        )
    if design not in SCAFFOLD_DESIGNS:
        raise ScaffoldRefused(f"choose a design: {', '.join(SCAFFOLD_DESIGNS)}")
    slug = study_id.replace("_", "-")[:SLUG_LENGTH]
    day = (today or date.today()).isoformat()
    shape = dict(STUDY_DESIGNS[design])
    for key in ("top_keys", "letters_are"):
        shape[key] = Template(shape[key]).substitute(slug=slug)
    shape["arms"] = _filled(shape["arms"], slug=slug)
    study = _filled(
        "study.toml", study_id=study_id, design=design, slug=slug, today=day, **shape
    )
    files = {f"prototypes/{study_id}.toml": study}
    letters = {
        "controle": ("letter", f"Control of {study_id}: a neutral letter"),
        "variant": (
            "letter-variant",
            f"Variant of {study_id}: the control with reassurance",
        ),
    }
    if design == "factorial":
        letters = {
            "factorieel": (
                "letter-factorial",
                f"{study_id}: tone x reassurance, a block per level",
            )
        }
    for suffix, (scaffold, description) in letters.items():
        for language in LANGUAGES:
            files[f"messages/letter/{slug}-{suffix}.{language}.md"] = _filled(
                f"{scaffold}.{language}.md", description=description
            )
    return files


def template_files(template_id):
    """{path under the content folder: text} of a new template, in every language."""
    if not is_template_id(template_id):
        raise ScaffoldRefused(
            f"{template_id!r} is not a template name: use <channel>/<name>, channel"
            " letter, sms, poster or email, name of lower-case letters, digits"
            " and -, e.g. sms/herinnering"
        )
    channel = template_id.split("/")[0]
    description = f"{template_id}: say in one line what this variant changes"
    return {
        f"messages/{template_id}.{language}.md": _filled(
            f"{channel}.{language}.md", description=description
        )
        for language in LANGUAGES
    }


def write_new(root, files):
    """Write FILES ({relative path: text}) under ROOT; the paths written.

    ScaffoldRefused, with nothing written, when any of them exists or ROOT
    is not a folder.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise ScaffoldRefused(f"{root} is a file, not a content folder")
    existing = [name for name in files if (root / name).exists()]
    if existing:
        raise ScaffoldRefused(
            f"{root / existing[0]} already exists: choose another name (nothing"
            " was written)"
        )
    written = []
    try:
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # "x": never replace a file that appeared since we looked.
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
            written.append(path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        why = (
            "already exists"
            if isinstance(error, FileExistsError)
            else (f"cannot be written ({error.strerror})")
        )
        raise ScaffoldRefused(f"{error.filename} {why}: nothing was written") from None
    return written
