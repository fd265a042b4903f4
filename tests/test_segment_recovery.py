"""`sprintlab segment` finds the latent segments the simulation planted.

`simulate` gives each synthetic person one of three planted segments
(fieldwork/attitudes.py); segmenting their answers should choose k = 3 by
BIC in most seeds and put people together as planted: an adjusted Rand
index of at least 0.6 against the planted segments. Three seeds of 600
people each, through the service path and the real report code.
"""

from collections import Counter

import pytest
from sklearn.metrics import adjusted_rand_score

from sprintlab import db as store
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.segmentation import segment_study

SEEDS = (11, 12, 13)


@pytest.fixture(scope="module")
def found(tmp_path_factory, content):
    study = content.study("vroegsignalering")
    runs = []
    for seed in SEEDS:
        db = store.open_db(tmp_path_factory.mktemp(f"seed{seed}") / "s.db")
        truth = simulate_study(db, content, study, 600, seed=seed)
        segments = segment_study(study, load_evidence(db, study), resamples=2)
        db.close()
        planted, labels, majority = [], [], {}
        for segment in segments.segments:
            mine = [truth.latent_segments[person] for person in segment.members]
            planted += mine
            labels += [segment.id] * len(mine)
            majority[Counter(mine).most_common(1)[0][0]] = segment
        runs.append((segments, adjusted_rand_score(planted, labels), majority))
    return runs


@pytest.fixture(scope="module")
def content():
    from sprintlab.content.folder import Content
    from tests.conftest import ROOT

    return Content(ROOT)


def test_bic_chooses_the_three_planted_segments_in_most_seeds(found):
    chosen = [segments.k for segments, _, _ in found]
    assert sum(k == 3 for k in chosen) >= 2, chosen
    for segments, _, _ in found:
        assert [fit.k for fit in segments.candidates] == list(range(1, 9))
        best = min(segments.candidates, key=lambda fit: fit.bic)
        assert best.k == segments.k or best.k == 1


def test_people_are_grouped_as_planted(found):
    rands = [rand for _, rand, _ in found]
    assert min(rands) >= 0.6, rands


def test_each_planted_segment_is_recognisable_in_words(found):
    # Any of its planted traits names a segment: few money worries show in
    # making ends meet, the buffer or the worry item, strongest first.
    expected = {
        "wantrouwend": ("much distrust",),
        "zelf-kiezen": ("wants to choose for themselves",),
        "weinig-zorgen": ('leans to "Very easy" (rondkomen)',
                          'leans to "Definitely" (buffer)',
                          'leans to "1 – never" (zorgen)'),
    }  # fmt: skip
    for _, _, majority in found:
        for planted, phrases in expected.items():
            said = majority[planted].words["en"]
            assert any(words in said for words in phrases), (planted, said)
