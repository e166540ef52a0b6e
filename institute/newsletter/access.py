"""Who may open each of the newsletter's URLs (the authorisation walk reads ``RULES``).

The signed pages (confirm, preferences, unsubscribe) are open to anyone holding the link:
the token is the authorisation, and it names one subscriber only."""

from institute.core.access import ANONYMOUS, STAFF, Rule


def _sample_issue():
    import datetime as dt

    from .models import Issue

    issue, _ = Issue.objects.get_or_create(
        friday=dt.date(2026, 1, 2),
        defaults={"title": "The Friday digest, 2 January 2026", "status": Issue.Status.SENT},
    )
    return issue


def _sample_subscriber():
    from .models import Subscriber

    return Subscriber.objects.get_or_create(
        email="sample.subscriber@example.org", defaults={"status": Subscriber.Status.ACTIVE}
    )[0]


def _token(purpose):
    def build():
        from . import tokens

        return {"token": tokens.make(_sample_subscriber(), getattr(tokens, purpose))}

    return build


RULES = {
    "newsletter:archive": Rule(ANONYMOUS),
    "newsletter:feed": Rule(ANONYMOUS),
    "newsletter:subscribe": Rule(ANONYMOUS),
    "newsletter:check_inbox": Rule(ANONYMOUS),
    "newsletter:confirm": Rule(ANONYMOUS, kwargs=_token("CONFIRM")),
    "newsletter:preferences": Rule(ANONYMOUS, kwargs=_token("MANAGE")),
    "newsletter:unsubscribe": Rule(ANONYMOUS, kwargs=_token("MANAGE")),
    # POST only, authorised by the provider's shared secret, not by a session.
    "newsletter:webhook": Rule(ANONYMOUS, ok_status=(405,)),
    "newsletter:issue": Rule(
        ANONYMOUS, kwargs=lambda: {"friday": _sample_issue().friday.isoformat()}
    ),
    "newsletter_admin:issues": Rule(STAFF),
    "newsletter_admin:compose": Rule(STAFF, ok_status=(405,)),
    "newsletter_admin:issue": Rule(STAFF, kwargs=lambda: {"issue_id": _sample_issue().pk}),
    "newsletter_admin:preview": Rule(STAFF, kwargs=lambda: {"issue_id": _sample_issue().pk}),
    "newsletter_admin:send_test": Rule(
        STAFF, kwargs=lambda: {"issue_id": _sample_issue().pk}, ok_status=(405,)
    ),
    "newsletter_admin:approve": Rule(
        STAFF, kwargs=lambda: {"issue_id": _sample_issue().pk}, ok_status=(405,)
    ),
    "newsletter_admin:release_uncertain": Rule(
        STAFF, kwargs=lambda: {"issue_id": _sample_issue().pk}, ok_status=(405,)
    ),
}
