"""The newsletter in the API: a member's own subscription, the one at their account's e-mail
address: read, changed through the preferences page's form and service, and ended as the
one-click unsubscribe ends it."""

import datetime as dt

from ninja import Router, Schema

from institute.api.auth import require_scope
from institute.api.problems import Problem
from institute.api.registry import register
from institute.api.scopes import Scope
from institute.core.selectors import topic_list

from . import selectors, services
from .forms import PreferencesForm

personal = Router()


class ConsentOut(Schema):
    given: bool
    wording_version: str
    recorded_at: dt.datetime


class SubscriptionOut(Schema):
    email: str
    status: str
    topics: list[str]
    frequency: str
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    unsubscribed_at: dt.datetime | None
    consent: ConsentOut | None


class SubscriptionIn(Schema):
    topics: list[str] | None = None
    frequency: str | None = None


def _subscription(subscriber) -> dict:
    consent = next(iter(subscriber.consents.all()), None)  # newest first (model ordering)
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "topics": sorted(t.slug for t in subscriber.topics.all()),
        "frequency": subscriber.frequency,
        "created_at": subscriber.created_at,
        "confirmed_at": subscriber.confirmed_at,
        "unsubscribed_at": subscriber.unsubscribed_at,
        "consent": (
            {
                "given": consent.given,
                "wording_version": consent.wording_version,
                "recorded_at": consent.recorded_at,
            }
            if consent
            else None
        ),
    }


def _own(request):
    subscriber = selectors.subscription_for(user=request.user)
    if subscriber is None:
        raise Problem(404, "You have no newsletter subscription.")
    return subscriber


@personal.get(
    "", response=SubscriptionOut, url_name="subscription_detail", summary="My subscription"
)
def subscription_detail(request):
    """Your newsletter subscription (the one at your account's e-mail address): its status,
    topics (slugs), frequency and your last decision about it (when, which wording).
    Scope: read."""
    require_scope(request, Scope.READ)
    return _subscription(_own(request))


@personal.patch(
    "", response=SubscriptionOut, url_name="subscription_update", summary="Change my subscription"
)
def subscription_update(request, body: SubscriptionIn):
    """Change the topics (slugs; an empty list for none) and/or the frequency (``weekly``,
    ``monthly``) of your subscription, as on its preferences page; what is left out stays as
    it is. Scope: subscriptions."""
    require_scope(request, Scope.SUBSCRIPTIONS)
    subscriber = _own(request)
    errors = []
    if body.topics is None:
        topic_ids = [t.pk for t in subscriber.topics.all()]
    else:
        wanted = set(body.topics)
        found = {t.slug: t.pk for t in topic_list() if t.slug in wanted}
        topic_ids = list(found.values())
        errors += [
            {"loc": ["body", "topics"], "msg": f"No topic has the slug “{slug[:80]}”."}
            for slug in sorted(wanted - found.keys())[:10]  # enough to correct, not an echo
        ]
    form = PreferencesForm(
        {
            "topics": topic_ids,
            "frequency": subscriber.frequency if body.frequency is None else body.frequency,
        }
    )
    if not form.is_valid():
        errors += [
            {"loc": ["body", name], "msg": str(e)}
            for name, errs in form.errors.items()
            for e in errs
        ]
    if errors:
        raise Problem(400, "The preferences are not valid.", errors=errors)
    services.subscription_update(
        subscriber=subscriber,
        topics=form.cleaned_data["topics"],
        frequency=form.cleaned_data["frequency"],
    )
    return _subscription(selectors.subscription_for(user=request.user))


@personal.delete("", response={204: None}, url_name="subscription_cancel", summary="Unsubscribe")
def subscription_cancel(request):
    """Unsubscribe, as the link in every copy does: nothing more is sent, including copies
    still queued, and the withdrawal is recorded. Scope: subscriptions."""
    require_scope(request, Scope.SUBSCRIPTIONS)
    services.subscription_cancel(subscriber=_own(request), source="api")
    return 204, None


register("subscriptions", personal, personal=True, tag="subscriptions")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.api.access import API_REFUSED
    from institute.core.access import MEMBER, Rule

    return {
        # One address for the three methods (GET: the detail). A member with no subscription
        # is answered 404, as the endpoint says; subscribers are in ``institute/api/tests``.
        "api:subscription_detail": Rule(MEMBER, ok_status=(200, 404), refused_status=API_REFUSED),
        "api:subscription_update": Rule(MEMBER, ok_status=(200, 404), refused_status=API_REFUSED),
        "api:subscription_cancel": Rule(MEMBER, ok_status=(200, 404), refused_status=API_REFUSED),
    }
