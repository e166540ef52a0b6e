"""The calendar listing and its feeds (served by ``CalendarPage``'s routes)."""

from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from institute.core.cache import depends_on, remember
from institute.core.methods import safe_methods
from institute.core.selectors import topic_list
from institute.people.models import Region

from .. import selectors
from ..choices import SUB_KINDS, Format, Kind, Status, SubKind, When
from ..filters import CalendarFilters, parse
from ..ics import build_calendar

PER_PAGE = 20
FACET_CACHE_SECONDS = 60
FEED_LIMIT = 1000


def _heading(filters: CalendarFilters) -> str:
    if filters.sub_kind:
        return f"{Kind(filters.kind).label}: {SubKind(filters.sub_kind).label.lower()}"
    if filters.kind:
        return Kind(filters.kind).label
    return "Calendar"


def _options(choices, counts, selected):
    return [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "selected": value == selected,
        }
        for value, label in choices
    ]


def _facets(base, filters, counts, topics):
    kinds = []
    for kind in Kind:
        target = replace(filters.without("sub_kind", "page"), kind=kind.value)
        kinds.append(
            {
                "label": kind.label,
                "count": counts["kind"].get(kind.value, 0),
                "url": target.path(base) + target.canonical_query(),
                "current": filters.kind == kind.value and not filters.sub_kind,
            }
        )
    sub_kinds = []
    if filters.kind:
        for sub in SUB_KINDS[Kind(filters.kind)]:
            target = replace(filters.without("page"), sub_kind=sub.value)
            sub_kinds.append(
                {
                    "label": sub.label,
                    "count": counts["sub_kind"].get(sub.value, 0),
                    "url": target.path(base) + target.canonical_query(),
                    "current": filters.sub_kind == sub.value,
                }
            )
    all_items = filters.without("kind", "sub_kind", "page")
    return {
        "all_url": all_items.path(base) + all_items.canonical_query(),
        "all_count": sum(counts["kind"].values()),
        "kinds": kinds,
        "sub_kinds": sub_kinds,
        "regions": _options(Region.choices, counts["region"], filters.region),
        "formats": _options(Format.choices, counts["format"], filters.format),
        "topics": _options([(t.slug, t.name) for t in topics], counts["topic"], filters.topic),
        "whens": _options(When.choices, counts["when"], filters.when),
    }


def _facet_counts(filters, now):
    """Facet counts, kept for a minute per view and retired by any content change.

    Counting every option is the listing's heaviest work (a GROUP BY per filter over every
    occurrence), and its answer changes only when content changes (items and their dates;
    bookings change no count): the key holds the page cache's generation, which content
    events bump, and the minute.
    """
    key = f"events:facets:{filters.path('/')}{filters.without('page').canonical_query()}"
    return remember(
        f"{key}:{now:%Y%m%d%H%M}",
        lambda: selectors.facet_counts(filters=filters, now=now),
        FACET_CACHE_SECONDS,
    )


def _rows(request, occurrences, filters):
    """What each listed occurrence shows, worked out here once rather than looked up and
    filtered piece by piece in the template (the same text the template used to build)."""
    rows = []
    for occurrence in occurrences:
        item = occurrence.item
        start = localtime(occurrence.start)
        scheduled = item.status == Status.SCHEDULED
        places = ""
        if filters.when != When.PAST and scheduled:
            left = selectors.availability(occurrence=occurrence).places_left
            places = (
                f"{left} place{pluralize(left)} left"
                if left
                else "Fully booked — waiting list open"
            )
        rows.append(
            {
                "url": item.get_url(request),
                "title": item.title,
                "datetime": date_format(start, "c"),
                "date": date_format(start, "D j M Y, H:i"),
                "kind": item.get_kind_display(),
                "sub_kind": item.get_sub_kind_display().lower() if item.sub_kind else "",
                "format": item.get_format_display(),
                "region": item.get_region_display(),
                "status": "" if scheduled else item.status,
                "status_label": item.get_status_display(),
                "summary": item.summary,
                "places": places,
                "members_only": item.members_only,
            }
        )
    return rows


