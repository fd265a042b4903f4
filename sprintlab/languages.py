"""The languages participants and designers can use."""

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def pick_language(requested):
    """REQUESTED when it is a supported language, otherwise the default."""
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE
