"""Accounts for the people who run studies: researchers, designers, observers, admins.

Passwords follow NIST SP 800-63B: at least 12 characters, and not guessable:
zxcvbn (30,000 common passwords, repeats, sequences, keyboard walks, the
account's own name) must rate them at least 3 of 4. They are stored as
werkzeug.security hashes (scrypt); hashes in sprintlab's earlier format are
still accepted and replaced at the next login. Names are compared after NFKC
normalisation and without case, so a full-width "ｓａｎｎｅ" cannot sit beside
"sanne". Participants never have accounts.
"""

import hashlib
import hmac
import re
import unicodedata

from werkzeug.security import check_password_hash, generate_password_hash

from sprintlab import db as store

ROLES = ("researcher", "designer", "observer", "admin")
# What each role may do; admin may do everything. An observer watches a test
# day: notes and the live progress, never ratings, exports or the studio.
PERMISSIONS = {
    "researcher": {"research", "observe"},
    "designer": {"studio"},
    "observer": {"observe"},
    "admin": {"research", "studio", "admin", "observe"},
}
PASSWORD_METHOD = "scrypt:32768:8:1"  # noqa: S105 -- a hash method, not a password
# The hash of a password nobody knows, with PASSWORD_METHOD: checked when a
# name is unknown, so that costs what a wrong password costs (one scrypt).
DUMMY_HASH = (
    "scrypt:32768:8:1$wj5WPehbL46S3ccb$9a40793d5027fcb448216269b5762eb0ec64f4e8fe52"
    "bbc33780a6c81c4f3d38cc99776b616d7b99a95990781dff55940eddf3edcb5d7f802aba207e61"
    "88e7b5"
)
MIN_PASSWORD, MAX_PASSWORD = 12, 256
MIN_STRENGTH = 3  # zxcvbn: "safely unguessable", at least 10^8 guesses
# Words a guesser tries first here (NIST: context-specific words).
CONTEXT_WORDS = ("sprintlab", "wachtwoord", "welkom", "geheim", "gemeente")
NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")


class AccountError(ValueError):
    """An account that cannot be created or changed, with the reason."""


def normalise_name(name):
    """NAME as accounts are known by: NFKC, without surrounding spaces."""
    return unicodedata.normalize("NFKC", name or "").strip()


def hash_password(password):
    """A salted scrypt hash of PASSWORD (werkzeug.security), as one string."""
    return generate_password_hash(password, PASSWORD_METHOD)


def verify_password(stored, password):
    """Whether PASSWORD matches the STORED hash, in either format we wrote."""
    if stored.startswith("scrypt$"):
        return _verify_earlier_hash(stored, password)
    try:
        return check_password_hash(stored, password)
    except (ValueError, TypeError):
        return False


def _verify_earlier_hash(stored, password):
    """Check a hash in the format sprintlab wrote before werkzeug's."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
            p=int(p), dklen=len(digest) // 2,
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def needs_rehash(stored):
    """Whether STORED was made with other parameters than PASSWORD_METHOD."""
    return not stored.startswith(PASSWORD_METHOD + "$")


def password_problem(password, name=""):
    """Why PASSWORD may not be used for account NAME, or None when it may."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        return f"use a password of at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"use a password of at most {MAX_PASSWORD} characters"
    from zxcvbn import zxcvbn  # its word lists take a moment to load

    # zxcvbn's cost grows with length; the first 100 characters tell enough.
    rating = zxcvbn(password[:100], user_inputs=[name, *CONTEXT_WORDS])
    if rating["score"] < MIN_STRENGTH:
        return (
            "that password is too easy to guess (a common password, a repeat, "
            "a sequence or your name); a few unrelated words work well"
        )
    return None


def can(user, permission):
    """Whether USER (an account row) has PERMISSION."""
    return bool(user) and permission in PERMISSIONS.get(user["role"], set())


def add_user(db, name, password, role):
    """Create an account; AccountError on a bad name, role or weak password."""
    name = normalise_name(name)
    if not NAME.fullmatch(name):
        raise AccountError("use a name of letters a-z, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if problem := password_problem(password, name):
        raise AccountError(problem)
    if store.user_by_name(db, name):
        raise AccountError(f"there is already an account called {name}")
    return store.insert_user(db, name, hash_password(password), role, store.now())


def change_password(db, name, password):
    """Give account NAME a new password and end all its sessions."""
    user = store.user_by_name(db, normalise_name(name))
    if user is None:
        raise AccountError(f"there is no account called {normalise_name(name)}")
    if problem := password_problem(password, user["name"]):
        raise AccountError(problem)
    store.set_password_hash(db, user["id"], hash_password(password))
    store.end_sessions(db, user["id"])


def authenticate(db, name, password):
    """The account for NAME when PASSWORD is right, otherwise None.

    An unknown name costs one scrypt, as a wrong password does; a right
    password stored in an older format is re-hashed.
    """
    user = store.user_by_name(db, normalise_name(name))
    if user is None:
        verify_password(DUMMY_HASH, password or "")
        return None
    if not verify_password(user["password_hash"], password or ""):
        return None
    if needs_rehash(user["password_hash"]):
        store.set_password_hash(db, user["id"], hash_password(password))
    return user


# Only for `sprintlab demo` on a local, fictional evidence store.
DEMO_ACCOUNTS = (
    ("onderzoeker", "demo-onderzoek-2026", "researcher"),
    ("ontwerper", "demo-ontwerp-2026", "designer"),
    ("beheerder", "demo-beheer-2026", "admin"),
    ("waarnemer", "demo-waarneming-2026", "observer"),
)


def ensure_demo_accounts(db):
    """Create the demo accounts that do not exist yet; return all of them."""
    for name, password, role in DEMO_ACCOUNTS:
        user = store.user_by_name(db, name)
        if user is None:
            add_user(db, name, password, role)
        elif not verify_password(user["password_hash"], password):
            # A demo store from before the password policy: the printed
            # passwords must work.
            change_password(db, name, password)
    return DEMO_ACCOUNTS
