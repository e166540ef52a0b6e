"""Sharing metadata on every public page, sitemap.xml and robots.txt."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


@pytest.fixture
def public_urls(make_standard_page, make_post, make_topic, news_index):
    topic = make_topic("Data", slug="data")
    return [
        "/",
        make_standard_page(summary="Who we are.").url,
        news_index.url,
        make_post(topics=[topic]).url,
        "/topics/",
        topic.get_absolute_url(),
        "/search/?q=data",
    ]


def test_every_public_page_has_open_graph_x_card_and_canonical(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        assert _meta(html, "property", "og:title"), url
        assert _meta(html, "property", "og:url").startswith("http://testserver/"), url
        assert _meta(html, "property", "og:type") in {"website", "article"}, url
        assert _meta(html, "name", "twitter:card") in {"summary", "summary_large_image"}, url
        assert re.search(r'<link rel="canonical" href="http://testserver/[^"]*">', html), url


def test_canonical_url_drops_tracking_parameters(client, make_standard_page):
    page = make_standard_page()
    html = client.get(page.url + "?utm_source=linkedin").content.decode()
    assert '<link rel="canonical" href="http://testserver/about/">' in html


def test_filtered_listing_canonical_reproduces_the_filter(client, news_index, make_topic):
    make_topic("AI", slug="ai")
    html = client.get("/news/?topic=ai&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/news/?topic=ai">' in html


def test_page_summary_is_the_description(client, make_standard_page):
    page = make_standard_page(summary="By the members, for the members.")
    html = client.get(page.url).content.decode()
    assert _meta(html, "property", "og:description") == "By the members, for the members."
    assert _meta(html, "name", "description") == "By the members, for the members."


def test_sitemap_lists_live_pages_with_lastmod_and_topics(client, make_standard_page, make_topic):
    make_standard_page()
    make_standard_page(slug="secret", title="Secret").unpublish()
    make_topic("Data", slug="data")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {
        urlsplit(url.find("sm:loc", SITEMAP_NS).text).path: url.find("sm:lastmod", SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    assert entries["/about/"].text.startswith("20")
    assert "/secret/" not in entries
    assert "/topics/data/" in entries


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client, home):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
