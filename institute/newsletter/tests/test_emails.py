"""The e-mail: HTML with inlined CSS and a plain-text part, UTM links, footer, alt text,
and hostile text inert in both parts."""

import pytest

from institute.newsletter.emails import issue_message
from tests.factories.newsletter import item, make_issue, make_subscriber

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x")</script>',
    "x" * 5000,
    "Цифровое лидерство — 数字领导力 — قيادة رقمية",
    'Title"><img src=x onerror=alert(1)>',
    "Two\nlines\r\nBcc: victim@example.org",
]


def parts(message):
    ((html, mime),) = message.alternatives
    assert mime == "text/html"
    return message.body, html


def test_html_and_text_parts_with_utm_footer_and_browser_link():
    subscriber = make_subscriber()
    issue = make_issue(
        sections=[
            {
                "key": "news",
                "title": "News",
                "items": [
                    item("A post", url="http://testserver/news/a/?x=1"),
                    item("Elsewhere", url="https://example.com/page"),
                ],
            }
        ]
    )
    text, html = parts(issue_message(issue=issue, subscriber=subscriber))
    campaign = f"utm_campaign=friday-{issue.friday.isoformat()}"
    assert (
        "http://testserver/news/a/?x=1&amp;utm_source=newsletter&amp;utm_medium=email&amp;"
        f"{campaign}" in html
    )
    assert 'https://example.com/page"' in html  # other sites' links are left alone
    assert (
        f"http://testserver/news/a/?x=1&utm_source=newsletter&utm_medium=email&{campaign}" in text
    )
    assert 'style="' in html  # CSS inlined
    assert "prefers-color-scheme: dark" in html and 'name="color-scheme"' in html
    assert 'alt="Institute"' in html
    assert "1 Example Street" in html and "1 Example Street" in text
    assert "/newsletter/unsubscribe/" in html and "/newsletter/unsubscribe/" in text
    assert f"/newsletter/{issue.friday.isoformat()}/" in html
    assert "Open in your browser" in html and "Open in your browser" in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_titles_and_intros_are_inert(hostile):
    subscriber = make_subscriber()
    issue = make_issue(
        intro=hostile,
        sections=[
            {
                "key": "news",
                "title": "News",
                "items": [item(hostile, summary=hostile, meta=hostile[:100])],
            }
        ],
    )
    issue.title = hostile[:200]  # the field holds 200 characters; the items, any length
    issue.save()
    message = issue_message(issue=issue, subscriber=subscriber, message_id="<id@x>")
    text, html = parts(message)
    assert "<script" not in html and "<img src=x" not in html
    assert "\n" not in message.subject and "\r" not in message.subject
    assert len(message.subject) <= 150
    # The whole message serialises (no header injection) and the text part is plain text.
    built = message.message()
    assert built["Bcc"] is None and message.recipients() == [subscriber.email]
    if hostile.startswith("Цифровое"):
        assert hostile in html and hostile in text
    assert "&lt;script&gt;" in html or "<script" not in hostile
