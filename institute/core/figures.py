"""The year's figures each room contributes to the year in review.

A room registers a ``Figure`` in its ``AppConfig.ready()``, like a topic section
(``topics.py``): a key, a label, how the number reads (``unit``), ``compute(*, year)``
calling the room's own public selectors, and ``link(*, year)`` to what it counts. The year
in review (``institute/review``) names figures by key in its pages and lists the rest on its
own; a figure whose room is not installed is simply not in the registry. Every figure is
computed from the records, never typed (docs/review.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

# How a figure's number reads.
COUNT = "count"  # 2,455
MONEY = "money"  # £2,629
PERCENT = "percent"  # 94%
UNITS = (COUNT, MONEY, PERCENT)

_figures: dict[str, "Figure"] = {}


@dataclass(frozen=True, kw_only=True)
class Figure:
    key: str  # "events.webinars", unique; what a page's figure block stores
    label: str  # what the number counts, read after it: "webinars delivered"
    room: str  # the heading it is listed under: "Events and webinars"
    # compute(*, year) -> int | Decimal | None (None: nothing to report for that year). It
    # reads through the room's public selectors and runs a bounded number of queries.
    compute: Callable
    # link(*, year) -> the address of what the figure counts, or "" when there is none.
    link: Callable | None = None
    unit: str = COUNT
    order: int = 100  # rooms by order, then figures by order within a room
    description: str = ""  # a sentence for editors choosing it

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r} for figure {self.key!r}")

    def value(self, *, year):
        value = self.compute(year=year)
        return None if value is None else Decimal(value)

    def url(self, *, year) -> str:
        return (self.link(year=year) or "") if self.link else ""


def register(figure: Figure) -> None:
    _figures[figure.key] = figure


def unregister(key: str) -> None:
    """Remove the figure registered as ``key`` (nothing happens if there is none)."""
    _figures.pop(key, None)


def figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (f.order, f.key))


def get(key: str) -> Figure | None:
    return _figures.get(key)


def choices() -> list[tuple[str, str]]:
    """(key, "Room: label") for an editor's chooser, in registry order."""
    return [(f.key, f"{f.room}: {f.label}") for f in figures()]


def formatted(value, unit: str) -> str:
    """A figure's number as the review prints it: 2,455 · £2,629 · 94%."""
    if value is None:
        return ""
    number = Decimal(value)
    whole = number == number.to_integral_value()
    text = f"{number:,.0f}" if whole else f"{number:,.2f}" if unit == MONEY else f"{number:,.1f}"
    if unit == MONEY:
        return f"£{text}"
    if unit == PERCENT:
        return f"{text}%"
    return text


def formatted_change(change, unit: str) -> str:
    """A difference with its sign: +16 · −£120 · +2.5 points (a percentage's change is in
    points, not per cent)."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    text = formatted(abs(change), unit)
    if unit == PERCENT:
        return f"{sign}{text[:-1]} point{'' if abs(change) == 1 else 's'}"
    return f"{sign}{text}"


def _news_index_url(*, year):
    from .models import NewsIndexPage
    from .routing import public

    index = public(NewsIndexPage.objects.live()).order_by("path").first()
    return (index.url or "") if index else ""


def register_core_figures():
    from .selectors import news_published_count

    register(
        Figure(
            key="core.news",
            label="news and blog posts published",
            room="Member engagement",
            order=40,
            compute=news_published_count,
            link=_news_index_url,
        )
    )
