"""Who may open each of the API's URLs (the authorisation walk reads ``RULES``).

The API's own addresses are here; each room's endpoints carry their rules beside them, as
``RULES`` in ``<app>/api.py``, gathered below. Personal endpoints (``/api/v1/me/…``) answer
a visitor without a token or session with 401 rather than sending them to sign in, and
refuse what the page rules refuse with 403 or 404.
"""

import importlib

from django.apps import apps

from institute.core.access import ANONYMOUS, MEMBER, Rule

# What an API endpoint answers those it refuses: 401 without sign-in, 403/404 beyond it.
API_REFUSED = (401, 403, 404)


def _token():
    from django.contrib.auth import get_user_model

    from .services import token_create

    owner = get_user_model().objects.get_or_create(
        username="sample-token-owner", defaults={"email": "sample-token-owner@example.org"}
    )[0]
    return {"token_id": token_create(user=owner, name="Sample", scopes=["read"])[0].pk}


RULES = {
    "api:index": Rule(ANONYMOUS),
    "api:docs": Rule(ANONYMOUS),
    "api:openapi-json": Rule(ANONYMOUS),
    "api:not_found": Rule(ANONYMOUS, kwargs=lambda: {"rest": "nothing/here/"}, ok_status=(404,)),
    "api_tokens:create": Rule(MEMBER),
    # Someone else's token: nobody but its owner may open it.
    "api_tokens:revoke": Rule(MEMBER, kwargs=_token, ok_status=(404,)),
}

for _app in apps.get_app_configs():
    if _app.name.startswith("institute.") and _app.name != "institute.api":
        try:
            _module = importlib.import_module(f"{_app.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{_app.name}.api":
                raise
            continue
        if hasattr(_module, "api_rules"):
            RULES.update(_module.api_rules())
