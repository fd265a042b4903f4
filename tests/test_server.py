"""The real server: a SIGKILL loses no acknowledged answer; a crowd none at all."""

import http.client
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from itsdangerous import URLSafeTimedSerializer

from tests.conftest import ROOT
from tests.evidence import rows
from tests.http_bot import HttpParticipant, answers_for
from tests.server import ServerProcess

pytestmark = pytest.mark.server

STUDY = "sprint-sms"
PAGES = 3  # sprint-sms is within subjects: every participant rates 3 messages
FIELDS_PER_PAGE = 8  # 5 scales, a yes/no, a choice and free text: answers_for fills all
SEGMENT_FIELDS = 3  # trust, a bad experience with the government, a life event
LOST = (OSError, http.client.HTTPException)


def study_cookie(person):
    """This browser's signed participant cookie for the study, or None."""
    values = [c.value for c in person.jar if c.name == f"sl-{STUDY}"]
    return values[0] if values else None


def token_of(cookie, database):
    """The participant token inside a signed study cookie."""
    secret = database.with_name(database.name + ".secret").read_text().strip()
    return URLSafeTimedSerializer(secret, salt="participant").loads(cookie)


def pick_from(seed):
    """A reproducible way to choose one option per question."""
    chooser = random.Random(seed)
    return lambda name, options: chooser.choice(options)


def answer_page(person, location, pick):
    """Open a message or segment page and submit a full form; return the reply."""
    page = person.request("GET", location)
    assert page.status == 200, (location, page.status)
    return person.request("POST", location, answers_for(page.text, pick))


def finish(person, pick, location=None, limit=10):
    """Answer every open page from LOCATION (default: resume) until thanks.

    Each answer's 303 points straight at the next page; return the thanks page.
    """
    location = location or person.next_page()
    for _ in range(limit):
        if location.endswith("/thanks"):
            thanks = person.request("GET", location)
            assert thanks.status == 200
            return thanks
        reply = answer_page(person, location, pick)
        assert reply.status == 303
        location = reply.location
    raise AssertionError(f"no thanks page after {limit} pages")


def answer_counts(database):
    """Answers per (participant token, position), and the positions marked done."""
    counts = rows(
        database,
        "SELECT p.token, a.position, count(*) FROM answers a"
        " JOIN participants p ON p.id = a.participant_id"
        " GROUP BY p.token, a.position",
    )
    done = rows(
        database,
        "SELECT p.token, s.position FROM assignments s"
        " JOIN participants p ON p.id = s.participant_id"
        " WHERE s.answered_at IS NOT NULL",
    )
    return {(t, pos): n for t, pos, n in counts}, set(done)


def assert_whole_pages(database):
    """Every page is stored whole or not at all, and marked done iff stored."""
    counts, done = answer_counts(database)
    assert set(counts) == done
    assert set(counts.values()) <= {FIELDS_PER_PAGE}


def keep_answering(person, pick, acknowledged, stop, failures):
    """Take the study again and again until STOP or the server dies.

    A wrong status is put in FAILURES: an assert inside a thread would only
    end the thread, and the test must fail on it.
    """
    try:
        while not stop.is_set():
            reply = person.consent()
            if reply.status != 303:
                failures.append(f"consent answered {reply.status}")
                return
            cookie = study_cookie(person)
            for _ in range(PAGES):
                location = reply.location
                reply = answer_page(person, location, pick)
                if reply.status != 303:
                    failures.append(f"{location} answered {reply.status}")
                    return
                position = int(location.rsplit("/", 1)[1])
                acknowledged.append((cookie, position))
            finish(person, pick, reply.location)
            person.jar.clear()  # a fresh browser: the next participant
            person.close()
    except LOST:
        return  # the server was killed under us: expected


