"""The calendar's figures for the year in review (``institute/core/figures.py``): events
held and who came, the President's Conference, the national conferences, webinars and
their delegates, money raised for charity. Each links to the calendar's past items of its
kind."""

from institute.core import figures
from institute.core.querystrings import canonical_query

from . import year_selectors as year_of
from .choices import Kind, SubKind, When
from .filters import QUERY_ORDER

ROOM = "Events and webinars"


def _past(kind="", sub_kind=""):
    def link(*, year):
        from .selectors import calendar_listing_url

        url = calendar_listing_url(kind=kind, sub_kind=sub_kind)
        return url + canonical_query({"when": When.PAST}, order=QUERY_ORDER) if url else ""

    return link


def register_figures():
    for figure in (
        figures.Figure(
            key="events.held",
            label="events held",
            room=ROOM,
            order=10,
            compute=lambda *, year: year_of.occurrences_held_count(year=year, kind=Kind.EVENTS),
            link=_past(Kind.EVENTS),
            description="Dates of events (conferences, networks, drop-ins …) held that year.",
        ),
        figures.Figure(
            key="events.attendance",
            label="people joined our events and conferences",
            room=ROOM,
            order=11,
            compute=lambda *, year: year_of.attendance_in_year_count(year=year, kind=Kind.EVENTS),
            link=_past(Kind.EVENTS),
            description="Places attended at the year's events.",
        ),
        figures.Figure(
            key="events.presidents_conference",
            label="people at the President's Conference",
            room=ROOM,
            order=12,
            compute=lambda *, year: year_of.presidents_conference_attendance(year=year),
            link=_past(Kind.EVENTS, SubKind.CONFERENCE),
        ),
        figures.Figure(
            key="events.national_conferences",
            label="national conferences",
            room=ROOM,
            order=13,
            compute=lambda *, year: year_of.national_conferences_held_count(year=year),
            link=_past(Kind.EVENTS, SubKind.CONFERENCE),
            description="Conferences and the alumni event, not counting the President's.",
        ),
        figures.Figure(
            key="events.webinars",
            label="webinars delivered",
            room=ROOM,
            order=14,
            compute=lambda *, year: year_of.occurrences_held_count(year=year, kind=Kind.WEBINARS),
            link=_past(Kind.WEBINARS),
        ),
        figures.Figure(
            key="events.webinar_delegates",
            label="delegates attended our webinars",
            room=ROOM,
            order=15,
            compute=lambda *, year: year_of.attendance_in_year_count(year=year, kind=Kind.WEBINARS),
            link=_past(Kind.WEBINARS),
        ),
        figures.Figure(
            key="events.charity_raised",
            label="raised for charity at our events",
            room=ROOM,
            unit=figures.MONEY,
            order=16,
            compute=lambda *, year: year_of.charity_raised_total(year=year),
            link=_past(Kind.EVENTS),
        ),
    ):
        figures.register(figure)
