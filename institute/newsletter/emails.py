"""The issue as an e-mail: HTML with inlined CSS (``css-inline``) and a plain-text part,
one copy per subscriber (their topics first, their own preferences and unsubscribe links).

Every link to the site carries UTM parameters; the footer has the society's postal address
(``NEWSLETTER_POSTAL_ADDRESS``) and the unsubscribe link; the top has an "open in browser"
link to the archive copy. Text from the site is escaped in the HTML part by the template
engine and is plain text in the other; subjects are one line."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from institute.core.canonical import absolute_url

from . import tokens
from .compose import ordered_sections

_inliner = css_inline.CSSInliner(keep_style_tags=True)
SUBJECT_LENGTH = 150


def with_utm(url: str, *, campaign: str) -> str:
    """``url`` with the newsletter's UTM parameters, if it is an address on this site."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if not url.startswith(base):
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    query += [("utm_source", "newsletter"), ("utm_medium", "email"), ("utm_campaign", campaign)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def one_line(text: str, length: int = SUBJECT_LENGTH) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def issue_context(*, issue, subscriber=None):
    campaign = f"friday-{issue.friday.isoformat()}"
    sections = ordered_sections(issue=issue, subscriber=subscriber)
    for section in sections:
        section["items"] = [
            dict(i, url=with_utm(i["url"], campaign=campaign)) for i in section["items"]
        ]
    context = {
        "issue": issue,
        "title": one_line(issue.title, 300),
        "sections": sections,
        "browser_url": with_utm(absolute_url(issue.get_absolute_url()), campaign=campaign),
        "archive_url": absolute_url(reverse("newsletter:archive")),
        "subscribe_url": absolute_url(reverse("newsletter:subscribe")),
        "logo_url": absolute_url(settings.STATIC_URL + "img/apple-touch-icon.png"),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Institute"),
        "postal_address": getattr(settings, "NEWSLETTER_POSTAL_ADDRESS", ""),
        "subscriber": subscriber,
    }
    if subscriber is not None and subscriber.pk:
        token = tokens.make(subscriber, tokens.MANAGE)
        context["unsubscribe_url"] = absolute_url(
            reverse("newsletter:unsubscribe", kwargs={"token": token})
        )
        context["preferences_url"] = absolute_url(
            reverse("newsletter:preferences", kwargs={"token": token})
        )
    return context


def render_html(context) -> str:
    return _inliner.inline(render_to_string("newsletter/email/issue.html", context))


def issue_message(*, issue, subscriber=None, to=None, message_id=None, test=False):
    context = issue_context(issue=issue, subscriber=subscriber)
    subject = one_line(("[Test] " if test else "") + issue.title)
    headers = {}
    if message_id:
        headers["Message-ID"] = message_id
    if "unsubscribe_url" in context:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        host = urlsplit(context["archive_url"]).hostname
        headers["List-Id"] = f"Friday digest <newsletter.{host}>"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("newsletter/email/issue.txt", context),
        from_email=getattr(settings, "NEWSLETTER_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL,
        to=[to or subscriber.email],
        headers=headers,
    )
    message.attach_alternative(render_html(context), "text/html")
    return message
