"""Every URL of the project's own views has an authorisation rule, and each audience gets it."""

import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from institute.core.access import ANONYMOUS, AUDIENCES, MEMBER, STAFF, Rule

# The Wagtail and Django admins sit behind their own login and permission policy; of their
# URLs the walk takes only the URLconfs a room includes there (``<app>/admin_urls.py``),
# not the viewsets' generic views (tested by each room's admin tests).
ADMIN_PREFIXES = ("admin/", "django-admin/")


def _project_patterns(patterns=None, namespace="", ours=False, admin=False):
    """Patterns of the project's own URLconfs, or served by the project's own views.

    Yields (name, pattern, whether it is under an admin).
    """
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            under_admin = admin or (patterns is None and str(entry.pattern) in ADMIN_PREFIXES)
            ns = entry.namespace or ""
            urlconf = getattr(entry.urlconf_module, "__name__", str(entry.urlconf_name))
            yield from _project_patterns(
                entry.url_patterns,
                f"{namespace}{ns}:" if ns else namespace,
                ours or urlconf.startswith("institute."),
                under_admin,
            )
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            if ours or (not admin and module.startswith("institute.")):
                yield f"{namespace}{entry.name}" if entry.name else None, entry, admin


def _all_rules():
    rules = {}
    for app in apps.get_app_configs():
        if app.name.startswith("institute."):
            try:
                module = importlib.import_module(f"{app.name}.access")
            except ModuleNotFoundError:
                continue
            rules.update(getattr(module, "RULES", {}))
    return rules


RULES = _all_rules()
PATTERN_NAMES = sorted({name or repr(p) for name, p, _ in _project_patterns()})
ADMIN_NAMES = {name for name, _, admin in _project_patterns() if admin}


def test_every_project_url_has_an_authorisation_rule():
    missing = [name for name in PATTERN_NAMES if name not in RULES]
    assert not missing, f"URL patterns without an authorisation rule: {missing}"


def test_every_rule_names_a_real_url():
    assert not set(RULES) - set(PATTERN_NAMES)


@pytest.fixture
def visitor(client, django_user_model):
    def as_(audience):
        if audience == MEMBER:
            user = django_user_model.objects.create_user(
                username="member", email="member@example.org", password="x-Passw0rd!"
            )
            client.force_login(user)
        elif audience == STAFF:
            user = django_user_model.objects.create_superuser(
                username="staff", email="staff@example.org", password="x-Passw0rd!"
            )
            client.force_login(user)
        return client

    return as_


@pytest.mark.django_db
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("name", PATTERN_NAMES)
def test_audience_gets_what_the_rule_says(name, audience, visitor, home):
    rule: Rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs()) + (f"?{rule.query}" if rule.query else "")
    response = visitor(audience).get(url)
    allowed = AUDIENCES.index(audience) >= AUDIENCES.index(rule.audience)
    if allowed:
        assert response.status_code in rule.ok_status, (url, audience, response.status_code)
    elif audience == ANONYMOUS or name in ADMIN_NAMES:
        # The admin's door sends a signed-in visitor without admin access to sign in again.
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    else:
        assert response.status_code in (403, 404), (url, audience, response.status_code)
