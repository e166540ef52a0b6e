import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from institute.events.recurrence import MAX_OCCURRENCES, RecurrenceError, expand, parse_rule

LONDON = ZoneInfo("Europe/London")


def test_one_off_has_a_single_occurrence():
    start = dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC)
    assert expand(start, start + dt.timedelta(hours=1)) == [(start, start + dt.timedelta(hours=1))]


def test_monthly_series_keeps_local_time_across_clock_change():
    start = dt.datetime(2030, 3, 6, 10, tzinfo=LONDON)
    pairs = expand(start, start + dt.timedelta(hours=1), "FREQ=MONTHLY;BYDAY=1WE;COUNT=3")
    local = [s.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") for s, _ in pairs]
    assert local == ["2030-03-06 10:00", "2030-04-03 10:00", "2030-05-01 10:00"]


def test_open_series_is_bounded():
    start = dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC)
    assert len(expand(start, start + dt.timedelta(hours=1), "FREQ=DAILY")) == MAX_OCCURRENCES


def test_nonsense_rule_is_rejected():
    with pytest.raises(RecurrenceError):
        parse_rule("FREQ=SOMETIMES", dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
