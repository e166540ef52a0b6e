"""Creating calendar items in bulk, for the large demo scale and the query-count tests.

Adding 20,000 Wagtail pages one by one takes many minutes (each insert rewrites the tree and
the search index). Items built here are inserted in batches: the page rows with their
materialised tree paths computed up front, the item rows beside them, then occurrences and
topics with ``bulk_create``. They are published, but not put in the search index (run
``manage.py update_index`` if the site search should find them).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from institute.core.cache import invalidate

from .models import CalendarItemPage, Occurrence
from .models.pages import searched_text
from .recurrence import expand

BATCH = 1000


def _next_step(parent: Page) -> int:
    last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def bulk_add_items(calendar, items: list[CalendarItemPage], *, topics_by_slug=None) -> list:
    """Insert unsaved ``items`` (with ``slug``, ``title`` and item fields) under ``calendar``.

    ``topics_by_slug`` maps an item's slug to a list of Topic ids. Returns the saved items.
    """
    calendar = Page.objects.get(pk=calendar.pk)
    content_type = ContentType.objects.get_for_model(CalendarItemPage)
    step = _next_step(calendar)
    now = timezone.now()
    page_fields = {f.attname for f in Page._meta.concrete_fields}
    for offset in range(0, len(items), BATCH):
        batch = items[offset : offset + BATCH]
        pages = []
        for index, item in enumerate(batch):
            item.path = Page._get_path(calendar.path, calendar.depth + 1, step + offset + index)
            item.depth = calendar.depth + 1
            item.numchild = 0
            item.content_type_id = content_type.pk
            item.locale_id = calendar.locale_id
            item.url_path = f"{calendar.url_path}{item.slug}/"
            item.draft_title = item.title
            item.live = True
            item.first_published_at = item.last_published_at = now
            item.search_text = searched_text(item)
            pages.append(
                Page(**{name: getattr(item, name) for name in page_fields if name != "id"})
            )
        Page.objects.bulk_create(pages)
        if connection.vendor != "postgresql":  # only PostgreSQL returns ids from bulk inserts
            paths = {p.path: p.pk for p in Page.objects.filter(path__in=[p.path for p in pages])}
            for page in pages:
                page.pk = paths[page.path]
        for item, page in zip(batch, pages, strict=True):
            item.id = item.page_ptr_id = page.pk
        local = list(CalendarItemPage._meta.local_concrete_fields)
        CalendarItemPage.objects._insert(batch, fields=local)
    Page.objects.filter(pk=calendar.pk).update(numchild=calendar.numchild + len(items))
    Occurrence.objects.bulk_create(
        [
            Occurrence(item_id=item.pk, start=start, end=end)
            for item in items
            for start, end in expand(item.start, item.end, item.recurrence)
        ],
        batch_size=BATCH,
    )
    if topics_by_slug:
        through = CalendarItemPage.topics.through
        through.objects.bulk_create(
            [
                through(calendaritempage_id=item.pk, topic_id=topic_id)
                for item in items
                for topic_id in topics_by_slug.get(item.slug, [])
            ],
            batch_size=BATCH,
        )
    # Bulk inserts send no model signals, so retire the anonymous page cache here.
    invalidate()
    return items
