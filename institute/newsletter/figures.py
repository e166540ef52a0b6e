"""The newsletter's figures for the year in review (``institute/core/figures.py``): Friday
issues sent and the subscribers at the end of the year."""

import datetime as dt

from django.urls import reverse

from institute.core import figures

ROOM = "Newsletter"


def _archive(*, year):
    return reverse("newsletter:archive")


def _sent(*, year):
    from .selectors import issues_sent_count

    return issues_sent_count(year=year)


def _subscribers(*, year):
    from .selectors import subscribers_count

    return subscribers_count(day=dt.date(year, 12, 31))


def register_figures():
    figures.register(
        figures.Figure(
            key="newsletter.issues_sent",
            label="Friday newsletters sent",
            room=ROOM,
            order=70,
            compute=_sent,
            link=_archive,
        )
    )
    figures.register(
        figures.Figure(
            key="newsletter.subscribers",
            label="newsletter subscribers at the end of the year",
            room=ROOM,
            order=71,
            compute=_subscribers,
            link=_archive,
            description="Confirmed addresses not unsubscribed or suppressed on 31 December.",
        )
    )
