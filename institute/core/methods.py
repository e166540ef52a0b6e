"""The methods a read-only address answers: GET, HEAD and OPTIONS.

Calendar apps, podcast apps, feed readers and link checkers send HEAD (and some OPTIONS)
before they fetch; a 405 there reads as a broken link. Every feed and machine-read file
(``feed.ics``, ``sitemap.xml``, ``robots.txt``) is wrapped in ``safe_methods``; a page
that serves feeds among its routes (Atom, RSS) lists ``SAFE_PAGE_METHODS`` as its
``allowed_http_methods``, and Wagtail answers HEAD, OPTIONS and the 405s the same way.
"""

from functools import wraps
from http import HTTPMethod

from django.http import HttpResponse, HttpResponseNotAllowed

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SAFE_PAGE_METHODS = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


def safe_methods(view):
    """GET and HEAD reach ``view`` (the server leaves out HEAD's body); OPTIONS is answered
    here with an empty 200 and ``Allow``; anything else is a 405 with ``Allow``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(b"")
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(SAFE_METHODS)
        return view(request, *args, **kwargs)

    return wrapper
