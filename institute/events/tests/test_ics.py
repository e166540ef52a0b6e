"""Feeds and calendar files parse with two independent parsers, right across a clock change."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def across_clock_change(make_item):
    """A webinar before and a drop-in series across the end of British Summer Time 2030."""
    make_item(
        "Cyber webinar",
        start=_london(2030, 10, 17, 10, 0),
        end=_london(2030, 10, 17, 11, 0),
        kind="webinars",
        region="london",
    )
    make_item(
        "Monthly drop-in",
        start=_london(2030, 10, 2, 12, 30),
        end=_london(2030, 10, 2, 13, 30),
        kind="events",
        sub_kind="drop-in",
        recurrence="FREQ=MONTHLY;BYDAY=1WE;COUNT=3",
        region="national",
    )


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_feed_parses_with_icalendar_and_keeps_london_wall_clock_times(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    starts = [(str(e["summary"]), e.decoded("dtstart")) for e in events]
    assert starts == [
        ("Monthly drop-in", _london(2030, 10, 2, 12, 30)),
        ("Cyber webinar", _london(2030, 10, 17, 10, 0)),
        ("Monthly drop-in", _london(2030, 11, 6, 12, 30)),
        ("Monthly drop-in", _london(2030, 12, 4, 12, 30)),
    ]
    assert all(e["dtstart"].params["TZID"] == "Europe/London" for e in events)
    # 12:30 in October is BST (11:30 UTC), in November GMT (12:30 UTC).
    utc = [e.decoded("dtstart").astimezone(dt.UTC).hour for e in events]
    assert utc == [11, 9, 12, 12]


def test_feed_has_a_vtimezone_and_each_event_a_uid_and_dtstamp(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    events = calendar.walk("VEVENT")
    assert len({str(e["uid"]) for e in events}) == 4
    assert all("dtstamp" in e for e in events)


def test_feed_parses_with_a_second_parser(client, across_clock_change):
    parsed = ics.Calendar(_feed(client, "/calendar/feed.ics").decode())
    events = sorted(parsed.events, key=lambda e: e.begin)
    assert [e.name for e in events] == [
        "Monthly drop-in",
        "Cyber webinar",
        "Monthly drop-in",
        "Monthly drop-in",
    ]
    assert [e.begin.to("UTC").strftime("%m-%d %H:%M") for e in events] == [
        "10-02 11:30",
        "10-17 09:00",
        "11-06 12:30",
        "12-04 12:30",
    ]


def test_feed_mirrors_exactly_its_view(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(
        _feed(client, "/calendar/webinars/feed.ics?region=london")
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Cyber webinar"]


def test_uids_stay_the_same_between_fetches(client, across_clock_change):
    first = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    from django.core.cache import cache

    cache.clear()
    second = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]


def test_cancelled_item_is_marked_cancelled_in_the_feed(client, make_item):
    make_item("Called-off roundtable", kind="events", sub_kind="roundtable", status="cancelled")
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (event,) = calendar.walk("VEVENT")
    assert event["status"] == "CANCELLED"


def test_feed_with_unknown_filter_says_so(client, across_clock_change):
    response = client.get("/calendar/feed.ics?region=mars")
    assert response.status_code == 400
    assert "region" in response.content.decode()


def test_item_calendar_file_lists_every_occurrence(client, across_clock_change):
    response = client.get("/calendar/item-2-monthly-drop-in/calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 3


def test_feed_never_contains_the_joining_link(client, make_item):
    make_item("Webinar", kind="webinars", format="virtual", joining_link="https://meet.example/x")
    assert b"meet.example" not in _feed(client, "/calendar/feed.ics")


def _last_sunday(year, month):
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _zone_transitions(years):
    """The UK's clock changes as the zone database gives them: the instant where the offset
    one second before differs from the offset at it (found independently of the feed)."""
    instants = []
    for year in years:
        for month in (3, 10):
            instant = dt.datetime.combine(_last_sunday(year, month), dt.time(1), dt.UTC)
            before = (instant - dt.timedelta(seconds=1)).astimezone(LONDON).utcoffset()
            assert before != instant.astimezone(LONDON).utcoffset()
            instants.append(instant)
    return instants


def test_feed_timezone_changes_the_clocks_at_one_in_the_morning_utc(client, make_item):
    for year in (2027, 2029, 2031):
        make_item(f"Conference {year}", start=_london(year, 7, 1, 9, 0), kind="events")
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (zone,) = calendar.walk("VTIMEZONE")
    changes = {}
    for observance in zone.subcomponents:
        before, after = (observance.decoded(p) for p in ("tzoffsetfrom", "tzoffsetto"))
        if before != after:  # the first observance only says what is in force at the start
            instant = (observance.decoded("dtstart") - before).replace(tzinfo=dt.UTC)
            changes[instant] = (observance.name, after)
    # The feed's zone covers a year either side of its events: 1 July 2026 to 1 July 2032.
    start, stop = (dt.datetime(y, 7, 1, tzinfo=dt.UTC) for y in (2026, 2032))
    expected = [i for i in _zone_transitions(range(2026, 2033)) if start <= i <= stop]
    assert len(expected) == 12
    assert sorted(changes) == expected
    for instant, (name, after) in changes.items():
        assert after == instant.astimezone(LONDON).utcoffset()
        assert name == ("DAYLIGHT" if instant.month == 3 else "STANDARD")


def test_feed_timezone_starts_summer_time_at_one_gmt(client, make_item):
    make_item("Spring meeting", start=_london(2030, 4, 10, 9, 0), kind="events")
    feed = _feed(client, "/calendar/feed.ics").decode()
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20300331T010000\r\n" in feed
    assert "BEGIN:STANDARD\r\nDTSTART:20301027T020000\r\n" in feed


def test_dtstamp_does_not_change_between_fetches_of_an_unchanged_item(client, make_item):
    make_item("Never revised", kind="events")
    first = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    time.sleep(1.1)  # DTSTAMP counts seconds
    from django.core.cache import cache

    cache.clear()
    second = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (a,), (b,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert a.decoded("dtstamp") == b.decoded("dtstamp")


def test_dtstamp_is_the_items_last_publication(client, make_item):
    item = make_item("Revised", kind="events")
    item.save_revision().publish()
    item.refresh_from_db()
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (event,) = calendar.walk("VEVENT")
    expected = item.last_published_at.replace(microsecond=0)
    assert event.decoded("dtstamp") == expected
    assert event.decoded("last-modified") == expected


def test_feed_keeps_a_year_of_past_events(client, make_item):
    make_item("Next week", days=7, kind="events")
    make_item("Last month", days=-30, kind="events")
    make_item("Two years ago", days=-400, kind="events")
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {"Next week", "Last month"}


def test_past_view_feed_keeps_a_year(client, make_item):
    make_item("Next week", days=7, kind="events")
    make_item("Last month", days=-30, kind="events")
    make_item("Two years ago", days=-400, kind="events")
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics?when=past"))
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Last month"]


def test_feed_tells_calendar_apps_how_often_to_refresh(client, make_item):
    make_item("Next week", kind="events")
    feed = _feed(client, "/calendar/feed.ics").decode()
    calendar = icalendar.Calendar.from_ical(feed)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT3H\r\n" in feed
    assert calendar.decoded("refresh-interval") == dt.timedelta(hours=3)
    assert "X-PUBLISHED-TTL:PT3H\r\n" in feed


def test_feed_links_to_the_configured_site_whatever_the_host(client, make_item, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://institute.example"
    make_item("Next week", kind="events", slug="next-week")
    response = client.get("/calendar/feed.ics", HTTP_HOST="attacker.example")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]) == "https://institute.example/calendar/next-week/"
    assert b"attacker.example" not in response.content


def test_feed_queries_do_not_grow_with_items(client, make_item, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            _feed(client, "/calendar/feed.ics")
        return len(queries)

    make_item("Upcoming", days=7, kind="events")
    make_item("Past", days=-7, kind="events")
    few = count()
    for n in range(4):
        make_item(f"Upcoming {n}", days=8 + n, kind="events")
        make_item(f"Past {n}", days=-8 - n, kind="events")
    assert count() == few
