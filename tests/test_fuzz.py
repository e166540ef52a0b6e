"""Hostile values at every query parameter and form field of every room: never a 5xx.

The walk builds a small society with one live page of every page type, then for each
audience (anonymous, member, coordinator, staff) collects what that audience can open:
every named URL of the project's own views (the authorisation walk's list), every page,
and every same-site link and form found on them. Each query parameter (found in links and
GET forms, plus each listing's documented filters) is fuzzed by the least trusted audience
that can open its page; each POST form by every audience that is shown it. Every parameter
and every field gets a fixed corpus of hostile values, then Hypothesis draws more
(``FUZZ_EXAMPLES`` per page or form, 5 unless set). ``docs/architecture.md``, "Bad input".
"""

import os
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, quote_from_bytes, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.urls.converters import IntConverter, StringConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import get_page_models

from tests.test_authorisation import RULES, _project_patterns

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ORDER = ("anonymous", "member", "coordinator", "staff")
# The admin has its own forms and tests; signing out would end the audience's session.
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
SKIP_PATHS = {"/accounts/logout/"}
# Form fields each audience must be shown, so that the walk cannot quietly shrink.
MUST_REACH = {
    "anonymous": {"submission_token", "login", "password1"},
    "member": {"topics", "oldpassword"},
    "coordinator": {"due_date"},
    "staff": {"attended"},
}
# Sign-in and account pages (django-allauth's views, so not in the authorisation walk).
ACCOUNT_URL_NAMES = (
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_email",
    "account_change_password",
)
# Filters each listing documents (docs/events.md, docs/resources.md), found or not in links.
KNOWN_PARAMS = {
    "CalendarPage": ("region", "format", "topic", "when", "q", "page"),
    "ResourceHubPage": ("q", "topic", "collection", "year", "sort", "page"),
    "NewsIndexPage": ("topic", "page"),
    "core:search": ("q", "page"),
    "benchmarking:actions": ("question",),
    "insight:index": ("version", "year", "nation", "q", "sort", "order"),
    "insight:index_export": ("version", "year", "nation", "q", "sort", "order"),
    "insight:scorecard": ("version", "year"),
    "insight:compare": ("p1", "p2", "p3", "version", "year"),
    "newsletter:archive": ("page",),
    "newsletter_admin:preview": ("subscriber",),
}


def _text(value: str) -> tuple[str, ...]:
    return (quote(value.encode("utf-8", "surrogatepass"), safe=""),)


# One value is a tuple of already percent-encoded strings (several = the name repeated).
CORPUS = (
    _text("²"),
    _text("①"),
    _text("٣"),
    _text("9" * 30),
    _text(str(2**63)),
    _text("-1"),
    _text("1\x00"),
    _text("x" * 5000),
    _text("1") + _text("²"),
    ("%FF%FE%C3",),  # not UTF-8
    _text("' OR 1=1 --<script>alert(1)</script>"),
)

