"""The calendar listing: filters alone and combined, counts, canonical URLs, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.core.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(make_item):
    """A known calendar: six items, one a monthly series of three drop-ins."""
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
        for slug in ("cyber", "leadership", "ai")
    }
    make_item(
        "Cyber summit",
        days=10,
        kind="events",
        sub_kind="conference",
        region="london",
        format="in-person",
        topics=[topics["cyber"]],
    )
    make_item(
        "Leadership workshop",
        days=20,
        kind="training",
        sub_kind="workshop",
        region="north-west",
        format="virtual",
        topics=[topics["leadership"]],
    )
    make_item(
        "Remote teams workshop",
        days=-30,
        kind="training",
        sub_kind="workshop",
        region="north-west",
        format="virtual",
        topics=[topics["leadership"]],
    )
    make_item(
        "AI webinar",
        days=5,
        kind="webinars",
        region="national",
        format="virtual",
        topics=[topics["ai"]],
    )
    make_item(
        "Change Agent course",
        days=40,
        kind="training",
        sub_kind="course",
        region="wales",
        format="hybrid",
    )
    make_item(
        "Member drop-in",
        days=3,
        kind="events",
        sub_kind="drop-in",
        region="national",
        format="virtual",
        recurrence="FREQ=MONTHLY;COUNT=3",
    )
    return topics


def titles(response):
    return [o.item.title for o in response.context["occurrences"]]


def test_calendar_lists_upcoming_soonest_first_with_each_occurrence(client, programme):
    response = client.get("/calendar/")
    assert titles(response) == [
        "Member drop-in",
        "AI webinar",
        "Cyber summit",
        "Leadership workshop",
        "Member drop-in",
        "Change Agent course",
        "Member drop-in",
    ]


def test_past_lists_latest_first(client, programme, make_item):
    make_item("Older workshop", days=-60, kind="training", sub_kind="workshop")
    response = client.get("/calendar/?when=past")
    assert titles(response) == ["Remote teams workshop", "Older workshop"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/calendar/training/", ["Leadership workshop", "Change Agent course"]),
        ("/calendar/training/workshop/", ["Leadership workshop"]),
        ("/calendar/webinars/", ["AI webinar"]),
        ("/calendar/?region=wales", ["Change Agent course"]),
        ("/calendar/?format=hybrid", ["Change Agent course"]),
        ("/calendar/?topic=cyber", ["Cyber summit"]),
        ("/calendar/?q=summit", ["Cyber summit"]),
        ("/calendar/?q=SUMMIT", ["Cyber summit"]),
        (
            "/calendar/training/workshop/?region=north-west&format=virtual&when=past",
            ["Remote teams workshop"],
        ),
        (
            "/calendar/training/workshop/?region=north-west&format=virtual&topic=leadership"
            "&when=past&q=remote",
            ["Remote teams workshop"],
        ),
        ("/calendar/events/?format=virtual", ["Member drop-in"] * 3),
        ("/calendar/events/conference/?format=virtual", []),
    ],
)
def test_filters_alone_and_combined(client, programme, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == expected


def test_each_filter_option_counts_what_it_would_give(client, programme):
    facets = client.get("/calendar/training/").context["facets"]
    regions = {o["value"]: o["count"] for o in facets["regions"]}
    assert regions["north-west"] == 1 and regions["wales"] == 1 and regions["london"] == 0
    kinds = {k["label"]: k["count"] for k in facets["kinds"]}
    assert kinds == {"Events": 4, "Training": 2, "Webinars": 1}
    subs = {s["label"]: s["count"] for s in facets["sub_kinds"]}
    assert subs == {"Programme": 0, "Course": 1, "Workshop": 1}
    whens = {o["value"]: o["count"] for o in facets["whens"]}
    assert whens == {"upcoming": 2, "past": 1}


def test_unpublished_items_are_not_listed(client, programme, make_item):
    hidden = make_item("Draft event", days=2)
    hidden.unpublish()
    assert "Draft event" not in titles(client.get("/calendar/"))


@pytest.mark.parametrize(
    "query",
    [
        "region=atlantis",
        "format=teleport",
        "topic=nope",
        "when=tomorrow",
        "page=abc",
        "page=-1",
        "region=%3Cscript%3Ealert(1)%3C/script%3E",
        "q=" + "x" * 5000,
        "region=%00",
    ],
)
def test_malformed_filters_get_a_clear_message_not_a_500(client, programme, query):
    response = client.get(f"/calendar/?{query}")
    assert response.status_code == 400
    assert response.context["filters"].errors
    assert b"could not be used" in response.content
    assert b"<script>alert" not in response.content


def test_odd_characters_in_search_are_fine(client, programme):
    response = client.get("/calendar/?q=%27%22%3B--%20%25_%5C")
    assert response.status_code == 200
    assert titles(response) == []


def test_unknown_sub_kind_is_not_found(client, programme):
    assert client.get("/calendar/webinars/workshop/").status_code == 404
    assert client.get("/calendar/training/conference/").status_code == 404


def test_canonical_url_is_in_a_fixed_order_without_defaults(client, programme):
    response = client.get(
        "/calendar/training/workshop/?q=remote&when=past&topic=leadership&format=virtual"
        "&region=north-west&utm_source=x"
    )
    assert response.context["canonical_url"] == (
        "http://testserver/calendar/training/workshop/?region=north-west&format=virtual"
        "&topic=leadership&when=past&q=remote"
    )
    assert client.get("/calendar/?when=upcoming").context["canonical_url"] == (
        "http://testserver/calendar/"
    )


def test_canonical_url_reproduces_the_view(client, programme):
    first = client.get("/calendar/training/?q=workshop&when=past&region=north-west")
    again = client.get(first.context["canonical_url"])
    assert again.context["canonical_url"] == first.context["canonical_url"]
    assert titles(again) == titles(first) == ["Remote teams workshop"]
    assert f'<link rel="canonical" href="{first.context["canonical_url"]}">'.encode() in (
        first.content.replace(b"&amp;", b"&")
    )


def test_pagination_keeps_the_filters(client, calendar, make_item):
    for n in range(25):
        make_item(f"Webinar {n}", days=n + 1, kind="webinars", region="london")
    response = client.get("/calendar/webinars/?region=london")
    links = [link["url"] for link in response.context["page_links"]]
    assert links == [
        "/calendar/webinars/?region=london",
        "/calendar/webinars/?region=london&page=2",
    ]
    second = client.get(links[1])
    assert [o.item.title for o in second.context["occurrences"]] == [
        f"Webinar {n}" for n in range(20, 25)
    ]


def _listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _bulk_items(calendar, count, offset):
    import datetime as dt

    from django.utils import timezone

    from institute.events.bulk import bulk_add_items
    from institute.events.models import CalendarItemPage

    start = timezone.now() + dt.timedelta(days=1)
    items = [
        CalendarItemPage(
            title=f"Bulk item {offset + n}",
            slug=f"bulk-item-{offset + n}",
            kind=("events", "training", "webinars")[n % 3],
            sub_kind=("conference", "workshop", "")[n % 3],
            start=start + dt.timedelta(hours=n),
            end=start + dt.timedelta(hours=n + 1),
        )
        for n in range(count)
    ]
    bulk_add_items(calendar, items)


@pytest.mark.parametrize(
    "url",
    [
        # Facets from one grouped query, and from one query per facet (two narrow filters).
        "/calendar/training/?format=in-person&q=bulk",
        "/calendar/training/workshop/?region=national&format=in-person",
    ],
)
def test_listing_query_count_is_the_same_for_10_and_1000_items(client, calendar, topic, url):
    _bulk_items(calendar, 10, 0)
    client.get("/calendar/?warm=up")  # the site's root paths are cached after a first request
    small = _listing_queries(client, url)
    _bulk_items(calendar, 990, 10)
    client.get("/calendar/?warm=again")  # the roof's cached chrome was retired by the insert
    large = _listing_queries(client, url)
    assert small == large
    assert large <= 15  # six of them are Wagtail routing the page and its breadcrumbs


def test_anonymous_listing_is_served_from_the_page_cache_second_time(client, programme):
    client.get("/calendar/")
    assert client.get("/calendar/")["X-Page-Cache"] == "hit"


def test_an_item_is_upcoming_until_it_ends_even_when_others_start_later(client, make_item):
    """The listing starts reading at the earliest start of what is not over yet; what began
    before that and has ended stays out, what is on now stays in, soonest start first."""
    make_item("Finished yesterday", days=-2, hours=24, kind="events")
    make_item("Five-day programme", days=-3, hours=24 * 5, kind="training")
    make_item("Short course, ended", days=-1, hours=1, kind="training")
    make_item("Next week", days=7, kind="events")
    assert titles(client.get("/calendar/")) == ["Five-day programme", "Next week"]
    assert titles(client.get("/calendar/training/")) == ["Five-day programme"]
    assert titles(client.get("/calendar/?when=past")) == [
        "Short course, ended",
        "Finished yesterday",
    ]


def _ids(filters):
    from institute.events import selectors

    return list(selectors.calendar_ids(filters=filters))


@pytest.mark.parametrize(
    "url",
    [
        "/calendar/",
        "/calendar/?when=past",
        "/calendar/training/",
        "/calendar/training/workshop/?region=north-west&format=virtual",
        "/calendar/events/?format=virtual&topic=leadership",
        "/calendar/?region=national&q=e",
        "/calendar/?topic=ai&when=past",
    ],
)
def test_every_count_is_what_choosing_that_option_would_list(client, programme, url):
    """Each option's count (kind, sub-kind, region, format, topic, time) is the number of
    occurrences the listing shows when that option is chosen and the rest stay as they are."""
    from dataclasses import replace

    from institute.events.choices import SUB_KINDS, Format, Kind, When
    from institute.people.models import Region

    response = client.get(url)
    filters, counts = response.context["filters"], {}
    facets = response.context["facets"]
    counts["kind"] = {k["label"]: k["count"] for k in facets["kinds"]}
    for kind in Kind:
        chosen = replace(filters, kind=kind.value, sub_kind=None)
        assert counts["kind"][kind.label] == len(_ids(chosen)), kind
    for sub in SUB_KINDS[Kind(filters.kind)] if filters.kind else []:
        count = next(s["count"] for s in facets["sub_kinds"] if s["label"] == sub.label)
        assert count == len(_ids(replace(filters, sub_kind=sub.value))), sub
    for name, choices, options in (
        ("region", Region.values, facets["regions"]),
        ("format", Format.values, facets["formats"]),
        ("topic", list(programme), facets["topics"]),
        ("when", When.values, facets["whens"]),
    ):
        shown = {o["value"]: o["count"] for o in options}
        for value in choices:
            assert shown[value] == len(_ids(replace(filters, **{name: value}))), (name, value)
    assert response.context["page_obj"].paginator.count == len(_ids(filters))


def test_search_finds_title_summary_and_venue_but_never_across_them(client, make_item):
    make_item("Data summit", summary="Talks about leadership.", venue="Leeds")
    assert titles(client.get("/calendar/?q=data")) == ["Data summit"]
    assert titles(client.get("/calendar/?q=LEADERSHIP")) == ["Data summit"]
    assert titles(client.get("/calendar/?q=leeds")) == ["Data summit"]
    # The end of the title and the start of the summary are not one phrase.
    assert titles(client.get("/calendar/?q=summit+talks")) == []
    assert titles(client.get("/calendar/?q=leadership.+leeds")) == []


def test_search_follows_the_published_title_not_a_draft(client, make_item):
    item = make_item("Cyber clinic", summary="Hands-on.")
    draft = item.get_latest_revision_as_object()
    draft.title = "Privacy clinic"
    revision = draft.save_revision()
    assert titles(client.get("/calendar/?q=privacy")) == []
    assert titles(client.get("/calendar/?q=cyber")) == ["Cyber clinic"]
    revision.publish()
    assert titles(client.get("/calendar/?q=privacy")) == ["Privacy clinic"]
    assert titles(client.get("/calendar/?q=cyber")) == []


def test_bulk_added_items_are_searchable(client, calendar):
    _bulk_items(calendar, 3, 0)
    assert titles(client.get("/calendar/?q=bulk+item+1")) == ["Bulk item 1"]
