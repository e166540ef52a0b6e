"""Query strings written back from a view's filters, so that one view has one address.

A listing (the calendar, the resource hub, news, search) reads its filters from the query
string and writes them back in its links, its canonical address and its feed's address.
Written here, always the same way: the listing's own parameters in its fixed order, leaving
out what is empty or what the listing does anyway (its defaults), so that the same view
never has two addresses (for caches, feed readers and search engines alike).
"""

from urllib.parse import urlencode

EMPTY = (None, "")


def canonical_query(values: dict, *, order: tuple, defaults: dict | None = None) -> str:
    """``values`` as a query string with its ``?`` ("" when nothing is left): the names in
    ``order``, in that order; a value that is empty or equal to its name's default left out.
    """
    defaults = defaults or {}
    params = [
        (name, values[name])
        for name in order
        if values.get(name) not in EMPTY
        and not (name in defaults and values[name] == defaults[name])
    ]
    return f"?{urlencode(params)}" if params else ""


def page_prefix(query: str) -> str:
    """What goes before ``page=N`` in a listing's page links (``components/pagination.html``'s
    ``page_query``): ``?`` alone, or the view's ``query`` and ``&``."""
    return f"{query}&" if query else "?"
