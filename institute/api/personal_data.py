"""The API's part of a member's data download and erasure: their access tokens."""

from institute.people import privacy


def _export(user):
    from .selectors import tokens_of

    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "scopes": t.scopes,
            "created_at": t.created_at.isoformat(),
            "last_used_on": t.last_used_on.isoformat() if t.last_used_on else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in tokens_of(user=user)
    ]


def _erase(user):
    from .services import tokens_erase

    tokens_erase(user=user)


def register_with_roof():
    privacy.register(
        privacy.PersonalData(
            key="api_tokens", title="API access tokens", export=_export, erase=_erase
        )
    )