_hostile_text = st.one_of(
    st.sampled_from(["²", "①", "٣", "0", "-0", "1_0", " 1 ", "1e99", "nan", "\x00"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(st.characters(categories=("Nd", "No", "Zs", "Cc", "Cf")), min_size=1, max_size=25),
    st.text(max_size=300),
)
_one_value = st.one_of(
    _hostile_text.map(_text),
    st.binary(min_size=1, max_size=12).map(lambda b: (quote_from_bytes(b, safe=""),)),
)
HOSTILE = st.one_of(
    _one_value, st.lists(_one_value, min_size=2, max_size=3).map(lambda parts: sum(parts, ()))
)


class _Page(HTMLParser):
    """Links and forms of one HTML page: each form's field names and what a browser sends."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            self._form = {"method": method, "action": a.get("action"), "names": set(), "data": {}}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            name, kind = a["name"], (a.get("type") or "text").lower()
            self._form["names"].add(name)
            if kind == "checkbox" and "checked" not in a:
                return  # an unticked box is not sent
            # The first radio or button of a name is the one sent; a ticked box adds its value.
            if kind == "checkbox" or name not in self._form["data"]:
                self._form["data"].setdefault(name, []).append(a.get("value") or "")
        elif tag == "select":
            self._select = a["name"]
            self._form["names"].add(self._select)
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self._form["data"]:
                self._form["data"][self._select] = [a.get("value") or ""]
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["names"].add(self._textarea)
            self._form["data"][self._textarea] = [""]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _world():
    """A small society with one live page of every page type; returns the named URL targets."""
    from institute.core.demo import child_page, ensure_home
    from institute.core.models import NewsIndexPage, NewsPage, StandardPage, Topic
    from institute.events.services import booking_create
    from tests.factories import resources as hub
    from tests.factories.events import sample_occurrence

    home = ensure_home()
    topic = Topic.objects.get_or_create(slug="cyber", defaults={"name": "Cyber security"})[0]
    child_page(home, StandardPage, "about", title="About")
    news = child_page(home, NewsIndexPage, "news", title="News")
    child_page(news, NewsPage, "hello", title="Hello", summary="A post.", topics=[topic])
    occurrence = sample_occurrence()
    booked = get_user_model().objects.create_user(username="booked", email="booked@example.org")
    booking_create(occurrence=occurrence, user=booked)  # so staff see an attendance form
    resources = hub.hub_page(home)
    item = hub.resource(resources, topics=[topic], members_body="<p>Members only.</p>")
    hub.collection(resources, items=[item])
    hub.episode(hub.series(resources))
    from institute.academy.programmes_demo import sample_certificate

    sample_certificate()  # the Academy's index, a programme and a cohort with a certificate
    from institute.partners.access import sample_partner

    partner = sample_partner()  # no page types: its listing and profile are named URLs
    partner.topics.add(topic)
    occurrence.item.sponsor = partner.organisation
    occurrence.item.save(update_fields=["sponsor"])
    from tests.factories.partners import allocate

    allocate(partner, occurrence.item, 1)  # places reserved on the item's page
    from tests.factories.insight import scored_society

    scored_society()  # place insight: six places, a published framework, two years of scores
    from tests.factories.review import figure_block, review_page

    # The year in review's index and a year, with a figure block and its print/PDF routes.
    review_page(2023, body=[figure_block("events.webinars"), ("heading", "Events")])
    from tests.factories.newsletter import make_issue, make_subscriber

    make_issue(status="sent")  # the newsletter's archive has an issue to open
    make_subscriber(topics=[topic])  # and a subscriber with preferences
    targets = {}
    for name, rule in RULES.items():
        path = reverse(name, kwargs=rule.kwargs())
        targets[path] = {"base": rule.query, "params": set(KNOWN_PARAMS.get(name, ()))}
    for name in ACCOUNT_URL_NAMES:
        targets[reverse(name)] = {"base": "", "params": set()}
    ours = [m for m in get_page_models() if m.__module__.startswith("institute.")]
    for model in ours:
        if model._meta.abstract:
            continue
        page = model.objects.live().exact_type(model).first()
        assert page is not None, f"the fuzz walk has no {model.__name__}: add one to _world()"
        targets[page.url] = {"base": "", "params": set(KNOWN_PARAMS.get(model.__name__, ()))}
    return targets


def _audience_user(audience, django_user_model):
    from institute.benchmarking.access import sample
    from institute.people.models import Organisation, OrganisationRole
    from tests.factories.resources import member

    if audience == "anonymous":
        return None
    if audience == "staff":
        return django_user_model.objects.create_superuser(
            username="staff", email="staff@example.org", password="x-Passw0rd!"
        )
    user = member(django_user_model, username=audience)
    if audience == "coordinator":
        org = Organisation.objects.get(slug=sample()["organisation"])
        OrganisationRole.objects.create(
            user=user, organisation=org, role=OrganisationRole.Role.COORDINATOR
        )
    return user


def _skipped(path):
    return path in SKIP_PATHS or path.startswith(SKIP_PREFIXES)


def _open(client, path, base=""):
    response = client.get(path, QUERY_STRING=base)
    assert response.status_code < 500, (path, base, response.status_code)
    return response


def _discover(client, targets):
    """Open every target; add same-site links (with their parameters) and collect forms."""
    opened, forms = {}, []
    queue = list(targets)
    starts = set(queue)  # links are followed one step from these, not on from what they find
    for path in queue:
        if _skipped(path):
            continue
        response = _open(client, path, targets[path]["base"])
        opened[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        for href in page.links:
            url = urlsplit(urljoin(path, href))
            ours = url.scheme in ("", "http") and url.netloc in ("", "testserver")
            if not ours or _skipped(url.path):
                continue
            known = targets.setdefault(url.path, {"base": "", "params": set()})
            known["params"] |= {name for name, _ in parse_qsl(url.query)}
            if url.path not in queue and path in starts:
                queue.append(url.path)
        for form in page.forms:
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if _skipped(action):
                continue
            if form["method"] == "get":
                targets.setdefault(action, {"base": "", "params": set()})
                targets[action]["params"] |= form["names"]
            elif form["names"] - {"csrfmiddlewaretoken"}:
                forms.append({"action": action, "names": form["names"], "data": form["data"]})
    return opened, forms


def _encode(data: dict, name: str, value: tuple[str, ...]) -> str:
    """``data`` (name: list of values) with ``name`` given the hostile ``value``."""
    pairs = [
        (quote(k, safe=""), quote(v, safe="")) for k, vs in data.items() if k != name for v in vs
    ]
    pairs += [(quote(name, safe=""), v) for v in value]
    return "&".join(f"{k}={v}" for k, v in pairs)


def _fuzz(send, names):
    """Every corpus value at each name alone, then Hypothesis's draws at one name at a time."""
    for name in sorted(names):
        for value in CORPUS:
            send(name, value)

    if not EXAMPLES:
        return

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(name=st.sampled_from(sorted(names)), value=HOSTILE)
    def drawn(name, value):
        send(name, value)

    drawn()


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ORDER)
def test_hostile_values_never_give_a_server_error(audience, client, django_user_model):
    targets = _world()
    users = {a: _audience_user(a, django_user_model) for a in ORDER[: ORDER.index(audience) + 1]}
    if users[audience]:
        client.force_login(users[audience])
    opened, forms = _discover(client, targets)
    # Query parameters are fuzzed by the least trusted audience that can open the page.
    less_trusted = None
    if audience != "anonymous":
        from django.test import Client

        less_trusted = Client()
        if users[ORDER[ORDER.index(audience) - 1]]:
            less_trusted.force_login(users[ORDER[ORDER.index(audience) - 1]])
    reached = set().union(*(f["names"] for f in forms))
    assert MUST_REACH[audience] <= reached, f"the walk no longer reaches {MUST_REACH[audience]}"
    for path, status in sorted(opened.items()):
        target = targets[path]
        names = target["params"] | {"page"}
        if status != 200:
            continue
        if less_trusted and _open(less_trusted, path, target["base"]).status_code == 200:
            continue
        base = {}
        for key, value in parse_qsl(target["base"]):
            base.setdefault(key, []).append(value)

        def send_get(name, value, path=path, base=base):
            query = _encode(base, name, value)
            response = client.get(path, QUERY_STRING=query)
            assert response.status_code < 500, (audience, path, query[:300])

        _fuzz(send_get, names)
    for form in forms:

        def send_post(name, value, form=form):
            body = _encode(form["data"], name, value)
            response = client.post(
                form["action"], body, content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code < 500, (audience, form["action"], body[:300])

        _fuzz(send_post, form["names"] - {"csrfmiddlewaretoken"})


# Path segments: an id past the database, and text a str segment lets through.
PATH_VALUES = {IntConverter: (2**63, 10**30), StringConverter: ("\x00", "²" * 300, "%FF")}


@pytest.mark.django_db
def test_hostile_path_segments_never_give_a_server_error(admin_client):
    _world()
    for name, pattern, _under_admin in _project_patterns():
        if name not in RULES:
            continue
        for key, converter in pattern.pattern.converters.items():
            for value in PATH_VALUES.get(type(converter), ()):
                kwargs = {**RULES[name].kwargs(), key: value}
                url = reverse(name, kwargs=kwargs)
                response = admin_client.get(url)
                assert response.status_code < 500, (name, url)
                if "post" in response.get("Allow", "post").lower():
                    response = admin_client.post(url)
                    assert response.status_code < 500, (name, url, "POST")