def calendar_listing(request, page, kind, sub_kind):
    topics = list(topic_list())
    filters = parse(request.GET, kind=kind, sub_kind=sub_kind, topic_slugs=[t.slug for t in topics])
    now = timezone.now()
    base = page.get_url(request)
    counts = _facet_counts(filters, now)
    paginator = Paginator(selectors.calendar_ids(filters=filters, now=now), PER_PAGE)
    paginator.count = counts["when"][filters.when]  # already counted with the facets
    page_obj = paginator.get_page(filters.page)
    depends_on(request, selectors.PLACES_TAG)  # places change with bookings, not content
    page_obj.object_list = selectors.with_places(ids=list(page_obj.object_list))
    path = filters.path(base)
    heading = _heading(filters)
    context = page.get_context(request)
    context.update(
        {
            "filters": filters,
            "heading": heading,
            "page_obj": page_obj,
            "occurrences": page_obj.object_list,
            "rows": _rows(request, page_obj.object_list, filters),
            "facets": _facets(base, filters, counts, topics),
            "page_links": [
                {"number": n, "url": path + filters.canonical_query(page=n)}
                for n in page_obj.paginator.get_elided_page_range(page_obj.number)
                if isinstance(n, int)
            ],
            "path": path,
            "canonical_url": request.build_absolute_uri(path + filters.canonical_query()),
            "feed_url": path + "feed.ics" + filters.without("page").canonical_query(),
            "meta_title": heading if heading != "Calendar" else page.title,
            "now": now,
        }
    )
    if page_obj.number != filters.page and not filters.errors:
        context["filters_notice"] = f"There are only {paginator.num_pages} pages; showing the last."
    status = 400 if filters.errors else 200
    return TemplateResponse(request, "events/calendar_page.html", context, status=status)


def calendar_feed(request, page, kind, sub_kind):
    topics = [t.slug for t in topic_list()]
    filters = parse(request.GET, kind=kind, sub_kind=sub_kind, topic_slugs=topics)
    if filters.errors:
        return HttpResponse(
            "\n".join(filters.errors), status=400, content_type="text/plain; charset=utf-8"
        )
    occurrences = selectors.feed_occurrences(filters=filters, limit=FEED_LIMIT)
    name = f"{settings.WAGTAIL_SITE_NAME} — {_heading(filters)}"
    body = build_calendar(occurrences, name=name, subscribed=True)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def item_feed(request, item):
    """Every occurrence of one item, for 'add to calendar'."""
    occurrences = list(item.occurrences.select_related("item").order_by("start"))
    for occurrence in occurrences:
        occurrence.item = item  # the page being served, already in hand
    response = HttpResponse(
        build_calendar(occurrences, name=item.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.ics"'
    return response


def _route(request, path):
    """The Wagtail page at ``path`` and, for the calendar, the kind and sub-kind it names."""
    from wagtail.models import Site

    from ..models import CalendarPage
    from ..models.pages import check_sub_kind

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    result = site.root_page.specific.route(request, components)
    page, args = result.page.specific, result.args
    if not page.live:
        raise Http404
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    kwargs = {}
    if isinstance(page, CalendarPage) and args:
        kwargs = args[2]
        check_sub_kind(kwargs.get("kind"), kwargs.get("sub_kind"))
    return page, kwargs


@safe_methods
def feed(request, path):
    """``<calendar view>/feed.ics``: the view at ``path`` as a subscribable calendar."""
    from ..models import CalendarPage

    page, kwargs = _route(request, path)
    if not isinstance(page, CalendarPage):
        raise Http404
    return calendar_feed(request, page, kwargs.get("kind"), kwargs.get("sub_kind"))


@safe_methods
def item_calendar(request, path):
    """``<item>/calendar.ics``: every occurrence of one item, for 'add to calendar'."""
    from ..models import CalendarItemPage

    page, _ = _route(request, path)
    if not isinstance(page, CalendarItemPage):
        raise Http404
    return item_feed(request, page)
