"""Places reserved for organisations at calendar items: a seam for the rooms that hold them.

The calendar owns capacity (``selectors.availability``); a room that reserves places for
organisations (the partners' allocations) registers a source here and never touches the
calendar's models. A source is ``source(*, item_ids) -> {item_id: {organisation_id: places}}``:
places reserved at *each* occurrence of the item. It runs a bounded number of queries.
"""

from collections import defaultdict
from collections.abc import Callable

_sources: dict[str, Callable] = {}


def register(key: str, source: Callable) -> None:
    _sources[key] = source


def unregister(key: str) -> None:
    """Remove the source registered as ``key`` (nothing happens if there is none)."""
    _sources.pop(key, None)


def reserved(*, item_ids) -> dict:
    """Places reserved at each occurrence of these items: ``{item_id: {organisation_id: n}}``."""
    item_ids = list(item_ids)
    found = defaultdict(lambda: defaultdict(int))
    if not item_ids:
        return {}
    for source in _sources.values():
        for item_id, places in source(item_ids=item_ids).items():
            for organisation_id, n in places.items():
                found[item_id][organisation_id] += n
    return {item_id: dict(places) for item_id, places in found.items()}
