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
    """A page's canonical address (its site's own root when there are several sites)."""
    return absolute_url(page.get_url() or "")
