import os
import shutil
import time

from sprintlab.content.folder import Content, find_content_root
from tests.conftest import DATA, ROOT


def test_content_root_is_found(monkeypatch, tmp_path):
    assert find_content_root(DATA / "minimal") == (DATA / "minimal").resolve()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SPRINTLAB_CONTENT", raising=False)
    assert find_content_root() == ROOT
    monkeypatch.setenv("SPRINTLAB_CONTENT", str(DATA / "minimal"))
    assert find_content_root() == (DATA / "minimal").resolve()


def test_an_edited_file_is_seen_at_once(tmp_path):
    shutil.copytree(DATA / "minimal", tmp_path / "c")
    content = Content(tmp_path / "c")
    first = content.template("sms/kort", "nl")
    assert content.template("sms/kort", "nl") is first  # cached
    path = tmp_path / "c" / "messages" / "sms" / "kort.nl.md"
    path.write_text(path.read_text().replace("Hallo", "Goedendag"))
    os.utime(path, ns=(1, 1))
    second = content.template("sms/kort", "nl")
    assert "Goedendag" in second.body and second.hash != first.hash
    assert set(content.studies()) == {"mini"}


def test_a_study_file_is_looked_at_at_most_once_a_second(tmp_path, monkeypatch):
    from sprintlab.content import folder

    shutil.copytree(DATA / "minimal", tmp_path / "c")
    content = Content(tmp_path / "c")
    assert content.study("mini").title["nl"]  # found by listing the folder
    looks = []
    stamp = folder._stamp
    monkeypatch.setattr(
        folder, "_stamp", lambda path: looks.append(path) or stamp(path)
    )
    for _ in range(50):
        content.study("mini")
    assert len(looks) <= 1  # 50 participant pages, (at most) one stat

    path = tmp_path / "c" / "prototypes" / "mini.toml"
    before = content.study("mini")
    path.write_text(path.read_text().replace(before.title["nl"], "Nieuwe titel", 1))
    time.sleep(folder.STUDY_FRESH_FOR + 0.05)
    assert content.study("mini").title["nl"] == "Nieuwe titel"
