import pytest

from sprintlab.accounts import (
    AccountError,
    add_user,
    authenticate,
    can,
    hash_password,
    verify_password,
)


def test_password_hash_round_trip_and_salting():
    first, second = (
        hash_password("geheim-wachtwoord"),
        hash_password("geheim-wachtwoord"),
    )
    assert first != second and first.startswith("scrypt:")
    assert verify_password(first, "geheim-wachtwoord")
    assert not verify_password(first, "geheim-wachtwoorD")
    assert not verify_password("garbage", "x") and not verify_password("a$b", "x")


def test_add_and_authenticate(database):
    add_user(database, "Sanne", "lang-genoeg-1", "researcher")
    user = authenticate(database, "sanne", "lang-genoeg-1")
    assert user["name"] == "Sanne" and user["role"] == "researcher"
    assert authenticate(database, "sanne", "fout-wachtwoord") is None
    assert authenticate(database, "niemand", "lang-genoeg-1") is None


@pytest.mark.parametrize(
    "name, password, role, words",
    [
        ("", "lang-genoeg-1", "researcher", "name"),
        ("a b", "lang-genoeg-1", "researcher", "name"),
        ("ok", "kort", "researcher", "12 characters"),
        ("ok", "lang-genoeg-1", "participant", "role"),
    ],
)
def test_bad_accounts_are_refused(database, name, password, role, words):
    with pytest.raises(AccountError, match=words):
        add_user(database, name, password, role)


def test_duplicate_name_is_refused(database):
    add_user(database, "ahmed", "lang-genoeg-1", "designer")
    with pytest.raises(AccountError, match="already"):
        add_user(database, "AHMED", "lang-genoeg-2", "designer")


def test_roles_grant_permissions():
    assert can({"role": "researcher"}, "research")
    assert not can({"role": "researcher"}, "studio")
    assert can({"role": "designer"}, "studio") and not can(
        {"role": "designer"}, "research"
    )
    assert all(can({"role": "admin"}, p) for p in ("research", "studio", "admin"))
    assert not can(None, "research")


def test_demo_accounts_are_created_once(database):
    from sprintlab.accounts import DEMO_ACCOUNTS, ensure_demo_accounts

    ensure_demo_accounts(database)
    ensure_demo_accounts(database)
    for name, password, role in DEMO_ACCOUNTS:
        assert authenticate(database, name, password)["role"] == role


def test_production_hashes_cost_one_scrypt_of_32_mib_the_dummy_too(
    cheap_password_hashes,
):
    from werkzeug.security import check_password_hash

    method, dummy = cheap_password_hashes  # the settings the app ships with
    assert method == "scrypt:32768:8:1"  # werkzeug's default: n=2**15, r=8
    assert dummy.startswith(method + "$")
    assert not check_password_hash(dummy, "")
