"""Page pagination for every list: ``page`` (from 1) and ``page_size`` (1–100), read through
``core/params.py``; the envelope says the count and links the neighbouring pages."""

from django.core.paginator import Paginator
from ninja import Schema

from institute.core.params import whole_number

from .problems import Problem

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000

PAGE_DOC = "Page number, from 1."
PAGE_SIZE_DOC = f"Items per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."


class PageInfo(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


def paging(page: str | None, page_size: str | None) -> tuple[int, int]:
    """The page and page size asked for; a problem (400) for anything that is not a number
    in range."""
    number, size = 1, DEFAULT_PAGE_SIZE
    if page not in (None, ""):
        number = whole_number(page, minimum=1, maximum=MAX_PAGE)
        if number is None:
            raise Problem(400, f"page must be a whole number from 1 to {MAX_PAGE}.")
    if page_size not in (None, ""):
        size = whole_number(page_size, minimum=1, maximum=MAX_PAGE_SIZE)
        if size is None:
            raise Problem(400, f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    return number, size


def _link(request, number):
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def page_of(request, items, *, number: int, size: int, count: int | None = None):
    """The page ``number`` of ``items`` (a queryset or sequence) and its ``PageInfo``. A page
    past the end is a 404 problem, not the last page: a client walking pages must not loop."""
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count
    pages = max(paginator.num_pages, 1)
    if number > pages:
        raise Problem(404, f"There are {pages} pages of {size}.")
    page = paginator.page(number) if paginator.count else None
    info = PageInfo(
        count=paginator.count,
        page=number,
        page_size=size,
        pages=pages,
        next=_link(request, number + 1) if number < pages else None,
        previous=_link(request, number - 1) if number > 1 else None,
    )
    return (list(page.object_list) if page else []), info
