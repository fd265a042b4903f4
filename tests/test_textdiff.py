from sprintlab.studio.textdiff import (
    ADDED,
    REMOVED,
    SAME,
    DiffRun,
    changed_lines,
    differs,
    line_diff,
    word_diff,
)


def test_line_diff_marks_lines_with_their_old_and_new_numbers():
    lines = line_diff("een\ntwee\ndrie\n", "een\nTWEE\ndrie\nvier\n")
    assert [(line.kind, line.old_number, line.new_number) for line in lines] == [
        (SAME, 1, 1),
        (REMOVED, 2, None),
        (ADDED, None, 2),
        (SAME, 3, 3),
        (ADDED, None, 4),
    ]
    assert changed_lines(lines) == (2, 1)


def test_line_diff_of_equal_texts_changes_nothing():
    lines = line_diff("a\nb\n", "a\nb\n")
    assert changed_lines(lines) == (0, 0) and len(lines) == 2


def test_word_diff_marks_added_and_removed_words():
    runs = word_diff("Bel ons binnen 14 dagen.", "Bel ons gerust binnen 10 dagen.")
    assert runs == [
        DiffRun(SAME, "Bel ons "),
        DiffRun(ADDED, "gerust "),
        DiffRun(SAME, "binnen "),
        DiffRun(REMOVED, "14"),
        DiffRun(ADDED, "10"),
        DiffRun(SAME, " dagen."),
    ]
    assert differs(runs)


def test_word_diff_rebuilds_the_other_text_from_kept_and_added_runs():
    base, other = "Beste meneer Jansen,\n\nU heeft", "Hoi Piet,\n\nJe hebt nu"
    runs = word_diff(base, other)
    assert "".join(r.text for r in runs if r.kind != REMOVED) == other
    assert "".join(r.text for r in runs if r.kind != ADDED) == base


def test_word_diff_of_equal_texts_has_no_differences():
    assert not differs(word_diff("Zelfde tekst.", "Zelfde tekst."))
    assert word_diff("", "") == []
