"""The one client address every per-address limit counts by (docs/deploy.md)."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from institute.core.ratelimit import client_address

rf = RequestFactory()


def _request(remote="203.0.113.9", **headers):
    return rf.get("/", REMOTE_ADDR=remote, headers=headers)


@pytest.fixture
def direct(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_CLIENT_IP_HEADER = None


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_CLIENT_IP_HEADER = None


def test_directly_on_the_internet_the_connecting_address_counts(direct):
    assert client_address(_request()) == "203.0.113.9"


def test_directly_on_the_internet_a_forwarded_for_header_is_ignored(direct):
    request = _request(**{"X-Forwarded-For": "198.51.100.1"})
    assert client_address(request) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_counts(one_proxy):
    request = _request(remote="10.0.0.2", **{"X-Forwarded-For": "198.51.100.7"})
    assert client_address(request) == "198.51.100.7"


def test_behind_one_proxy_what_the_client_made_up_is_ignored(one_proxy):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    request = _request(remote="10.0.0.2", **{"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    assert client_address(request) == "198.51.100.7"


def test_behind_two_proxies_the_second_address_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_CLIENT_IP_HEADER = None
    request = _request(remote="10.0.0.3", **{"X-Forwarded-For": "1.2.3.4, 198.51.100.7, 10.0.0.2"})
    assert client_address(request) == "198.51.100.7"


def test_a_header_the_proxy_sets_counts_when_configured(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = _request(remote="10.0.0.2", **{"X-Real-IP": "198.51.100.8"})
    assert client_address(request) == "198.51.100.8"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "  ,  ", "999.1.1.1", "<script>"])
def test_a_missing_or_malformed_header_falls_back_to_the_connecting_address(one_proxy, forwarded):
    request = _request(remote="10.0.0.2", **{"X-Forwarded-For": forwarded})
    assert client_address(request) == "10.0.0.2"


def test_ports_and_brackets_are_taken_off(one_proxy):
    assert client_address(_request(**{"X-Forwarded-For": "198.51.100.7:5555"})) == "198.51.100.7"
    assert client_address(_request(**{"X-Forwarded-For": "[2001:db8::1]:443"})) == "2001:db8::1"


def test_allauth_counts_by_the_same_address(one_proxy):
    request = _request(remote="10.0.0.2", **{"X-Forwarded-For": "198.51.100.7"})
    assert get_adapter(request).get_client_ip(request) == "198.51.100.7"