def test_acknowledged_answers_survive_sigkill(tmp_path):
    database = tmp_path / "crash.db"
    server = ServerProcess(database, content_root=ROOT)
    server.start()
    people = [HttpParticipant(server.url, STUDY, timeout=10) for _ in range(6)]
    acknowledged, stop, failures = [], threading.Event(), []
    threads = [
        threading.Thread(
            target=keep_answering, args=(p, pick_from(i), acknowledged, stop, failures)
        )
        for i, p in enumerate(people)
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 15
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()  # mid-traffic: requests are in flight
        stop.set()
        for thread in threads:
            thread.join(15)
        assert not any(t.is_alive() for t in threads)
        assert failures == []
        assert len(acknowledged) >= 10
        acked = {(token_of(c, database), pos) for c, pos in list(acknowledged)}
        counts, _ = answer_counts(database)
        assert all(counts.get(key) == FIELDS_PER_PAGE for key in acked)
        assert_whole_pages(database)

        server.start()  # the same database and secret, so cookies still work
        for i, person in enumerate(people):
            person.close()
            if study_cookie(person):
                assert "Bedankt" in finish(person, pick_from(100 + i)).text
        assert_whole_pages(database)
        counts, _ = answer_counts(database)
        assert acked <= set(counts)
    finally:
        stop.set()
        server.stop()


def take_part_at_once(server, barrier, seed):
    """Consent, then submit every page twice at once, in step with everyone."""
    person = HttpParticipant(server.url, STUDY)
    pick = pick_from(seed)
    barrier.wait()
    reply = person.consent()
    assert reply.status == 303
    for _ in range(PAGES):
        location = reply.location
        page = person.request("GET", location)
        assert page.status == 200
        form = answers_for(page.text, pick)
        double_click = http.client.HTTPConnection(
            f"127.0.0.1:{server.port}", timeout=30
        )
        barrier.wait()
        first = person.send("POST", location, form)
        second = person.send("POST", location, form, connection=double_click)
        replies = [person.read(first), person.read(second)]
        double_click.close()
        # One submit is stored and moves on; the other is told it was already saved.
        assert sorted(r.status for r in replies) == [303, 409]
        (reply,) = [r for r in replies if r.status == 303]
    thanks = finish(person, pick, reply.location)
    person.close()
    return thanks


def test_fifty_participants_at_once_lose_and_double_nothing(tmp_path):
    crowd = 50
    database = tmp_path / "crowd.db"
    with ServerProcess(database, content_root=ROOT) as server:
        barrier = threading.Barrier(crowd, timeout=60)
        with ThreadPoolExecutor(crowd) as pool:
            pages = list(
                pool.map(lambda i: take_part_at_once(server, barrier, i), range(crowd))
            )
    assert all("Bedankt" in page.text for page in pages)
    (people,) = rows(database, "SELECT count(*), count(completed_at) FROM participants")
    assert people == (crowd, crowd)
    counts, done = answer_counts(database)
    assert len(done) == len(counts) == crowd * PAGES
    assert set(counts.values()) == {FIELDS_PER_PAGE}
    segments = rows(
        database,
        "SELECT count(*) FROM segment_answers GROUP BY participant_id",
    )
    assert len(segments) == crowd and {n for (n,) in segments} == {SEGMENT_FIELDS}
    orders = Counter(
        order
        for (order,) in rows(
            database,
            "SELECT group_concat(variant_id, ',') FROM"
            " (SELECT * FROM assignments ORDER BY participant_id, position)"
            " GROUP BY participant_id",
        )
    )
    assert len(orders) == 6 and max(orders.values()) - min(orders.values()) <= 1


@pytest.mark.parametrize(
    ("study_id", "arms"), [("vroegsignalering", 9), ("vroegsignalering-factorieel", 8)]
)
def test_simultaneous_consents_are_balanced(tmp_path, study_id, arms):
    # A factorial study's cells are its variants: balanced the same way.
    crowd = 30
    database = tmp_path / "between.db"
    with ServerProcess(database, content_root=ROOT) as server:
        barrier = threading.Barrier(crowd, timeout=30)

        def consent(_):
            person = HttpParticipant(server.url, study_id)
            barrier.wait()
            reply = person.consent()
            person.close()
            return reply.status

        with ThreadPoolExecutor(crowd) as pool:
            assert set(pool.map(consent, range(crowd))) == {303}
    per_variant = rows(
        database, "SELECT variant_id, count(*) FROM assignments GROUP BY variant_id"
    )
    counts = [n for _, n in per_variant]
    assert len(counts) == arms
    assert sum(counts) == crowd and max(counts) - min(counts) <= 1
