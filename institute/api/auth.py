"""Who is asking: a personal access token (``Authorization: Bearer``) or the session.

The token is read once per request, before the endpoint runs (``http.py``), so rate limits
count by it; these classes tell django-ninja (and the OpenAPI schema) how personal endpoints
are signed in. Session requests that change something need the CSRF token, as pages do.
"""

from ninja.security import HttpBearer, SessionAuth

from .problems import Problem
from .scopes import granted


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        found = getattr(request, "api_token", None)
        return found.user if found is not None else None


class Session(SessionAuth):
    def authenticate(self, request, key):
        if getattr(request, "api_token", None) is not None:
            return None
        return super().authenticate(request, key)


PERSONAL = [BearerToken(), Session()]


def require_scope(request, scope: str) -> None:
    """A 403 problem unless the request may do ``scope``: a session may do everything, a
    token only what it was made for."""
    token = getattr(request, "api_token", None)
    if token is not None and scope not in granted(token.scopes):
        raise Problem(403, f"This token was not given the “{scope}” scope.", scope=scope)
