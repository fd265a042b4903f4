import shutil

import pytest

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.hashing import content_hash
from sprintlab.studio import versions
from sprintlab.studio.drafts import split
from sprintlab.studio.setup import change_state
from tests.conftest import ROOT, insert_one_participant

TEMPLATE = "letter/controle"


@pytest.fixture
def messages(tmp_path):
    shutil.copytree(ROOT / "messages", tmp_path / "messages")
    return tmp_path / "messages"


def text_with(messages, sentence):
    front, body = split(versions.current_text(messages, TEMPLATE, "nl"))
    return f"+++\n{front}\n+++\n{body}\n{sentence}\n"


def save(database, messages, text, **options):
    return versions.save_template(
        database, messages, TEMPLATE, "nl", text, "sanne", **options
    )


def test_save_writes_the_file_and_records_who_why_and_when(database, messages):
    text = text_with(messages, "Een nieuwe zin.")
    saved = save(database, messages, text, message="nieuwe zin")
    assert saved.changed and saved.hash == content_hash(text)
    assert versions.current_text(messages, TEMPLATE, "nl") == text
    [edit] = store.template_edits(database, TEMPLATE, "nl")
    assert (edit["author"], edit["message"], edit["hash"]) == (
        "sanne",
        "nieuwe zin",
        saved.hash,
    )
    assert store.template_version(database, saved.hash)["text"] == text
    assert not list((messages / "letter").glob(".*"))


def test_the_text_being_replaced_is_kept(database, messages):
    old = versions.current_text(messages, TEMPLATE, "nl")
    save(database, messages, text_with(messages, "Erbij."))
    assert store.template_version(database, content_hash(old))["text"] == old


def test_saving_the_same_text_records_nothing(database, messages):
    same = versions.current_text(messages, TEMPLATE, "nl")
    assert not save(database, messages, same).changed
    assert store.template_edits(database, TEMPLATE, "nl") == []


def test_a_draft_with_errors_is_refused_and_nothing_is_written(database, messages):
    before = versions.current_text(messages, TEMPLATE, "nl")
    with pytest.raises(versions.SaveRefused) as refused:
        save(database, messages, text_with(messages, "{{ persona.__class__ }}"))
    assert refused.value.findings[0].field == "body"
    assert versions.current_text(messages, TEMPLATE, "nl") == before
    assert store.template_edits(database, TEMPLATE, "nl") == []


def test_a_time_bomb_is_refused_at_save(database, messages):
    bomb = "{% if today.month != today.month %}{% else %}{{ persona.nope }}{% endif %}"
    with pytest.raises(versions.SaveRefused) as refused:
        save(database, messages, text_with(messages, bomb))
    assert "nope" in str(refused.value) and "for persona" in str(refused.value)


def test_a_stale_draft_is_refused(database, messages):
    opened = content_hash(versions.current_text(messages, TEMPLATE, "nl"))
    save(database, messages, text_with(messages, "Eerst."))
    with pytest.raises(versions.StaleDraft):
        save(database, messages, text_with(messages, "Later."), base_hash=opened)


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "letter" / "x.nl.md"
    versions.write_atomically(path, "een")
    versions.write_atomically(path, "twee")
    assert path.read_text() == "twee" and [p.name for p in path.parent.iterdir()] == [
        "x.nl.md"
    ]


def test_history_restore_and_answer_counts(database, messages):
    original = content_hash(versions.current_text(messages, TEMPLATE, "nl"))
    first = save(database, messages, text_with(messages, "Een."), message="een").hash
    second = save(database, messages, text_with(messages, "Twee."), message="twee").hash
    give_answers(database, first, 3)
    restored = versions.restore(database, messages, TEMPLATE, "nl", first, "piet")
    assert restored.hash == first
    history = versions.history(database, TEMPLATE, "nl", current_hash=first)
    assert [v.hash for v in history] == [first, second, first, original]
    assert [v.current for v in history] == [True, False, False, False]
    assert history[0].restored_from == first and history[0].author == "piet"
    assert history[0].message == f"Restored version {first[:12]}"
    assert (history[0].answers, history[0].participants) == (3, 1)
    assert history[-1].author is None and history[-1].message == versions.FROM_FILE
    assert [v.hash for v in versions.distinct_versions(history)] == [
        first,
        second,
        original,
    ]


def test_restore_refuses_an_unknown_or_foreign_version(database, messages):
    with pytest.raises(KeyError):
        versions.restore(database, messages, TEMPLATE, "nl", "0" * 64, "piet")
    other = store.store_template_version(database, "letter/keuze", "nl", "letter", "x")
    assert versions.stored_version(database, TEMPLATE, "nl", other) is None


def test_history_shows_the_current_file_before_it_is_recorded(database, messages):
    current = content_hash(versions.current_text(messages, TEMPLATE, "nl"))
    [only] = versions.history(database, TEMPLATE, "nl", current_hash=current)
    assert only.current and only.at is None


def test_running_studies_are_the_open_ones_that_show_the_template(database):
    studies = Content(ROOT).studies().values()
    running = versions.running_studies_using(database, studies, TEMPLATE)
    assert [s.id for s in running] == ["vroegsignalering"]
    change_state(database, "vroegsignalering", "paused", "sanne")
    assert versions.running_studies_using(database, studies, TEMPLATE) == []
    assert [s.id for s in versions.studies_using(studies, "sms/coach")] == [
        "sprint-sms"
    ]


def give_answers(database, template_hash, count):
    """One participant with COUNT answers about the version TEMPLATE_HASH."""
    pid = insert_one_participant(database, TEMPLATE, template_hash)
    rows = [(f"q{n}", 4.0, None, 0) for n in range(count)]
    assert store.record_answers(database, pid, 0, rows, store.now())
