"""The one private attribute of Wagtail that routing relies on (Wagtail 8.0).
``institute/core/tests/test_adapters.py`` fails loudly if Wagtail changes it.

* ``request._wagtail_site``: where ``Site.find_for_request`` looks for a site found before;
  ``routing.SiteMiddleware`` puts the site it keeps across requests there.

The site and the host are read with public calls (``Site.find_for_request``,
``request.get_host()``, which ``ALLOWED_HOSTS`` has already vetted by the time a view runs).
"""

from django.http.request import split_domain_port
from wagtail.models import Site

PINNED = "wagtail 8.0 / Django 5.2"


def site_for_request(request):
    """The site Wagtail serves ``request`` from."""
    return Site.find_for_request(request)


def request_host(request):
    """``(hostname, port)`` of ``request``, as Wagtail matches them to a site."""
    return split_domain_port(request.get_host())[0], request.get_port()


def has_site(request):
    return hasattr(request, "_wagtail_site")


def set_site(request, site):
    """Give ``request`` its site: ``Site.find_for_request`` then returns it without a query."""
    request._wagtail_site = site
