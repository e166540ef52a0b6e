"""A page cache for anonymous visitors, invalidated whenever content changes.

Pages are cached whole for visitors with no session and served before the session, auth
and view layers run. Every write to a content model bumps a *generation* number kept in the
shared cache; keys include it, so one bump retires every cached page at once (old entries
simply expire). With several workers the cache must be shared (Redis, or the file cache in
production settings) so that all workers see the bump.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_max_age

GENERATION_KEY = "page-cache:generation"
CACHEABLE_METHODS = {"GET", "HEAD"}
# Models whose writes never change what an anonymous visitor sees.
IGNORED_APPS = {"sessions", "admin", "django_tasks_db", "wagtailsearch", "contenttypes"}
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "account.emailconfirmation",
    "account.emailaddress",
    "people.consent",
    "people.erasurerecord",
    "people.user_topics",
    "people.user",
    "auth.user",
}


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate():
    """Retire every cached page (called on any content change)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _on_change(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    invalidate()


def connect_invalidation():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page-cache-{signal!r}")


def _request_is_cacheable(request):
    if request.method not in CACHEABLE_METHODS:
        return False
    cookies = request.COOKIES
    # A session means someone may be signed in; a messages cookie carries one-off notices.
    return not (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    return get_max_age(response) != 0


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _request_is_cacheable(request):
            return self.get_response(request)
        # Hashed: paths can be long and hold any character, which some cache backends refuse.
        address = f"{request.get_host()}:{request.get_full_path()}".encode()
        key = f"page:{generation()}:{hashlib.sha256(address).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _response_is_cacheable(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            # Stored as one piece: a response written in many small pieces (feeds, CSV) would
            # otherwise be sent as that many socket writes on every cache hit.
            response.content = response.content
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response


def remember(key, compute, timeout=None):
    """``compute()``'s value, cached until content next changes (or ``timeout`` seconds).

    For small, often-read data such as the menu and the topic list, so that signed-in
    visitors (who bypass the page cache) do not pay for them on every request either.
    """
    full_key = f"remember:{generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout or settings.PAGE_CACHE_SECONDS or 300)
    return value
