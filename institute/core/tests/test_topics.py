"""Topic pages gather what each room has for a topic; empty sections stay hidden."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_topic_page_lists_news_on_the_topic(client, make_topic, make_post):
    topic = make_topic("Artificial intelligence", slug="ai")
    make_post(title="AI roundtable", topics=[topic])
    make_post(title="Unrelated")
    html = client.get("/topics/ai/").content.decode()
    assert ">AI roundtable<" in html
    assert "Unrelated" not in html
    assert 'href="/news/?topic=ai"' in html


def test_topic_page_hides_empty_sections(client, make_topic, news_index):
    make_topic("Resilience", slug="resilience")
    html = client.get("/topics/resilience/").content.decode()
    assert 'id="section-news"' not in html
    assert "Nothing is filed under this topic yet." in html


def test_unknown_topic_is_not_found(client, home):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_topic_index_lists_topics_with_descriptions(client, make_topic):
    make_topic("Data", slug="data", description="Exploding silos.")
    html = client.get("/topics/").content.decode()
    assert 'href="/topics/data/">Data<' in html
    assert "Exploding silos." in html


def test_topic_page_queries_do_not_grow_with_posts(
    client, make_topic, make_post, make_standard_page, no_page_cache
):
    topic = make_topic("Data", slug="data")

    def count():
        client.get("/topics/data/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/topics/data/")
        return len(queries)

    make_post(topics=[topic])
    few = count()
    for _ in range(10):
        make_post(topics=[topic])
    assert count() == few
    assert few <= 12


def test_topic_page_queries_are_the_same_with_empty_and_full_sections(
    client, make_topic, make_post, make_standard_page, no_page_cache
):
    """Each section's "more" link costs a query only when the section has items; the
    registry keeps the sections cached, so a page costs the same either way."""
    make_topic("Empty", slug="empty")
    full = make_topic("Full", slug="full")
    make_post(topics=[full])
    make_standard_page(slug="full-guide", title="Full guide", topics=[full])

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    assert count("/topics/empty/") == count("/topics/full/")


def test_topic_page_shows_new_content_straight_away(client, make_topic, make_post, no_page_cache):
    topic = make_topic("Data", slug="data")
    make_post(title="First on data", topics=[topic])
    assert b"First on data" in client.get("/topics/data/").content
    make_post(title="Second on data", topics=[topic])
    assert b"Second on data" in client.get("/topics/data/").content
