import os
import shutil

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
