"""Personal data each room holds about a person, for data export and erasure.

A room registers a ``PersonalData`` entry in its ``AppConfig.ready()``. The member's data
download gathers every entry's ``export(user)``; an erasure calls every entry's
``erase(user)`` inside one transaction before the account itself is anonymised.
"""

from collections.abc import Callable
from dataclasses import dataclass

_registry: dict[str, "PersonalData"] = {}


@dataclass(frozen=True)
class PersonalData:
    key: str
    title: str
    # export(user) -> JSON-serialisable list or dict of what this room holds about the user
    export: Callable
    # erase(user) -> None: delete or anonymise it (keeping aggregate counts where needed)
    erase: Callable


def register(entry: PersonalData) -> None:
    _registry[entry.key] = entry


def unregister(key: str) -> None:
    """Remove the entry registered as ``key`` (nothing happens if there is none)."""
    _registry.pop(key, None)


def entries() -> list[PersonalData]:
    return sorted(_registry.values(), key=lambda e: e.key)
