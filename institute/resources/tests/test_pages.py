"""A resource page: facts, body blocks, structured data, sharing, related content."""

import datetime
import json
import re
import uuid

import pytest
from django.core.exceptions import ValidationError

from tests.factories import resources as f

from ..blocks import FigureBlock

pytestmark = pytest.mark.django_db


def json_ld(body):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


def test_reading_time_is_computed_from_the_body(hub):
    page = f.resource(hub, body="<p>" + "word " * 460 + "</p>")
    assert page.reading_minutes == 2


def test_reading_time_is_at_least_one_minute(hub):
    assert f.resource(hub, body="<p>Short.</p>").reading_minutes == 1


def test_resource_page_shows_type_dates_and_reading_time(client, hub):
    page = f.resource(hub, title="Cyber resilience", published=datetime.date(2023, 3, 1))
    body = client.get(page.url).content.decode()
    assert "Briefing" in body
    assert '<time datetime="2023-03-01">1 March 2023</time>' in body
    assert "1 minute" in body


def test_report_is_described_as_a_schema_org_report(client, hub):
    page = f.resource(hub, title="The Power of Digital", resource_type="report")
    data = json_ld(client.get(page.url).content.decode())
    assert data["@type"] == "Report"
    assert data["headline"] == "The Power of Digital"
    assert data["datePublished"] == "2023-05-01"


def test_briefing_is_described_as_a_schema_org_article(client, hub):
    data = json_ld(client.get(f.resource(hub).url).content.decode())
    assert data["@type"] == "Article"


def test_structured_data_cannot_close_its_script_element(client, hub):
    page = f.resource(hub, title="Tricky </script><script>alert(1)</script>")
    body = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in body
    assert json_ld(body)["headline"] == "Tricky </script><script>alert(1)</script>"


def test_resource_page_has_share_links(client, hub):
    page = f.resource(hub, title="Share me")
    body = client.get(page.url).content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fresources%2Fshare-me%2F"
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}" in body
    assert "mailto:?subject=Share%20me" in body
    assert 'data-copy-url="http://testserver/resources/share-me/"' in body


def test_resource_page_has_open_graph_article_metadata(client, hub):
    page = f.resource(hub, title="Open graph", summary="A summary for previews.")
    body = client.get(page.url).content.decode()
    assert '<meta property="og:type" content="article">' in body
    assert '<meta property="og:description" content="A summary for previews.">' in body
    assert '<meta name="twitter:card" content="summary">' in body


def test_figure_without_alt_text_is_refused():
    block = FigureBlock()
    value = block.to_python({"image": f.image().pk, "alt": "", "caption": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_table_renders_with_column_and_row_headers(client, hub):
    page = f.resource(hub, body=None)
    page.body = [
        {
            "type": "table",
            "id": str(uuid.uuid4()),
            "value": {
                "caption": "Risk levels",
                "table": {"data": [["Use", "Risk"], ["Drafting", "Low"]]},
            },
        }
    ]
    page.save()
    body = client.get(page.url).content.decode()
    assert "<caption>Risk levels</caption>" in body
    assert '<th scope="col">Use</th>' in body
    assert '<th scope="row">Drafting</th>' in body


def test_resource_page_lists_related_resources_on_the_same_topic(client, hub):
    cyber = f.topic("cyber")
    page = f.resource(hub, title="One", topics=[cyber])
    f.resource(hub, title="Two on cyber", topics=[cyber])
    f.resource(hub, title="Three elsewhere", topics=[f.topic("data")])
    related = [r.title for r in client.get(page.url).context["related"]]
    assert related == ["Two on cyber"]


def test_topic_page_shows_the_newest_resources_on_the_topic(client, hub):
    cyber = f.topic("cyber", "Cyber security")
    f.resource(hub, title="Cyber resilience briefing", topics=[cyber])
    body = client.get("/topics/cyber/").content.decode()
    assert "Cyber resilience briefing" in body
    assert "/resources/?topic=cyber" in body


def test_collection_page_lists_its_items_in_the_editors_order(client, hub):
    first, second = f.resource(hub, title="Second"), f.resource(hub, title="First")
    page = f.collection(hub, slug="digital-trends-2023", items=[second, first])
    titles = [i.resource.title for i in client.get(page.url).context["items"]]
    assert titles == ["First", "Second"]


def test_magazine_issue_is_labelled_with_its_magazine_and_date(client, hub):
    page = f.collection(
        hub,
        title="In Our View — summer 2023",
        slug="in-our-view-summer-2023",
        kind="magazine-issue",
        magazine="In Our View",
        issue_date=datetime.date(2023, 7, 1),
    )
    body = client.get(page.url).content.decode()
    assert "In Our View · July 2023" in body
    assert "In this issue" in body


def test_preview_shows_the_editors_unsaved_topics_and_authors(hub):
    from institute.resources.models import Author

    page = f.resource(hub, title="Preview me", topics=[f.topic("cyber", "Cyber security")])
    page.topics = [f.topic("data", "Data governance")]
    page.authors = [Author.objects.create(name="Ada Draft")]
    body = page.make_preview_request().content.decode()
    assert "Data governance" in body and "Ada Draft" in body
    assert "Cyber security" not in body
