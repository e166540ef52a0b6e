"""The year in review: its index and a page for a year, with a body of blocks."""

from institute.review.demo import ensure_index
from institute.review.models import ReviewPage


def review_page(year, *, body=(), title=None, **fields):
    index = ensure_index()
    return index.add_child(
        instance=ReviewPage(
            title=title or f"{year}: the year in review",
            slug=str(year),
            year=year,
            body=list(body),
            **fields,
        )
    )


def figure_block(key, text=""):
    return ("figure", {"figure": key, "text": text})
