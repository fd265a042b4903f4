"""What a test day costs the server, beside baselines measured in the same run.

A sprint-sms test day with five slot participants and --notes notes (two
observers' worth for a long day), in a temporary database:

- the observe page's poll (`observe.json`) when nothing changed and when
  there is something new, and the observe page itself, each against the
  cheapest page sprintlab serves (a kept participant landing page), through
  the Flask test client (no network), as a ratio;
- the grid and the debrief, against the analysis the research dashboard
  makes for the same study (with segments), as a ratio; the debrief also at
  --participants simulated participants of vroegsignalering (a survey-sized
  study whose debrief someone might open).

Medians of --runs. Bounded by its arguments; prints and exits.

Run: python -m benchmarks.testday [--notes 300] [--participants 2000] [--runs 7]
"""

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.accounts import add_user
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import analyse
from sprintlab.testday.debrief import load_debrief
from sprintlab.testday.grid import load_grid
from sprintlab.testday.slots import load_schedule, set_up

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "lang-genoeg-1"
KINDS = ("positive", "negative", "quote", "idea", "question", "observation")


def median_ms(work, runs):
    """The median wall time of WORK over RUNS calls, in milliseconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def line(name, ms, baseline):
    """One measured line: its time and its ratio to the baseline."""
    print(f"  {name:<22} {ms:7.1f} ms   ratio {ms / baseline:5.2f}")


def test_day(db, content, notes):
    """Five simulated people in P1-P5 of sprint-sms, and NOTES notes about them."""
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 5, seed=15)
    set_up(db, study.id, {n: None for n in range(1, 6)}, "benchmark")
    ids = [row[0] for row in db.execute("SELECT id FROM participants").fetchall()]
    for slot, participant_id in enumerate(ids, start=1):
        store.start_slot(db, study.id, slot, store.now())
        store.link_slot(db, study.id, slot, participant_id)
    variants = [v.id for v in study.variants]
    for n in range(notes):
        slot = n % 5 + 1
        store.insert_note(
            db,
            {
                "study_id": study.id, "slot": slot, "participant_id": ids[slot - 1],
                "variant_id": variants[n % 3], "kind": KINDS[n % 6],
                "tags": '["jargon"]' if n % 4 == 0 else "[]",
                "text": f"Notitie {n}: leest de zin twee keer en fronst.",
                "observer_id": None, "observer_role": "observer",
                "form_key": None, "written_at": store.now(),
            },
        )  # fmt: skip
    return study


def logged_in_client(app):
    """A test client with a researcher logged in."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(
        "/login", data={"csrf_token": token, "name": "bench", "password": PASSWORD}
    )
    return client


def pages(folder, content, notes, runs):
    """The observe page and its poll against a kept landing page."""
    app = create_app(
        {"TESTING": True, "DATABASE": str(folder / "day.db"),
         "CONTENT_ROOT": str(ROOT), "SECRET_KEY": "benchmark"}
    )  # fmt: skip
    db = store.open_db(app.config["DATABASE"])
    study = test_day(db, content, notes)
    add_user(db, "bench", PASSWORD, "researcher")
    client = logged_in_client(app)
    version = client.get("/research/sprint-sms/observe.json").get_json()["version"]
    landing = median_ms(lambda: client.get("/s/sprint-sms"), runs)
    measured = {
        "poll, nothing new": median_ms(
            lambda: client.get(f"/research/sprint-sms/observe.json?since={version}"),
            runs,
        ),
        "poll, something new": median_ms(
            lambda: client.get("/research/sprint-sms/observe.json"), runs
        ),
        "observe page": median_ms(
            lambda: client.get("/research/sprint-sms/observe"), runs
        ),
    }
    print(f"\nobserve ({notes} notes), baseline: a kept landing page {landing:.1f} ms")
    for name, ms in measured.items():
        line(name, ms, landing)
    grid_ms = median_ms(lambda: load_grid(db, study), runs)
    debrief_ms = median_ms(lambda: load_debrief(db, study), runs)
    dashboard_ms = median_ms(lambda: analyse(db, study), runs)
    print(
        f"\ngrid and debrief, baseline: the dashboard's analysis {dashboard_ms:.1f} ms"
    )
    line("grid", grid_ms, dashboard_ms)
    line("debrief", debrief_ms, dashboard_ms)
    print(f"  slots set up: {len(load_schedule(db, study.id).slots)}")
    db.close()


def survey_debrief(folder, content, participants, runs):
    """The debrief of a survey-sized study against its dashboard analysis."""
    db = store.open_db(folder / "survey.db")
    study = content.study("vroegsignalering")
    simulate_study(db, content, study, participants, seed=16)
    debrief_ms = median_ms(lambda: load_debrief(db, study), runs)
    dashboard_ms = median_ms(lambda: analyse(db, study), runs)
    print(f"\nvroegsignalering, {participants} participants")
    print(f"  dashboard analysis     {dashboard_ms:7.1f} ms")
    line("debrief", debrief_ms, dashboard_ms)
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    content = Content(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        pages(Path(folder), content, args.notes, args.runs)
        survey_debrief(Path(folder), content, args.participants, max(3, args.runs // 2))


if __name__ == "__main__":
    main()
