"""Reads of the year in review: the registered figures of a year, computed, compared with
the year before and, for a frozen review, set against their snapshot.

Computing every figure reads every room (about two queries a figure), so the values are kept
with ``remember`` until content next changes or ``FIGURES_SECONDS`` pass: a booking marked
attended (not content) shows within that time. Freezing reads them afresh.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from institute.core import figures as registry
from institute.core.cache import remember
from institute.core.routing import public

from .models import FigureSnapshot, Freeze, ReviewPage

FIGURES_SECONDS = 10 * 60


@dataclass(frozen=True)
class FigureView:
    key: str
    label: str
    room: str
    unit: str
    value: Decimal  # what the review shows: the snapshot once frozen, else the live figure
    url: str = ""
    previous: Decimal | None = None  # the year before, where there is one
    live: Decimal | None = None  # the figure today, when it differs from a frozen value

    @property
    def display(self) -> str:
        return registry.formatted(self.value, self.unit)

    @property
    def previous_display(self) -> str:
        return registry.formatted(self.previous, self.unit) if self.has_previous else ""

    @property
    def has_previous(self) -> bool:
        # No records at all the year before reads as "no comparison", not as a rise from 0.
        return self.previous is not None and self.previous != 0

    @property
    def change_display(self) -> str:
        if not self.has_previous:
            return ""
        return registry.formatted_change(self.value - self.previous, self.unit)

    @property
    def since_publication(self) -> str:
        """The change since the review was frozen, or empty."""
        if self.live is None or self.live == self.value:
            return ""
        return registry.formatted_change(self.live - self.value, self.unit)


def figures_computed(*, year, fresh=False) -> dict:
    """Every registered figure of ``year`` that has a value: ``{key: {"value", "previous",
    "url"}}``. Kept for ``FIGURES_SECONDS`` unless ``fresh``."""

    def compute():
        found = {}
        for figure in registry.figures():
            value = figure.value(year=year)
            if value is None:
                continue
            found[figure.key] = {
                "value": value,
                "previous": figure.value(year=year - 1),
                "url": figure.url(year=year),
            }
        return found

    if fresh:
        return compute()
    # The registered keys are part of the key: a room added or removed computes afresh.
    keys = hashlib.sha256(",".join(f.key for f in registry.figures()).encode()).hexdigest()
    return remember(f"review:figures:{year}:{keys[:16]}", compute, timeout=FIGURES_SECONDS)


def review_figures(*, page: ReviewPage) -> dict:
    """The figures the review of ``page.year`` shows, by key, in registry order; a frozen
    review's snapshot first (with today's value where it differs), then any figure
    registered since (live)."""
    live = figures_computed(year=page.year)
    shown = {}
    for snapshot in FigureSnapshot.objects.filter(page=page).order_by("pk"):
        now = live.get(snapshot.key)
        shown[snapshot.key] = FigureView(
            key=snapshot.key,
            label=snapshot.label,
            room=snapshot.room,
            unit=snapshot.unit,
            value=snapshot.value,
            url=snapshot.url,
            previous=snapshot.previous,
            live=now["value"] if now else None,
        )
    for figure in registry.figures():
        if figure.key in shown or figure.key not in live:
            continue
        row = live[figure.key]
        shown[figure.key] = FigureView(
            key=figure.key,
            label=figure.label,
            room=figure.room,
            unit=figure.unit,
            value=row["value"],
            url=row["url"],
            previous=row["previous"],
        )
    order = {f.key: n for n, f in enumerate(registry.figures())}
    return dict(sorted(shown.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def figures_by_room(*, figures: dict) -> list[tuple[str, list[FigureView]]]:
    """The figures grouped under their rooms' headings, in order."""
    rooms: dict[str, list[FigureView]] = {}
    for view in figures.values():
        rooms.setdefault(view.room, []).append(view)
    return list(rooms.items())


def review_freeze(*, page: ReviewPage) -> Freeze | None:
    return Freeze.objects.filter(page=page).first()


def review_years(*, index) -> list[ReviewPage]:
    """The index's live reviews, newest year first (one query)."""
    return list(
        public(ReviewPage.objects.live().child_of(index)).order_by("-year").defer_streamfields()
    )


def review_page_for_year(*, year) -> ReviewPage | None:
    return public(ReviewPage.objects.live()).filter(year=year).first()
