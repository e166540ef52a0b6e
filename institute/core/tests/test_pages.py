"""Standard pages (About, Contact, How to join, FAQ) and their StreamField body."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StructBlockValidationError
from wagtail.rich_text import RichText

from institute.core.blocks import LinkBlock


def test_body_renders_headings_and_text(client, make_standard_page):
    page = make_standard_page(
        body=[
            ("heading", {"text": "Two big ambitions", "level": "h2"}),
            ("paragraph", RichText("<p>A one-stop shop.</p>")),
        ]
    )
    html = client.get(page.url).content.decode()
    assert '<h2 id="two-big-ambitions">Two big ambitions</h2>' in html
    assert "A one-stop shop." in html


def test_faq_renders_native_disclosures(client, make_standard_page):
    page = make_standard_page(
        slug="faq",
        title="FAQ",
        body=[
            (
                "faq",
                {
                    "title": "Membership",
                    "items": [{"question": "Who can join?", "answer": RichText("<p>Anyone.</p>")}],
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<summary>Who can join?</summary>" in html
    assert '<details class="faq__item">' in html


def test_call_to_action_links_to_a_page(client, make_standard_page):
    join = make_standard_page(slug="how-to-join", title="How to join")
    page = make_standard_page(
        body=[
            (
                "call_to_action",
                {
                    "title": "Become a member",
                    "text": "",
                    "label": "How to join",
                    "link": {"page": join, "url": ""},
                },
            )
        ]
    )
    html = client.get(page.url).content.decode()
    assert '<a class="button" href="/how-to-join/">How to join</a>' in html


def test_editor_text_is_escaped(client, make_standard_page):
    page = make_standard_page(
        body=[("heading", {"text": "<img src=x onerror=alert(1)>", "level": "h2"})]
    )
    html = client.get(page.url).content.decode()
    assert "<img src=x" not in html


def test_link_block_needs_a_page_or_a_url():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": ""}))


def test_standard_page_queries_are_bounded(client, chrome, make_standard_page, no_page_cache):
    page = make_standard_page(body=[("paragraph", RichText("<p>Text</p>"))])
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)
    assert len(queries) <= 10
