"""Content addressing: the hash that names every template and study version."""

import hashlib


def content_hash(text):
    """The SHA-256 hex digest that addresses a piece of content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
