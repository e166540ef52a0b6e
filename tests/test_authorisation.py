"""Every URL of the project's own views has an authorisation rule, and each audience gets it."""

import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from institute.core.access import ANONYMOUS, AUDIENCES, MEMBER, STAFF, Rule
from institute.people import roles
from institute.people.services import roles_sync
from tests.factories.membership import make_member

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


# Who visits: each audience, and staff once per role that makes someone staff. Staff are
# never marked by the ``is_staff`` flag: their groups decide (docs/people.md).
VISITORS = {
    "anonymous": ANONYMOUS,
    "member": MEMBER,
    "staff editor": STAFF,
    "staff admin": STAFF,
    "superuser": STAFF,
}
STAFF_ROLES = {"staff editor": roles.STAFF_EDITOR, "staff admin": roles.STAFF_ADMIN}


@pytest.fixture
def visitor(client, django_user_model):
    def as_(who):
        if who == "anonymous":
            return client
        if who == "superuser":
            user = django_user_model.objects.create_superuser(
                username="staff", email="staff@example.org", password="x-Passw0rd!"
            )
        else:
            user = django_user_model.objects.create_user(
                username=who, email=f"{who.replace(' ', '.')}@example.org", password="x-Passw0rd!"
            )
        if who in STAFF_ROLES:
            user.groups.add(roles_sync()[STAFF_ROLES[who]])
        if who == "member":
            make_member(user)  # the member audience: a current membership
        client.force_login(user)
        return client

    return as_


def test_staff_roles_carry_no_is_staff_flag(visitor, django_user_model, db):
    visitor("staff editor")
    assert not django_user_model.objects.get(username="staff editor").is_staff


@pytest.mark.django_db
@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("name", PATTERN_NAMES)
def test_audience_gets_what_the_rule_says(name, who, visitor, home):
    rule: Rule = RULES[name]
    audience = VISITORS[who]
    url = reverse(name, kwargs=rule.kwargs()) + (f"?{rule.query}" if rule.query else "")
    response = visitor(who).get(url)
    allowed = AUDIENCES.index(audience) >= AUDIENCES.index(rule.audience)
    if allowed:
        assert response.status_code in rule.ok_status, (url, who, response.status_code)
    elif rule.refused_status:
        assert response.status_code in rule.refused_status, (url, who, response.status_code)
    elif audience == ANONYMOUS or name in ADMIN_NAMES:
        # The admin's door sends a signed-in visitor without admin access to sign in again.
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    else:
        assert response.status_code in (403, 404), (url, who, response.status_code)
