"""The shipped studies with a setting changed, in a content folder of their own."""

from pathlib import Path

from tests.conftest import ROOT


def content_with(folder, study_id, **settings):
    """A content folder in FOLDER: the shipped messages, and STUDY_ID with SETTINGS.

    Each setting (layout, opening, municipality) replaces the study's own or
    is added beside its other top-level keys; organisation=None removes the
    study's [organisation] table.
    """
    folder = Path(folder)
    (folder / "prototypes").mkdir(parents=True, exist_ok=True)
    if not (folder / "messages").exists():
        (folder / "messages").symlink_to(ROOT / "messages")
    text = (ROOT / "prototypes" / f"{study_id}.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    if settings.pop("organisation", True) is None:
        lines = _without_table(lines, "organisation")
    for key, value in settings.items():
        lines = [line for line in lines if not line.startswith(f"{key} =")]
        at = next(n for n, line in enumerate(lines) if line.startswith("version ="))
        lines.insert(at + 1, f'{key} = "{value}"')
    path = folder / "prototypes" / f"{study_id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _without_table(lines, table):
    kept, skipping = [], False
    for line in lines:
        if line.startswith("["):
            skipping = line.strip("[] ").split(".")[0] == table
        if not skipping:
            kept.append(line)
    return kept
