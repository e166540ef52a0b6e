"""Absolute addresses that do not depend on the request: built from ``BASE_URL``.

What leaves the site and is kept by other programs (feed entry ids and links, calendar
``URL``s, enclosures) must not change with the ``Host`` a request happened to carry.
"""

from django.conf import settings


def absolute_url(path_or_url: str) -> str:
    """``path`` on the configured site (``BASE_URL``); a full URL is returned unchanged."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path_or_url


def page_url(page) -> str:
    """A page's canonical address (its site's own root when there are several sites).

    Not Wagtail's ``Page.get_full_url()``: that builds the address from the ``Site`` row's
    hostname and port (``http://localhost`` in the demo, whatever an editor typed in the
    admin elsewhere), while addresses kept elsewhere must follow ``BASE_URL`` (scheme,
    host, port and any path prefix), as every other absolute address here does. With
    several sites, ``get_url()`` already returns the other site's full address.
    """
    return absolute_url(page.get_url() or "")
