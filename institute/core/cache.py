"""A page cache for anonymous visitors, retired when content changes — and only then.

Pages are cached whole for visitors with no session and served before the session, auth
and view layers run. A *content event* bumps a *generation* number kept in the shared cache;
keys include it, so one bump retires every cached page and every ``remember``ed value at once
(old entries simply expire). With several workers the cache must be shared (Redis, or the file
cache in production settings) so that all workers see the bump.

Content events are what editors do: a page published, unpublished, moved, saved live or
deleted; a snippet, setting, image, document, site, redirect or view restriction saved or
deleted, with their inline rows; a room model declared with ``content_models``; and explicit
``invalidate()`` calls from services that change what anonymous visitors see (bulk imports,
published benchmarking results). A booking, a survey answer or an action plan is not one.

Something a page shows that changes without a content event (places left at an event) is
named by a *tag*: the view calls ``depends_on(request, tag)`` before reading it and the service
that changes it calls ``changed(tag)``; a cached page is served only while its tags are as
they were when it was made. See ``docs/architecture.md`` (Page cache).
"""

import hashlib
import threading
import uuid
import weakref

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_max_age, patch_cache_control

GENERATION_KEY = "page-cache:generation"
TAG_KEY = "page-cache:tag:{}"
CACHEABLE_METHODS = {"GET", "HEAD"}
# Wagtail's own models whose writes change what visitors see, beyond pages, snippets,
# settings, images and documents (found by their base classes).
CONTENT_LABELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailredirects.redirect",
}
# A page saved with only these fields is a draft being edited: visitors see no change.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)
_declared: set = set()
_is_content_memo: dict = {}

# Per thread: whether the generation was read since this thread last bumped it (``read``),
# and the bump its transaction has scheduled for after commit (``commit_bump``), held weakly:
# when the transaction (or the savepoint it was scheduled in) rolls back, Django drops its
# commit callbacks and the reference dies with them.
_local = threading.local()


def generation():
    _local.read = True
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def _bump():
    _local.read = False
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _now_and_after_commit(action):
    # Now, so that this request and the tests see it at once; again after commit, so that a
    # page another request built from the old rows in between is retired too.
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


class _BumpOnCommit:
    """The one bump after a transaction's commit, for all its content events."""

    def __call__(self):
        _local.commit_bump = None
        _bump()


def invalidate():
    """Retire every cached page and remembered value: content anonymous visitors see changed.

    Once per transaction: publishing a page saves it and sends Wagtail's signals, each a
    content event. In a transaction the generation is bumped once after commit, which
    retires what any request built from the old rows meanwhile; and at once only when this
    thread has read the generation since its last bump (so that this request, and the
    tests, see the change before the commit). Other requests cannot see the new rows before
    the commit, so an earlier bump would do nothing for them.
    """
    if not transaction.get_connection().in_atomic_block:
        _bump()
        return
    if getattr(_local, "read", True):
        _bump()
    scheduled = getattr(_local, "commit_bump", None)
    if scheduled is None or scheduled() is None:
        bump = _BumpOnCommit()
        _local.commit_bump = weakref.ref(bump)
        transaction.on_commit(bump)


def content_models(*models) -> None:
    """Declare a room's non-Wagtail models whose writes change what visitors see (call it in
    ``AppConfig.ready()``); pages, snippets and settings need no declaration."""
    _declared.update(models)
    _is_content_memo.clear()


def is_content(model) -> bool:
    """Whether writes to ``model`` are content events."""
    if model not in _is_content_memo:
        _is_content_memo[model] = _find_is_content(model)
    return _is_content_memo[model]


def _find_is_content(model) -> bool:
    from modelcluster.fields import ParentalKey
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    model = model._meta.concrete_model
    if model in _declared or model._meta.label_lower in CONTENT_LABELS:
        return True
    bases = (Page, AbstractImage, AbstractDocument, BaseGenericSetting, BaseSiteSetting)
    if issubclass(model, bases) or model in get_snippet_models():
        return True
    # Inline rows edited with their page, snippet or setting (menu items, speakers, authors).
    return any(
        isinstance(field, ParentalKey) and is_content(field.related_model)
        for field in model._meta.get_fields()
    )


def _on_save(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page

    if not is_content(sender):
        return
    if isinstance(instance, Page) and update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    invalidate()


def _on_delete(sender, **kwargs):
    if is_content(sender):
        invalidate()


def _on_m2m(sender, instance, action, **kwargs):
    # A page's topics change; a member's chosen topics do not change any public page.
    if action.startswith("post_") and is_content(type(instance)):
        invalidate()


def _on_content_event(sender, **kwargs):
    invalidate()


def connect_invalidation():
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="page-cache-m2m")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_on_content_event, dispatch_uid=f"page-cache-{id(signal)}")


def depends_on(request, *tags) -> None:
    """The page being made for ``request`` shows what ``tags`` name: keep it cached only
    until one of them ``changed()``. Call it before reading what the tags name."""
    if not settings.PAGE_CACHE_SECONDS or not _request_is_cacheable(request):
        return
    found = _tag_values(tags)
    request._page_cache_tags = {**getattr(request, "_page_cache_tags", {}), **found}


def changed(*tags) -> None:
    """What ``tags`` name changed: retire the cached pages that show it (and only those)."""

    def retire():
        cache.delete_many([TAG_KEY.format(tag) for tag in tags])

    _now_and_after_commit(retire)


def _tag_values(tags) -> dict:
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        # A fresh random value: a tag that was retired (or evicted) never matches again.
        value = uuid.uuid4().hex
        if not cache.add(key, value, timeout=None):
            value = cache.get(key) or value  # another request set it first (or retired it)
        found[key] = value
    return {keys[key]: value for key, value in found.items()}


def _tags_unchanged(tags: dict) -> bool:
    if not tags:
        return True
    current = cache.get_many([TAG_KEY.format(tag) for tag in tags])
    return all(current.get(TAG_KEY.format(tag)) == value for tag, value in tags.items())


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
        key = f"pages:{generation()}:{hashlib.sha256(address).hexdigest()}"
        cached = cache.get(key)
        if cached is not None and _tags_unchanged(cached[1]):
            response = cached[0]
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            # Stored as one piece: a response written in many small pieces (feeds, CSV) would
            # otherwise be sent as that many socket writes on every cache hit.
            response.content = response.content
            response["X-Page-Cache"] = "miss"
            tags = getattr(request, "_page_cache_tags", {})
            cache.set(key, (response, tags), settings.PAGE_CACHE_SECONDS)
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


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in visitor.

    What a signed-in person is shown may be theirs or their organisation's alone (their
    bookings, a joining link, an organisation's report and action plan, a coordinator's
    dashboard, an attendee list or export): no shared cache may keep it, nor the browser's
    disk once they sign out. Keyed on the visitor, not on a list of views, so a page added
    later is covered without anyone remembering to; visitors who are not signed in are
    shown only public pages (the rest redirect them to sign in), which may be cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    """Whether the request is a signed-in visitor's, without loading the user where the
    session says so: a feed or an audio range fetched with a session cookie costs no query
    for the person. A session that names someone counts as signed in, even if the account
    has since been closed (private is the safe side); without one, the user is read, which
    costs no query for session sign-ins and covers any other way of signing in."""
    session = getattr(request, "session", None)
    if session is not None and SESSION_KEY in session:
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
