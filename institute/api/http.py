"""What every API response goes through, around django-ninja's own views: the token, rate
limits, HEAD, conditional requests (``ETag``/``If-None-Match``), CORS for what anyone may read
and problem details for the errors Django or django-ninja answer themselves (405)."""

import functools
import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from institute.core.ratelimit import client_address, over_limit

from . import selectors, services
from .problems import CONTENT_TYPE, problem_response

WINDOW = 60
SAFE = ("GET", "HEAD")


def _identify(request):
    """Resolve a bearer token; a problem response when one is given and is not good."""
    header = request.headers.get("Authorization", "")
    request.api_token = None
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        return problem_response(
            401,
            "Send a personal access token as “Authorization: Bearer <token>”.",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    token = selectors.token_for_secret(secret=secret.strip())
    if token is None:
        return problem_response(
            401,
            "This token is not known, or has been revoked.",
            headers={"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'},
        )
    request.api_token = token
    request.user = token.user
    services.token_used(token=token)
    return None


def _over_limit(request):
    token = request.api_token
    if token is not None:
        key, limit = f"api:token:{token.pk}", settings.API_REQUESTS_PER_MINUTE_PER_TOKEN
    elif request.user.is_authenticated:
        key, limit = f"api:user:{request.user.pk}", settings.API_REQUESTS_PER_MINUTE_PER_TOKEN
    else:
        key = f"api:address:{client_address(request)}"
        limit = settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS
    if not over_limit(key, limit=limit, seconds=WINDOW):
        return None
    wait = WINDOW - int(time.time()) % WINDOW
    return problem_response(
        429,
        f"More than {limit} requests in a minute; try again in {wait} seconds.",
        headers={"Retry-After": str(wait)},
    )


def _etag(response) -> str:
    return '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    return response


def _preflight():
    response = HttpResponse(status=204)
    response["Allow"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return _cors(response)


def api_view(view, *, public: bool):
    """``view`` (a django-ninja view) with what every endpoint of the API shares."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if public and request.method == "OPTIONS":
            return _preflight()
        # A refused token still counts against its address: guessing is rate-limited too.
        refused = _identify(request)
        response = _over_limit(request) or refused
        if response is None:
            head = request.method == "HEAD"
            if head:
                request.method = "GET"
            response = view(request, *args, **kwargs)
            if head:
                request.method = "HEAD"
            response = _finish(request, response)
            if head:
                response.content = b""
        if public:
            _cors(response)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if not public or request.api_token is not None or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        else:
            # Kept by no shared cache: clients revalidate with If-None-Match (a 304 is cheap).
            patch_cache_control(response, no_cache=True)
        return response

    wrapped.csrf_exempt = True  # django-ninja checks CSRF itself for session sign-ins
    return wrapped


def _finish(request, response):
    if response.status_code == 405 and response.get("Content-Type", "") != CONTENT_TYPE:
        allow = response.get("Allow", "")
        return problem_response(
            405, f"This address answers {allow}.", headers={"Allow": allow} if allow else None
        )
    if request.method in SAFE and response.status_code == 200 and not response.streaming:
        etag = _etag(response)
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in wanted or "*" in wanted or f"W/{etag}" in wanted:
            not_modified = HttpResponse(status=304)
            not_modified["ETag"] = etag
            return not_modified
        response["ETag"] = etag
    return response
