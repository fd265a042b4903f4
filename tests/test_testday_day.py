"""A whole simulated test day against the real server.

Five people take sprint-sms one after another on one kiosk device, each in
the slot the facilitator started there, while two observers post notes at
the same time (two threads, each with its own connection). Then the grid,
its patterns, the notes export and a withdrawal are checked against what
the observers wrote and what the database holds.
"""

import csv
import io
import json
import re
import subprocess
import sys
import threading

import pytest

from tests.bot import forms
from tests.conftest import ROOT
from tests.http_bot import HttpParticipant, answers_for
from tests.server import ServerProcess
from tests.testday_support import (
    STUDY,
    add_account,
    consent_on_kiosk,
    csrf_of,
    log_in_over_http,
    note_form,
    read_grid,
    rows,
    set_up_over_http,
    start_over_http,
)

pytestmark = pytest.mark.server

SLOTS = 5
# What the observers see, per variant: (slot, kind, tags). Built so that the
# grid has patterns for two variants and none for the third:
#   coach: negative for P1 (three times: still one person), P2, P3 -> a pattern;
#          #jargon for P1 and P4 only -> none;
#   keuze: positive for P1-P4 -> a pattern; #vertrouwen for P2, P3, P5 -> one;
#   herinnering: a mix, no kind or tag shared by three -> none.
PLAN = {
    "coach": [
        (1, "negative", "jargon"), (1, "negative", ""), (1, "negative", ""),
        (2, "negative", ""), (3, "negative", ""), (4, "idea", "jargon"),
        (5, "positive", ""),
    ],
    "keuze": [
        (1, "positive", ""), (2, "positive", "vertrouwen"), (3, "positive", ""),
        (3, "quote", "vertrouwen"), (4, "positive", ""), (5, "question", "vertrouwen"),
    ],
    "herinnering": [
        (1, "positive", "kort"), (2, "negative", "kort"), (2, "quote", ""),
        (3, "question", ""), (3, "quote", ""), (4, "idea", ""), (5, "observation", ""),
    ],
}  # fmt: skip
EXPECTED_PATTERNS = {
    "coach": {("kind", "negative"): 3},
    "keuze": {("kind", "positive"): 4, ("tag", "vertrouwen"): 3},
    "herinnering": {},
}


def note_text(variant, slot, index):
    return f"{variant} bij P{slot}, notitie {index}"


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """A server with a researcher and two observer accounts."""
    database = tmp_path_factory.mktemp("testday") / "testday.db"
    add_account(database, "onderzoeker", "researcher")
    add_account(database, "lotte", "observer")
    add_account(database, "sam", "observer")
    with ServerProcess(database, content_root=ROOT) as server:
        yield server


def on_screen(database, slot):
    """The variant the participant in SLOT has on screen (the first unanswered)."""
    return rows(
        database,
        "SELECT a.variant_id FROM testday_slots s JOIN assignments a"
        " ON a.participant_id = s.participant_id WHERE s.slot = ?"
        " AND a.answered_at IS NULL ORDER BY a.position LIMIT 1",
        [slot],
    )[0][0]


def post_notes(observer, notes, failures):
    """Post NOTES on the observe page; every reply must be a 303 back."""
    try:
        for text, kind, tags, explicit in notes:
            page = observer.request("GET", f"/research/{STUDY}/observe")
            form = note_form(page.text)
            data = dict(form["hidden"], text=text, kind=kind, tags=tags)
            if explicit:
                data.update(explicit)
            reply = observer.request("POST", form["action"], data)
            if reply.status != 303:
                failures.append((text, reply.status))
    except Exception as error:  # noqa: BLE001 -- reported by the test, not lost
        failures.append(("exception", repr(error)))


