"""What segments and the survey analyses cost, beside what they join, in one run.

- Import: `import stepmix.stepmix` (with scikit-learn and pandas) and
  `import choix`, each in a fresh interpreter, beside `import scipy.stats`,
  which sprintlab's statistics need anyway (median of --runs each).
- Installed size of scikit-learn, StepMix and choix, beside the whole
  environment's site-packages.
- At --participants (vroegsignalering, simulated once and cached under
  benchmarks/results/): `sprintlab segment`'s work (segment_study with the
  default 20 stability refits) and classifying everyone with a saved model
  (what the dashboard does), beside the study report on the same evidence
  (report_from_evidence); and inside that report, its data-use and rankings
  parts.

Bounded by --runs and --participants; prints and exits.

Run: python -m benchmarks.segmentation [--participants 800] [--runs 3]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import report_from_evidence
from sprintlab.reporting.data_use import data_use_reports
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.rankings import ranking_reports
from sprintlab.reporting.segmentation import from_saved, segment_study

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SEED = 2026
DATA_VERSION = 1


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=800)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each")
    args = parser.parse_args(argv)
    if args.participants < 100 or args.runs < 1:
        parser.error("at least 100 participants and 1 run")
    return args


def import_seconds(module, runs):
    """Median seconds to import MODULE in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; "
    code += "print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], check=True,
                             capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(times)


def megabytes(path):
    """Size of the files under PATH in MiB."""
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return total / 2**20


def site_packages():
    import sklearn

    return Path(sklearn.__file__).resolve().parents[1]


def evidence_db(content, study, size):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"segmentation-{size}-s{SEED}-v{DATA_VERSION}.db"
    if not path.exists():
        building = path.with_suffix(".building")
        for leftover in RESULTS.glob(building.name + "*"):
            leftover.unlink()
        db = store.open_db(building)
        simulate_study(db, content, study, size, seed=SEED)
        db.close()
        os.replace(building, path)
    return store.connect(path)


def median_seconds(work, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv=None):
    args = arguments(argv)
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f}; median of {args.runs}")
    baseline = import_seconds("scipy.stats", args.runs)
    for module in ("stepmix.stepmix", "choix"):
        seconds = import_seconds(module, args.runs)
        print(
            f"import {module:16s} {seconds * 1000:7.0f} ms   beside import"
            f" scipy.stats {baseline * 1000:5.0f} ms: {seconds / baseline:.2f}x"
        )
    packages = site_packages()
    added = sum(megabytes(packages / name) for name in ("sklearn", "stepmix", "choix"))
    print(
        f"installed: scikit-learn + StepMix + choix {added:.0f} MiB of"
        f" {megabytes(packages):.0f} MiB in site-packages"
    )
    content = Content(ROOT)
    study = content.study("vroegsignalering")
    db = evidence_db(content, study, args.participants)
    evidence = load_evidence(db, study)
    db.close()
    report, _ = median_seconds(lambda: report_from_evidence(study, evidence), args.runs)
    data_use, _ = median_seconds(lambda: data_use_reports(study, evidence), args.runs)
    rankings, _ = median_seconds(lambda: ranking_reports(study, evidence), args.runs)
    segment, found = median_seconds(lambda: segment_study(study, evidence), args.runs)
    row = {"model": json_model(found), "saved_at": "2026-01-01T00:00:00"}
    classify, _ = median_seconds(lambda: from_saved(study, evidence, row), args.runs)
    print(
        f"{args.participants} participants, {found.completed} completed,"
        f" {found.k} segments"
    )
    print(f"study report (analyze)      {report:7.2f} s")
    print(f"  of which data use          {data_use:7.2f} s ({data_use / report:.0%})")
    print(f"  of which rankings          {rankings:7.2f} s ({rankings / report:.0%})")
    print(
        f"segment (fit k = 1..8, 20 refits) {segment:7.2f} s:"
        f" {segment / report:.1f}x the report"
    )
    print(
        f"classify with a saved model {classify:7.2f} s:"
        f" {classify / report:.2f}x the report"
    )


def json_model(found):
    import json

    return json.dumps(found.model)


if __name__ == "__main__":
    main()
