"""The newsletter's public pages: archive, issues, feed, subscribing and the signed pages
reached from e-mails (confirm, preferences, unsubscribe), and the provider's webhook."""

import datetime
import hmac
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from institute.core.canonical import absolute_url
from institute.core.methods import safe_methods
from institute.core.params import page_number
from institute.core.ratelimit import client_address, over_limit

from . import services, tokens
from .emails import issue_context
from .feeds import IssueFeed
from .forms import ConfirmForm, OneClickForm, PreferencesForm, SubscribeForm, WebhookForm
from .models import Subscriber
from .selectors import archive_issue, archive_issues

PER_PAGE = 20
SUBSCRIBE_LIMIT = 10  # requests per address per hour


def _crumbs(title):
    archive_url = reverse("newsletter:archive")
    return [{"title": "Newsletter", "url": archive_url}, {"title": title, "url": ""}]


@require_http_methods(["GET", "HEAD"])
def archive(request):
    paginator = Paginator(archive_issues().only("friday", "title", "intro", "status"), PER_PAGE)
    number = page_number(request.GET) or 1
    if number > paginator.num_pages:
        number = paginator.num_pages
    page = paginator.page(number)
    return render(
        request,
        "newsletter/archive.html",
        {
            "page_obj": page,
            "issues": page.object_list,
            "meta_title": "Newsletter",
            "meta_description": "The society's Friday digest: every issue, and how to subscribe.",
            "canonical_url": absolute_url(reverse("newsletter:archive"))
            + (f"?page={number}" if number > 1 else ""),
            "feed_url": reverse("newsletter:feed"),
            "breadcrumbs": [{"title": "Newsletter", "url": ""}],
        },
    )


@require_http_methods(["GET", "HEAD"])
def issue(request, friday):
    try:
        day = datetime.date.fromisoformat(friday)
    except ValueError:
        raise Http404 from None
    found = archive_issue(friday=day)
    if found is None:
        raise Http404
    context = issue_context(issue=found)
    context.update(
        {
            "meta_title": found.title,
            "meta_description": found.intro[:160],
            "canonical_url": absolute_url(found.get_absolute_url()),
            "breadcrumbs": _crumbs(found.friday.strftime("%-d %B %Y")),
            "og_type": "article",
        }
    )
    return render(request, "newsletter/issue.html", context)


feed = safe_methods(IssueFeed())


@require_http_methods(["GET", "POST"])
def subscribe(request):
    user = request.user if request.user.is_authenticated else None
    initial = {"email": user.email} if user else {}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if over_limit(
            f"newsletter-subscribe:{client_address(request)}", limit=SUBSCRIBE_LIMIT, seconds=3600
        ):
            form.add_error(None, "Too many requests from your connection: try again later.")
        elif form.is_valid():
            services.subscription_request(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                frequency=form.cleaned_data["frequency"],
                user=user,
                source="subscribe-form",
            )
            return redirect("newsletter:check_inbox")
    return render(
        request,
        "newsletter/subscribe.html",
        {
            "form": form,
            "meta_title": "Subscribe to the newsletter",
            "breadcrumbs": _crumbs("Subscribe"),
        },
    )


@require_http_methods(["GET", "HEAD"])
def check_inbox(request):
    return render(
        request,
        "newsletter/message.html",
        {
            "meta_title": "Check your inbox",
            "heading": "Check your inbox",
            "message": "If the address can receive the newsletter, an e-mail is on its way: "
            "follow its link to confirm. Nothing is sent until you do.",
            "breadcrumbs": _crumbs("Check your inbox"),
        },
    )


def _subscriber(token, purpose):
    subscriber = tokens.subscriber_for(token, purpose)
    if subscriber is None:
        raise Http404("This link is not valid (any more).")
    return subscriber


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = _subscriber(token, tokens.CONFIRM)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.subscription_confirm(subscriber=subscriber)
        return redirect("newsletter:preferences", token=tokens.make(subscriber, tokens.MANAGE))
    return render(
        request,
        "newsletter/confirm.html",
        {
            "form": form,
            "subscriber": subscriber,
            "done": subscriber.status == Subscriber.Status.ACTIVE,
            "meta_title": "Confirm your subscription",
            "breadcrumbs": _crumbs("Confirm"),
        },
    )


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = _subscriber(token, tokens.MANAGE)
    form = PreferencesForm(
        request.POST or None,
        initial={"topics": list(subscriber.topics.all()), "frequency": subscriber.frequency},
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        services.subscription_update(
            subscriber=subscriber,
            topics=form.cleaned_data["topics"],
            frequency=form.cleaned_data["frequency"],
        )
        saved = True
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "saved": saved,
            "subscriber": subscriber,
            "unsubscribe_form": OneClickForm(),
            "unsubscribe_url": reverse("newsletter:unsubscribe", kwargs={"token": token}),
            "meta_title": "Your newsletter preferences",
            "breadcrumbs": _crumbs("Preferences"),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST: RFC 8058 one-click, also what the button sends.

    CSRF-exempt because mail clients POST here without a session (RFC 8058 §3.2); the signed
    token in the address is what authorises it, and it names one subscriber only."""
    subscriber = _subscriber(token, tokens.MANAGE)
    form = OneClickForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return HttpResponse(
                "Expected List-Unsubscribe=One-Click.", status=400, content_type="text/plain"
            )
        services.subscription_cancel(subscriber=subscriber, source="unsubscribe-link")
        subscriber.refresh_from_db()
    return render(
        request,
        "newsletter/unsubscribe.html",
        {
            "form": OneClickForm(),
            "subscriber": subscriber,
            "done": subscriber.status != Subscriber.Status.ACTIVE,
            "resubscribe_url": reverse("newsletter:subscribe"),
            "meta_title": "Unsubscribe",
            "breadcrumbs": _crumbs("Unsubscribe"),
        },
    )


def _authorised(request):
    secret = getattr(settings, "NEWSLETTER_WEBHOOK_SECRET", "")
    given = request.headers.get("Authorization", "")
    return bool(secret) and hmac.compare_digest(given.encode(), f"Bearer {secret}".encode())


@csrf_exempt
@require_POST
def webhook(request):
    """The provider's bounce, complaint and delivery events (JSON, one event or a list),
    authorised by ``Authorization: Bearer <NEWSLETTER_WEBHOOK_SECRET>``. The only other
    CSRF-exempt address besides one-click unsubscribe: it has no session to forge."""
    if not _authorised(request):
        return JsonResponse({"error": "not authorised"}, status=403)
    try:
        payload = json.loads(request.body[:1_000_000] or b"null")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "not JSON"}, status=400)
    events = payload if isinstance(payload, list) else [payload]
    done = 0
    for event in events[:1000]:
        form = WebhookForm(event if isinstance(event, dict) else {})
        if not form.is_valid():
            return JsonResponse({"error": form.errors.get_json_data()}, status=400)
        data = form.cleaned_data
        if data["event"] == "delivered":
            done += services.delivery_confirm(message_ids=[data["message_id"]])
        else:
            done += services.address_suppress(
                email=data["email"], reason=data["event"], message_id=data["message_id"]
            )
    return JsonResponse({"processed": len(events[:1000]), "changed": done})
