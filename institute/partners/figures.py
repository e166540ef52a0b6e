"""The partners' figures for the year in review (``institute/core/figures.py``): partners in
the year and new partners, counted from partnership dates."""

from django.urls import reverse

from institute.core import figures

ROOM = "Partnerships"


def _listing(*, year):
    return reverse("partners:index")


def _total(*, year):
    from .selectors import partners_count

    return partners_count(year=year)


def _new(*, year):
    from .selectors import partners_new_count

    return partners_new_count(year=year)


def register_figures():
    figures.register(
        figures.Figure(
            key="partners.total",
            label="partners in total",
            room=ROOM,
            order=50,
            compute=_total,
            link=_listing,
            description="Partnerships begun by the end of the year and not ended before it.",
        )
    )
    figures.register(
        figures.Figure(
            key="partners.new",
            label="new partners",
            room=ROOM,
            order=51,
            compute=_new,
            link=_listing,
            description="Partnerships that began in the year.",
        )
    )
