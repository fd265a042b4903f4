"""Data-use rows and rankings in the exports: long rows, SPSS and R columns."""

from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.export import export_answers
from sprintlab.reporting.spss import DONT_KNOW_CODE, spss_name, wide_table, write_sav
from tests.test_spss import read


def test_each_data_source_and_each_ranked_option_gets_a_column(
    database, content, tmp_path
):
    study = content.study("vroegsignalering")
    simulate_study(database, content, study, 40, seed=6)
    long = export_answers(database, study.id, [q.id for q in study.segments])
    rows = [r for r in long.rows if r["question"].startswith("datagebruik:")]
    assert rows and {r["value"] for r in rows} - {None} <= {0, 1}
    assert all(r["seg_kanaal"] is None or r["seg_kanaal"].count(",") == 6
               for r in long.rows)  # fmt: skip
    table = wide_table(database, study)
    options = study.question("kanaal").options
    names = {v.name: v for v in table.variables}
    assert "datagebruik_naam_adres" in names and "seg_kanaal_brief" in names
    assert names["datagebruik_naam_adres"].dont_know
    stored = dict(database.execute(
        "SELECT participant_id, value FROM segment_answers WHERE question_id = 'kanaal'"
    ).fetchall())  # fmt: skip
    for row in table.rows:
        order = stored.get(row["participant"])
        if order:
            names = {o.id: spss_name(f"seg_kanaal_{o.id}", set()) for o in options}
            places = [row[names[option]] for option in order.split(",")]
            assert places == list(range(1, 8))
        code = row["datagebruik_naam_adres"]
        assert code in (None, 0, 1, DONT_KNOW_CODE)
    write_sav(database, study, tmp_path / "survey.sav")
    read_rows, meta = read(tmp_path / "survey.sav")
    assert len(read_rows) == len(table.rows)
    assert "Uw naam en adres" in meta.column_names_to_labels["datagebruik_naam_adres"]
