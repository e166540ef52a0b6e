"""Membership's figures for the year in review (``institute/core/figures.py``): members'
feedback the society acted on, and the members at the end of the year."""

import datetime as dt

from django.urls import reverse

from institute.core import figures

ROOM = "Member engagement"


def _acted_on(*, year):
    from .selectors import feedback_acted_on

    return feedback_acted_on(year=year).count()


def _members(*, year):
    from .selectors import members_count_by_status

    counts = members_count_by_status(day=dt.date(year, 12, 31))
    return counts.get("new", 0) + counts.get("current", 0) + counts.get("grace", 0)


def register_figures():
    figures.register(
        figures.Figure(
            key="membership.feedback_acted_on",
            label="pieces of members' feedback acted on",
            room=ROOM,
            order=45,
            compute=_acted_on,
            link=lambda *, year: reverse("membership:board"),
            description="“You said, we did”: feedback published with what the society did.",
        )
    )
    figures.register(
        figures.Figure(
            key="membership.members",
            label="members at the end of the year",
            room=ROOM,
            order=46,
            compute=_members,
            link=lambda *, year: reverse("membership:index"),
            description="Memberships new, current or in their grace month on 31 December.",
        )
    )
