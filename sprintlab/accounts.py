"""Accounts for the people who run studies: researchers, designers, admins.

Passwords are stored as scrypt hashes (memory-hard, in the standard library),
compared in constant time. Participants never have accounts.
"""

import hashlib
import hmac
import secrets

from sprintlab import db as store

ROLES = ("researcher", "designer", "admin")
# What each role may do; admin may do everything.
PERMISSIONS = {
    "researcher": {"research"},
    "designer": {"studio"},
    "admin": {"research", "studio", "admin"},
}
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 10


class AccountError(ValueError):
    """An account that cannot be created or changed, with the reason."""


def hash_password(password, salt=None):
    """A salted scrypt hash of PASSWORD, with its parameters, as one string."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    params = f"{SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}"
    return f"scrypt${params}${salt.hex()}${digest.hex()}"


def verify_password(stored, password):
    """Whether PASSWORD matches the STORED hash (constant-time comparison)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
            p=int(p), dklen=len(digest) // 2,
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def can(user, permission):
    """Whether USER (an account row) has PERMISSION."""
    return bool(user) and permission in PERMISSIONS.get(user["role"], set())


def add_user(db, name, password, role):
    """Create an account; AccountError on a bad name, role or weak password."""
    name = (name or "").strip()
    if (
        not name
        or len(name) > 64
        or not name.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise AccountError("use a name of letters, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"use a password of at least {MIN_PASSWORD} characters")
    if store.user_by_name(db, name):
        raise AccountError(f"there is already an account called {name}")
    return store.insert_user(db, name, hash_password(password), role, store.now())


def authenticate(db, name, password):
    """The account for NAME when PASSWORD is right, otherwise None."""
    user = store.user_by_name(db, (name or "").strip())
    if user is None:
        # Hash anyway, so a wrong name takes as long as a wrong password.
        verify_password(hash_password("x" * MIN_PASSWORD), password or "")
        return None
    return user if verify_password(user["password_hash"], password or "") else None


# Only for `sprintlab demo` on a local, fictional evidence store.
DEMO_ACCOUNTS = (
    ("onderzoeker", "demo-onderzoek", "researcher"),
    ("ontwerper", "demo-ontwerp", "designer"),
    ("beheerder", "demo-beheer", "admin"),
)


def ensure_demo_accounts(db):
    """Create the demo accounts that do not exist yet; return all of them."""
    for name, password, role in DEMO_ACCOUNTS:
        if store.user_by_name(db, name) is None:
            add_user(db, name, password, role)
    return DEMO_ACCOUNTS
