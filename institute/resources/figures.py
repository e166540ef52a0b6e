"""The resource hub's figures for the year in review (``institute/core/figures.py``):
resources published in the year, in HTML and as PDF, each linking to the hub's view of
that year."""

from institute.core import figures

ROOM = "Research and policy"


def _hub(*, year):
    from .selectors import hub_page

    hub = hub_page()
    url = hub.url if hub else ""
    return f"{url}?year={year}" if url else ""


def _counts(*, year):
    from .selectors import resources_published_counts

    return resources_published_counts(year=year)


def register_figures():
    figures.register(
        figures.Figure(
            key="resources.html",
            label="resources published in HTML",
            room=ROOM,
            order=30,
            compute=lambda *, year: _counts(year=year)["html"],
            link=_hub,
            description="Resources read on the page, on any device.",
        )
    )
    figures.register(
        figures.Figure(
            key="resources.pdf",
            label="resources published as PDF",
            room=ROOM,
            order=31,
            compute=lambda *, year: _counts(year=year)["pdf"],
            link=_hub,
            description="Resources whose body is a document to download.",
        )
    )
