"""The API: personal access tokens, made through the service (the secret is returned once)."""

from institute.api.scopes import Scope
from institute.api.services import token_create


def make_token(user, *scopes, name="Test token"):
    """A live token for ``user`` with ``scopes`` (every scope when none are named) and its
    secret; returns (token, headers for the test client)."""
    token, secret = token_create(user=user, name=name, scopes=scopes or Scope.values)
    return token, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
