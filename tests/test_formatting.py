import datetime

import pytest

from sprintlab.content.formatting import euro, long_date


def test_euro_in_dutch_and_english():
    assert euro(1234.56, "nl") == "€\xa01.234,56"
    assert euro(1234.56, "en") == "€1,234.56"
    assert euro(75, "nl") == "€\xa075,00"


def test_long_date_in_dutch_and_english():
    day = datetime.date(2026, 11, 28)
    assert long_date(day, "nl") == "28 november 2026"
    assert long_date(day, "en") == "28 November 2026"
    assert long_date(datetime.datetime(2026, 3, 1, 9, 30), "nl") == "1 maart 2026"


@pytest.mark.parametrize("bad", ["12", None, True, [1]])
def test_euro_refuses_what_is_not_a_number(bad):
    with pytest.raises(TypeError, match="euro needs a number"):
        euro(bad)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no locale"):
        euro(1, "de")
    with pytest.raises(TypeError, match="date needs a date"):
        long_date("2026-11-28")
