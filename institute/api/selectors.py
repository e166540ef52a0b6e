"""Reads of the API's own records: personal access tokens."""

import hashlib

from .models import AccessToken

SECRET_PREFIX = "inst_"  # noqa: S105 (what every secret starts with, not a secret)
MAX_SECRET_LENGTH = 100


def token_digest(*, secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def token_for_secret(*, secret: str) -> AccessToken | None:
    """The live token whose secret this is, with its user; None for anything else."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    return (
        AccessToken.objects.select_related("user")
        .filter(digest=token_digest(secret=secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def tokens_of(*, user) -> list[AccessToken]:
    """A member's tokens, live first, newest first."""
    return list(AccessToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk"))
