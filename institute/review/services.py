"""Writes of the year in review: freezing a year's figures and thawing them."""

from django.db import transaction
from django.utils import timezone

from institute.core import figures as registry

from .models import FigureSnapshot, Freeze, ReviewPage
from .selectors import figures_computed


@transaction.atomic
def review_freeze(*, page: ReviewPage, user=None) -> Freeze:
    """Snapshot every figure of the page's year as it stands now, with the date. Freezing
    again replaces the snapshot. The page row is locked, so two freezes at once make one
    snapshot, not a mixture of two."""
    ReviewPage.objects.select_for_update().filter(pk=page.pk).first()
    computed = figures_computed(year=page.year, fresh=True)
    FigureSnapshot.objects.filter(page=page).delete()
    rows = []
    for figure in registry.figures():
        if figure.key not in computed:
            continue
        row = computed[figure.key]
        rows.append(
            FigureSnapshot(
                page=page,
                key=figure.key,
                label=figure.label,
                room=figure.room,
                unit=figure.unit,
                value=row["value"],
                previous=row["previous"],
                url=row["url"][:500],
            )
        )
    FigureSnapshot.objects.bulk_create(rows)
    freeze, _ = Freeze.objects.update_or_create(
        page=page, defaults={"frozen_at": timezone.now(), "frozen_by": user}
    )
    return freeze


@transaction.atomic
def review_thaw(*, page: ReviewPage) -> None:
    """Let the review's figures follow the data again."""
    ReviewPage.objects.select_for_update().filter(pk=page.pk).first()
    FigureSnapshot.objects.filter(page=page).delete()
    Freeze.objects.filter(page=page).delete()
