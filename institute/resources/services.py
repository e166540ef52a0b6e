"""Writes of the resource hub: creating resources one at a time (editors' drafts, demo
content) and in bulk (benchmark volumes)."""

import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from institute.core import cache as page_cache

from .models import ResourcePage


@transaction.atomic
def resource_create(
    *,
    parent,
    title,
    slug=None,
    model=ResourcePage,
    live=True,
    topics=(),
    authors=(),
    **fields,
):
    """Add a resource (or a subclass such as an episode) under ``parent``.

    A draft (``live=False``) gets a saved revision so that editors find it in the admin
    ready to finish; a live resource is published straight away.
    """
    page = model(title=title, slug=slug or "", live=live, **fields)
    if not slug:
        from django.utils.text import slugify

        page.slug = slugify(title)[:255] or "resource"
    page.slug = _unique_slug(parent, page.slug)
    parent.add_child(instance=page)
    if topics:
        page.topics.set(topics)
    if authors:
        page.authors.set(authors)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def _unique_slug(parent, slug):
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug[:250]}-{n}"
        n += 1
    return candidate


@transaction.atomic
def resources_bulk_create(*, hub, rows, batch_size=1000):
    """Create many live resources under ``hub`` fast, for benchmark volumes.

    Wagtail's ``add_child`` costs several queries per page (tree paths, revisions, search
    index). Here the tree paths are computed in Python, the page and resource rows are
    inserted in batches, and the search index is filled with one bulk call per batch.
    ``rows`` are dicts with ``title``, ``slug``, ``resource_type``, ``summary``, ``published``,
    ``body`` (a list of StreamField blocks as JSON data) and ``topic_ids``.
    Returns the number of resources created.
    """
    hub = Page.objects.get(pk=hub.pk)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locale = Locale.get_default()
    last = hub.get_last_child()
    position = int(last.path[-Page.steplen :], 36) if last else 0
    now = timezone.now()
    created = 0
    rows = list(rows)
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        pages = []
        for row in batch:
            position += 1
            pages.append(
                Page(
                    title=row["title"],
                    draft_title=row["title"],
                    slug=row["slug"],
                    content_type=content_type,
                    path=hub.path + Page._int2str(position).rjust(Page.steplen, "0"),
                    depth=hub.depth + 1,
                    numchild=0,
                    url_path=f"{hub.url_path}{row['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages)
        # Django cannot bulk-create a multi-table child; insert its own table's rows directly.
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        _insert_resource_rows(
            [(ids[page.path], row, page) for page, row in zip(pages, batch, strict=True)]
        )
        through = ResourcePage.topics.through
        through.objects.bulk_create(
            [
                through(resourcepage_id=ids[page.path], topic_id=topic_id)
                for page, row in zip(pages, batch, strict=True)
                for topic_id in row.get("topic_ids", ())
            ]
        )
        resources = list(ResourcePage.objects.filter(pk__in=ids.values()))
        get_search_backend().add_bulk(ResourcePage, resources)
        created += len(batch)
    Page.objects.filter(pk=hub.pk).update(numchild=hub.get_children().count())
    # Bulk inserts send no model signals: new live pages are content, so say so here.
    page_cache.invalidate()
    return created


def _insert_resource_rows(items):
    table = ResourcePage._meta.db_table
    columns = [
        "page_ptr_id",
        "summary",
        "resource_type",
        "published",
        "updated",
        "body",
        "members_body",
        "image_id",
    ]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    values = [
        (
            pk,
            row.get("summary", ""),
            row["resource_type"],
            row["published"],
            None,
            json.dumps(row.get("body", [])),
            "[]",
            None,
        )
        for pk, row, _page in items
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",  # noqa: S608 — names from the model
            values,
        )


def hub_search_index_refresh():
    """Index every live page of the hub now, rather than waiting for the task worker.

    Wagtail updates its search index in background tasks; demo data and imports call this so
    that search works the moment they finish.
    """
    from .models import CollectionPage, PodcastEpisodePage, PodcastSeriesPage

    backend = get_search_backend()
    for model in (ResourcePage, PodcastEpisodePage, CollectionPage, PodcastSeriesPage):
        objects = list(
            model.objects.live().specific() if model is ResourcePage else model.objects.live()
        )
        if model is ResourcePage:
            objects = [o for o in objects if type(o) is ResourcePage]
        if objects:
            backend.add_bulk(model, objects)


@transaction.atomic
def resource_import_pdf(*, path, hub, resource_type):
    """Create a draft resource from the PDF at ``path``; returns ``(page, problems)``.

    Raises ``PdfImportError`` (and creates nothing) when the file is not a readable PDF.
    """
    from .pdf import read_pdf

    draft = read_pdf(path)
    page = resource_create(
        parent=hub,
        title=draft.title,
        live=False,
        resource_type=resource_type,
        summary="",
        body=draft.blocks,
    )
    return page, draft.problems
