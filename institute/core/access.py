"""Who may open each URL: one rule per named URL pattern of the project.

Every app lists its own rules in ``<app>/access.py`` as ``RULES = {"ns:name": Rule(...)}``;
``tests/test_authorisation.py`` walks every URL pattern served by the project's own views and
fails when one has no rule, or when a visitor of each audience does not get what its rule says.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# Audiences from least to most trusted. A rule names the least trusted audience allowed.
ANONYMOUS = "anonymous"
MEMBER = "member"
STAFF = "staff"
AUDIENCES = (ANONYMOUS, MEMBER, STAFF)


@dataclass(frozen=True)
class Rule:
    audience: str
    # Builds whatever the URL needs (in the test database) and returns its kwargs.
    kwargs: Callable[[], dict] = field(default=lambda: {})
    # Query string to add (e.g. a required parameter).
    query: str = ""
    # Status codes that mean "allowed" (a redirect is fine for views that redirect on GET).
    ok_status: tuple = (200,)
    # Status codes that mean "refused" where a URL does not send visitors to sign in (an API
    # answers 401 to a visitor without a token, 403 or 404 to one without the right).
    refused_status: tuple = ()


RULES = {
    "core:search": Rule(ANONYMOUS, query="q=digital"),
    "core:topics": Rule(ANONYMOUS),
    "core:topic": Rule(ANONYMOUS, kwargs=lambda: {"slug": _sample_topic().slug}),
    "core:robots": Rule(ANONYMOUS),
    "core:favicon": Rule(ANONYMOUS),
    "core:styleguide": Rule(STAFF),
    "core:sitemap": Rule(ANONYMOUS),
}


def _sample_topic():
    from .models import Topic

    return Topic.objects.get_or_create(slug="sample-topic", defaults={"name": "Sample topic"})[0]
