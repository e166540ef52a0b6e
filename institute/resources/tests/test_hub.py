"""The hub's listing: facets with counts, combinations, canonical URLs, bad parameters."""

import datetime

import pytest

from tests.factories import resources as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_set(hub):
    """Six resources with a known spread of types, topics, years and one collection."""
    cyber, data, ai = f.topic("cyber"), f.topic("data"), f.topic("ai")
    d23, d22 = datetime.date(2023, 6, 1), datetime.date(2022, 6, 1)
    r = [
        f.resource(hub, title="A", resource_type="briefing", topics=[cyber], published=d23),
        f.resource(hub, title="B", resource_type="briefing", topics=[cyber, data], published=d23),
        f.resource(hub, title="C", resource_type="briefing", topics=[data], published=d22),
        f.resource(hub, title="D", resource_type="report", topics=[cyber], published=d22),
        f.resource(hub, title="E", resource_type="report", topics=[ai], published=d23),
        f.resource(hub, title="F", resource_type="guidance", published=d23),
    ]
    f.collection(hub, title="Digital Trends 2023", slug="digital-trends-2023", items=r[:2])
    return r


def counts(response, facet):
    return {o.value: o.count for o in response.context["results"].facets[facet]}


def titles(response):
    return sorted(r.title for r in response.context["results"].page.object_list)


def test_hub_lists_every_live_resource(client, known_set):
    response = client.get("/resources/")
    assert titles(response) == ["A", "B", "C", "D", "E", "F"]


def test_hub_hides_draft_resources(client, hub, known_set):
    draft = f.resource(hub, title="Draft", live=False)
    assert draft.title not in titles(client.get("/resources/"))


def test_type_facet_counts_every_type(client, known_set):
    assert counts(client.get("/resources/"), "type") == {"briefing": 3, "report": 2, "guidance": 1}


def test_topic_facet_counts_resources_per_topic(client, known_set):
    assert counts(client.get("/resources/"), "topic") == {"cyber": 3, "data": 2, "ai": 1}


def test_year_facet_counts_resources_per_year(client, known_set):
    assert counts(client.get("/resources/"), "year") == {"2023": 4, "2022": 2}


def test_facet_counts_follow_content_changes(client, hub, known_set, settings):
    # The counts are kept between requests until content next changes.
    settings.PAGE_CACHE_SECONDS = 0
    assert counts(client.get("/resources/?year=2023"), "topic") == {"cyber": 2, "data": 1, "ai": 1}
    f.resource(hub, title="G", topics=[f.topic("ai")], published=datetime.date(2023, 2, 1))
    assert counts(client.get("/resources/?year=2023"), "topic") == {"cyber": 2, "data": 1, "ai": 2}
    known_set[0].unpublish()
    assert counts(client.get("/resources/?year=2023"), "topic") == {"cyber": 1, "data": 1, "ai": 2}


def test_search_facet_counts_follow_content_changes(client, hub, known_set, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert counts(client.get("/resources/?q=public+text"), "type")["briefing"] == 3
    f.resource(hub, title="H", resource_type="briefing")
    assert counts(client.get("/resources/?q=public+text"), "type")["briefing"] == 4


def test_private_resources_are_not_listed_or_counted(client, known_set, settings):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_SECONDS = 0
    assert counts(client.get("/resources/"), "type")["briefing"] == 3
    restriction = PageViewRestriction.objects.create(
        page=known_set[0], restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/resources/")
    assert "A" not in titles(response)
    assert counts(response, "type")["briefing"] == 2
    restriction.delete()
    assert "A" in titles(client.get("/resources/"))


def test_collection_facet_counts_members_of_each_collection(client, known_set):
    assert counts(client.get("/resources/"), "collection") == {"digital-trends-2023": 2}


def test_type_path_segment_filters_by_type(client, known_set):
    assert titles(client.get("/resources/briefing/")) == ["A", "B", "C"]


def test_facets_combine(client, known_set):
    response = client.get("/resources/briefing/?topic=cyber&year=2023")
    assert titles(response) == ["A", "B"]


def test_collection_facet_filters_by_membership(client, known_set):
    assert titles(client.get("/resources/?collection=digital-trends-2023")) == ["A", "B"]


def test_facet_counts_apply_the_other_chosen_facets(client, known_set):
    response = client.get("/resources/briefing/?topic=cyber")
    # Years among cyber briefings; types among cyber resources of any type.
    assert counts(response, "year") == {"2023": 2}
    assert counts(response, "type") == {"briefing": 2, "report": 1}


def test_result_count_matches_the_filtered_listing(client, known_set):
    response = client.get("/resources/?topic=cyber")
    assert response.context["results"].total == 3


def test_canonical_url_reproduces_the_view_in_a_fixed_order(client, known_set):
    response = client.get("/resources/briefing/?year=2023&topic=cyber&utm_source=x")
    expected = "http://testserver/resources/briefing/?topic=cyber&amp;year=2023"
    assert f'<link rel="canonical" href="{expected}">' in response.content.decode()


def test_facet_links_keep_the_other_filters(client, known_set):
    response = client.get("/resources/briefing/?topic=cyber")
    years = {r["option"].value: r["url"] for r in response.context["facet_links"]["year"]}
    assert years["2023"] == "/resources/briefing/?topic=cyber&year=2023"


def test_selected_facet_link_removes_that_filter(client, known_set):
    response = client.get("/resources/briefing/?topic=cyber")
    topics = {r["option"].value: r["url"] for r in response.context["facet_links"]["topic"]}
    assert topics["cyber"] == "/resources/briefing/"


def test_listing_paginates(client, hub, known_set):
    hub.per_page = 4
    hub.save()
    first, second = client.get("/resources/"), client.get("/resources/?page=2")
    assert len(first.context["results"].page.object_list) == 4
    assert len(second.context["results"].page.object_list) == 2


def test_page_beyond_the_last_shows_the_last_page(client, known_set):
    response = client.get("/resources/?page=999")
    assert response.status_code == 200
    assert response.context["results"].page.number == 1


def test_listing_is_newest_first_by_default(client, known_set):
    listed = [r.title for r in client.get("/resources/").context["results"].page.object_list]
    assert listed[-2:] in (["C", "D"], ["D", "C"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("topic=no-such-topic", "We have no topic called “no-such-topic”."),
        ("collection=nowhere", "We have no collection called “nowhere”."),
        ("year=twenty", "Enter a whole number."),
        ("year=1066", "greater than or equal to 1990"),
        ("sort=sideways", "Select a valid choice."),
        ("topic=%3Cscript%3E", "Enter a valid “slug”"),
    ],
)
def test_unknown_facet_values_get_a_clear_message(client, known_set, query, message):
    response = client.get(f"/resources/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_type_segment_is_not_found(client, known_set):
    assert client.get("/resources/pamphlet/").status_code == 404


def test_atom_feed_of_a_filtered_view_lists_exactly_that_view(client, known_set):
    import feedparser

    feed = feedparser.parse(client.get("/resources/briefing/feed/?topic=cyber").content)
    assert not feed.bozo
    assert sorted(e.title for e in feed.entries) == ["A", "B"]


def test_atom_feed_with_bad_parameters_says_why(client, known_set):
    response = client.get("/resources/feed/?topic=nope")
    assert response.status_code == 400
    assert "We have no topic" in response.content.decode()


def test_hub_advertises_the_feed_of_the_view(client, known_set):
    body = client.get("/resources/briefing/?topic=cyber").content.decode()
    assert 'type="application/atom+xml"' in body
    assert 'href="/resources/briefing/feed/?topic=cyber"' in body