def observe_page(observers, variant, slot, failures):
    """Both observers post this page's planned notes at the same time."""
    planned = [
        (note_text(variant, slot, i), kind, tags)
        for i, (s, kind, tags) in enumerate(PLAN[variant])
        if s == slot
    ]
    shares = [[], []]
    for index, (text, kind, tags) in enumerate(planned):
        # The second observer names slot and variant; the first leaves the
        # defaults: "now", resolved when the note arrives.
        explicit = {"slot": f"P{slot}", "variant": variant} if index % 2 else None
        shares[index % 2].append((text, kind, tags, explicit))
    threads = [
        threading.Thread(target=post_notes, args=(observer, share, failures))
        for observer, share in zip(observers, shares, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return {text: (variant, slot) for text, _, _ in planned}


def take_part(device, database, observers, slot, failures):
    """One participant on the kiosk while the observers write; their code."""
    location = consent_on_kiosk(device)
    written = {}
    for _ in range(6):
        page = device.request("GET", location)
        assert page.status == 200, (location, page.status)
        if location.endswith("/thanks"):
            break
        if "/m/" in location:
            written |= observe_page(
                observers, on_screen(database, slot), slot, failures
            )
        reply = device.request(
            "POST", location, answers_for(page.text, lambda _, o: o[0])
        )
        assert reply.status == 303
        location = reply.location
    code = re.search(r'<p class="code">([A-Z0-9-]+)</p>', page.text).group(1)
    assert f'<span class="slot-label" title="Test-day slot">P{slot}</span>' in page.text
    hand_on = next(
        f for f in forms(page.text) if f["action"].endswith("next-participant")
    )
    assert device.request("POST", hand_on["action"], hand_on["hidden"]).status == 303
    return code, written


def test_a_whole_test_day(day):
    database = day.database
    researcher, link = set_up_over_http(day, SLOTS)
    device = HttpParticipant(day.url, STUDY)
    observers = [HttpParticipant(day.url, STUDY) for _ in range(2)]
    log_in_over_http(observers[0], "lotte")
    log_in_over_http(observers[1], "sam")
    failures, written, codes = [], {}, {}
    for slot in range(1, SLOTS + 1):
        start_over_http(device, link, slot)
        codes[slot], notes = take_part(device, database, observers, slot, failures)
        written |= notes
    assert failures == []

    # Every participant is in their slot, and every note was stored once.
    linked = rows(
        database, "SELECT slot, participant_id FROM testday_slots ORDER BY slot"
    )
    assert [s for s, p in linked if p] == list(range(1, SLOTS + 1))
    stored = rows(
        database,
        "SELECT text, variant_id, slot, kind, observer_role FROM testday_notes",
    )
    assert sorted(t for t, *_ in stored) == sorted(written)
    assert {text: (variant, slot) for text, variant, slot, *_ in stored} == written
    assert {role for *_, role in stored} == {"observer"}

    # The grid shows each note in its cell, and the patterns planned.
    grid = researcher.request("GET", f"/research/{STUDY}/grid")
    cells, patterns = read_grid(grid.text)
    for text, (variant, slot) in written.items():
        assert text in cells[(variant, f"P{slot}")], text
    assert sum(len(texts) for texts in cells.values()) == len(written)
    assert patterns == EXPECTED_PATTERNS

    # The export matches the database, row for row.
    export = subprocess.run(
        [sys.executable, "-m", "sprintlab", "notes", STUDY, "--db", str(database),
         "--format", "csv", "--content", str(ROOT)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    exported = list(csv.DictReader(io.StringIO(export)))
    in_db = rows(
        database,
        "SELECT slot, participant_id, variant_id, kind, tags, written_at,"
        " observer_role, text FROM testday_notes ORDER BY id",
    )
    assert [
        (r["slot"], int(r["participant"]), r["variant"], r["kind"], r["tags"],
         r["time"], r["observer_role"], r["text"])
        for r in exported
    ] == [
        (f"P{slot}", pid, variant, kind, ";".join(json.loads(tags)), at, role, text)
        for slot, pid, variant, kind, tags, at, role, text in in_db
    ]  # fmt: skip

    # P2 withdraws: their notes go, the others stay, and the patterns follow.
    (p2,) = rows(database, "SELECT participant_id FROM testday_slots WHERE slot = 2")[0]
    page = device.request("GET", "/withdraw")
    device.request(
        "POST", "/withdraw", {"csrf_token": csrf_of(page.text), "code": codes[2]}
    )
    assert rows(database, "SELECT count(*) FROM testday_notes WHERE slot = 2") == [(0,)]
    assert rows(
        database, "SELECT count(*) FROM testday_notes WHERE participant_id = ?", [p2]
    ) == [(0,)]
    left = rows(database, "SELECT count(*) FROM testday_notes")[0][0]
    assert left == sum(1 for _, slot in written.values() if slot != 2)
    cells, patterns = read_grid(
        researcher.request("GET", f"/research/{STUDY}/grid").text
    )
    assert all(cells[(variant, "P2")] == [] for variant in PLAN)
    assert patterns == {
        "coach": {},
        "keuze": {("kind", "positive"): 3},
        "herinnering": {},
    }
    for person in (researcher, device, *observers):
        person.close()
