"""Page routing in fewer queries: the site of a request and the pages along its path.

Wagtail finds the page for ``/a/b/c/`` one level at a time: the site (one query), its root
page in its specific form (one), then for each level the child with that slug (one) and the
child in its specific form (one) — six to ten queries before a page's own view runs, paid by
every page of every room. Here:

* The site of a host is kept until content next changes (``remember``: a write to a site or
  page retires it), with its root page already in its specific form.
* The pages along the path are fetched in one query by their slugs, below the page routing
  starts from; each step then checks, as Wagtail does, that the next page is a child of the
  one before (its tree path and depth) with that slug. A page type that routes in its own way
  (``RoutablePageMixin``, or any override of ``route``) gets the rest of the path as before.
* View restrictions, which Wagtail looks up for every page served, are skipped while the site
  has none at all (a fact kept until content next changes).

The result is the page Wagtail would have found, with the same 404s. The private attributes
of Wagtail and Django this needs are reached through ``adapters.wagtail_routing`` only.
"""

from wagtail.models import Page, PageViewRestriction

from .adapters import wagtail_routing
from .cache import remember

# Pages whose ``route`` is one of these walk to their children the default way.
_DEFAULT_ROUTES = {Page.route}


def uses_default_route(page_class):
    return page_class is not None and page_class.route in _DEFAULT_ROUTES


def register_default_route(function):
    """Mark ``function`` (a page type's ``route``) as routing to children like Wagtail."""
    _DEFAULT_ROUTES.add(function)
    return function


def _load_site(request):
    site = wagtail_routing.site_for_request(request)
    if site is not None:
        # Cached in the form routing asks for, so serving a page never fetches it again.
        site.root_page = site.root_page.specific
    return site


class SiteMiddleware:
    """Gives Wagtail's page view the request's site from the cache (``Site.find_for_request``
    then uses it). Other views find it, if they need it at all, as Wagtail does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is wagtail_views.serve and not wagtail_routing.has_site(request):
            hostname, port = wagtail_routing.request_host(request)
            site = remember(f"site:{hostname}:{port}", lambda: _load_site(request))
            if site is not None:
                wagtail_routing.set_site(request, site)


def _parent_path(page):
    return page.path[: -Page.steplen]


def _candidates(request, page, components):
    """The pages below ``page`` that the path could pass through, by (parent path, slug)."""
    memo = getattr(request, "_institute_route_pages", None)
    if memo is None:
        memo = request._institute_route_pages = {}
    if (page.path, components[0]) not in memo:
        # By slug and depth only (the slug index finds them): a condition on the tree path
        # tempts the planner into reading every page of the site through the path index.
        found = Page.objects.filter(
            slug__in=set(components),
            depth__gt=page.depth,
            depth__lte=page.depth + len(components),
        ).order_by()
        for candidate in found:
            if not candidate.path.startswith(page.path):
                continue
            key = (_parent_path(candidate), candidate.slug)
            # Two siblings with one slug: left to Wagtail's own lookup (which refuses them).
            memo[key] = None if key in memo else candidate
    return memo


def route_below(page, request, path_components):
    """What ``Page.route(page, request, path_components)`` returns, in fewer queries."""
    memo = _candidates(request, page, path_components)
    current = page
    for position, slug in enumerate(path_components):
        child = memo.get((current.path, slug))
        remaining = path_components[position + 1 :]
        if child is None or child.depth != current.depth + 1:
            # Not among those fetched: Wagtail's own lookup (a 404 if there is no such child).
            return Page.route(current, request, path_components[position:])
        if remaining and uses_default_route(child.specific_class):
            current = child
            continue
        return child.specific.route(request, remaining)
    raise AssertionError("unreachable: the loop returns at the last component")


def site_has_view_restrictions():
    """Whether any page of any site is private (kept until content next changes)."""
    return remember("view-restrictions:any", lambda: int(PageViewRestriction.objects.exists()))


def public(pages):
    """``pages.public()`` without its query for every view restriction while there are none."""
    return pages.public() if site_has_view_restrictions() else pages
