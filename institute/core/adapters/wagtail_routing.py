"""Wagtail's and Django's private request and page attributes that routing relies on
(Wagtail 8.0, Django 5.2). ``institute/core/tests/test_adapters.py`` fails loudly if either
changes them.

* ``Site._find_for_request``: the site of a request without storing it on the request, so
  the routing cache (``routing.SiteMiddleware``) can keep it across requests.
* ``request._get_raw_host()``: the host as Wagtail reads it (before ``ALLOWED_HOSTS``, which
  Django's middleware has already checked), for the cache key.
* ``request._wagtail_site``: where ``Site.find_for_request`` looks for a site found before.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

PINNED = "wagtail 8.0 / Django 5.2"


def site_for_request(request):
    """The site Wagtail would serve ``request`` from, found afresh (not kept on it)."""
    return Site._find_for_request(request)


def request_host(request):
    """``(hostname, port)`` of ``request``, as Wagtail matches them to a site."""
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def has_site(request):
    return hasattr(request, "_wagtail_site")


def set_site(request, site):
    """Give ``request`` its site: ``Site.find_for_request`` then returns it without a query."""
    request._wagtail_site = site
