"""Responses to signed-in visitors are private and not stored, told without reading the user
where the session says who is signed in."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from institute.core.cache import PrivateResponsesMiddleware

middleware = PrivateResponsesMiddleware(lambda request: HttpResponse("ok"))


def _request(session, user):
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    return request


def _unread_user():
    raise AssertionError("the user was read")


def test_a_session_naming_someone_is_private_without_reading_the_user():
    response = middleware(_request({SESSION_KEY: "7"}, SimpleLazyObject(_unread_user)))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_someone_signed_in_without_the_session_is_private_too(django_user_model):
    user = django_user_model(username="token", email="t@example.org")
    response = middleware(_request({}, user))
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_visitor_may_be_cached():
    response = middleware(_request({}, AnonymousUser()))
    assert not response.has_header("Cache-Control")


def test_a_signed_in_feed_reads_no_user(client, home, django_user_model):
    member = django_user_model.objects.create_user(username="m", email="m@example.org")
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:sitemap"))
    assert "no-store" in response["Cache-Control"]
    user_table = django_user_model._meta.db_table
    assert not [q for q in queries if f'FROM "{user_table}"' in q["sql"]]
