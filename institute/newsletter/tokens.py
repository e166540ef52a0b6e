"""Signed links from e-mails: confirmation, preferences and one-click unsubscribe.

A token names the subscriber and a digest of their address (``django.core.signing``, with a
salt per purpose): it opens that subscriber's page only, and only while the row still has
that address, so a token cannot be turned into someone else's by editing it, and a link
for an address that has since changed stops working. Preferences and unsubscribe links do
not expire (they sit in old e-mails); a confirmation link is good for a week.
"""

import hashlib

from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _digest(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, _digest(subscriber.email)], salt=purpose, compress=True)


def subscriber_for(token: str, purpose: str) -> Subscriber | None:
    """The subscriber the token was made for, or ``None`` (tampered, expired, address
    changed, erased)."""
    try:
        if purpose == CONFIRM:
            pk, digest = signing.loads(token, salt=purpose, max_age=CONFIRM_MAX_AGE)
        else:
            pk, digest = signing.loads(token, salt=purpose)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(digest, str):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _digest(subscriber.email) != digest:
        return None
    return subscriber
