"""The year in review in the API: the published years, and a year's figures as its page
shows them (the registry's figures, computed live or, for a frozen review, its snapshot with
today's value beside it)."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.params import Path

from institute.api.problems import Problem
from institute.api.registry import register
from institute.core.canonical import absolute_url, page_url

from . import selectors
from .models import ReviewIndexPage

public = Router()
MAX_YEAR = 9999


class ReviewOut(Schema):
    year: int
    title: str
    url: str
    frozen_at: dt.datetime | None


class FigureOut(Schema):
    key: str
    label: str
    room: str
    unit: str
    value: Decimal
    display: str
    url: str
    previous: Decimal | None
    live: Decimal | None
    since_publication: str


class ReviewDetail(ReviewOut):
    figures: list[FigureOut]


def _review(page, freeze=None) -> dict:
    return {
        "year": page.year,
        "title": page.title,
        "url": page_url(page),
        "frozen_at": freeze.frozen_at if freeze else None,
    }


@public.get(
    "",
    response=list[ReviewOut],
    url_name="review_years",
    summary="Years in review",
    description="The published reviews, newest year first.",
)
def review_years(request):
    index = ReviewIndexPage.objects.live().first()
    pages = selectors.review_years(index=index) if index else []
    return [_review(page) for page in pages]


@public.get(
    "{year}/",
    response=ReviewDetail,
    url_name="review_year",
    summary="A year's figures",
    description="Every figure the year's review shows, in its order: the value shown (a "
    "frozen review's snapshot), the year before, what it links to and, once frozen, today's "
    "value where it differs.",
)
def review_year(request, year: int = Path(..., ge=1, le=MAX_YEAR)):
    page = selectors.review_page_for_year(year=year)
    if page is None:
        raise Problem(404, f"No review of {year} is published.")
    figures = selectors.review_figures(page=page)
    return {
        **_review(page, selectors.review_freeze(page=page)),
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "room": f.room,
                "unit": f.unit,
                "value": f.value,
                "display": f.display,
                "url": absolute_url(f.url) if f.url else "",
                "previous": f.previous if f.has_previous else None,
                "live": f.live,
                "since_publication": f.since_publication,
            }
            for f in figures.values()
        ],
    }


register("review", public, tag="year in review")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.core.access import ANONYMOUS, Rule

    def year():
        from .access import _review
        from .models import ReviewPage

        return {"year": ReviewPage.objects.get(pk=_review()["page_id"]).year}

    return {
        "api:review_years": Rule(ANONYMOUS),
        "api:review_year": Rule(ANONYMOUS, kwargs=year),
    }
