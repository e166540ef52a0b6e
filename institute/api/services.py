"""Writes of the API's own records: making, revoking and marking the use of tokens."""

import secrets

from django.utils import timezone

from .models import AccessToken
from .scopes import Scope
from .selectors import SECRET_PREFIX, token_digest

MAX_LIVE_TOKENS = 10


class TokenError(Exception):
    """A token that cannot be made; the message says why."""


def token_create(*, user, name: str, scopes) -> tuple[AccessToken, str]:
    """A new token for ``user`` and its secret (shown once; only its digest is kept)."""
    scopes = sorted({s for s in scopes if s in Scope.values})
    if not scopes:
        raise TokenError("Choose at least one thing the token may do.")
    if AccessToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_LIVE_TOKENS:
        raise TokenError(f"You can hold at most {MAX_LIVE_TOKENS} tokens; revoke one first.")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:12],
        digest=token_digest(secret=secret),
        scopes=scopes,
        created_at=timezone.now(),
    )
    return token, secret


def token_revoke(*, user, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens; False when they hold no such live token."""
    return bool(
        AccessToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def token_used(*, token: AccessToken) -> None:
    """Note the day a token was used: one write a day at most, not one per request."""
    today = timezone.localdate()
    if token.last_used_on != today:
        AccessToken.objects.filter(pk=token.pk).update(last_used_on=today)
        token.last_used_on = today


def tokens_erase(*, user) -> None:
    AccessToken.objects.filter(user=user).delete()
