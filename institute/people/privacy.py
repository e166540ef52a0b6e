"""Personal data each room holds about a person, for data export and erasure.

A room registers a ``PersonalData`` entry in its ``AppConfig.ready()``. The member's data
download gathers every entry's ``export(user)``; an erasure calls every entry's
``erase(user)`` inside one transaction before the account itself is anonymised. Entries run
by ``order`` (then key): the people app's own (account, profile, roles) run last, so a room's
entry can still read the person's name and organisations.

Free text that names the person counts too (an action plan's owner and notes, a survey's
written answer): ``mentions``, ``mentioning`` and ``redact`` are the one rule for finding and
removing a name in text, so that every room matches the same way (``docs/people.md``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

_registry: dict[str, "PersonalData"] = {}
REDACTED = "[name removed]"
# A name shorter than this matches too much ordinary text to be searched for.
MIN_NAME_LENGTH = 5


@dataclass(frozen=True)
class PersonalData:
    key: str
    title: str
    # export(user) -> JSON-serialisable list or dict of what this room holds about the user
    export: Callable
    # erase(user) -> None: delete or anonymise it (keeping aggregate counts where needed).
    # None for what is listed but kept: published credits (see ``published_credits``).
    erase: Callable | None
    order: int = 50


def register(entry: PersonalData) -> None:
    _registry[entry.key] = entry


def unregister(key: str) -> None:
    """Remove the entry registered as ``key`` (nothing happens if there is none)."""
    _registry.pop(key, None)


def entries() -> list[PersonalData]:
    return sorted(_registry.values(), key=lambda e: (e.order, e.key))


def mentions(user) -> list[str]:
    """How free text names the person: their full name (first and last) and e-mail address.

    A first name alone is not searched for: it would match other people."""
    found = []
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        found += [f"{first} {last}", f"{last}, {first}"]
    if user.email:
        found.append(user.email)
    return [m for m in found if len(m) >= MIN_NAME_LENGTH]


def mentioning(user, *fields) -> Q:
    """Rows whose ``fields`` name the person (a filter; never matches when nothing names them)."""
    condition = Q(pk__in=[])
    for text in mentions(user):
        for field in fields:
            condition |= Q(**{f"{field}__icontains": text})
    return condition


def _pattern(user):
    words = [r"\s+".join(map(re.escape, text.split())) for text in mentions(user)]
    return re.compile("|".join(words), re.IGNORECASE) if words else None


def names(text: str, user) -> bool:
    """Whether ``text`` names the person."""
    pattern = _pattern(user)
    return bool(pattern and text and pattern.search(text))


def redact(text: str, user) -> str:
    """``text`` with every mention of the person replaced by ``REDACTED``."""
    pattern = _pattern(user)
    return pattern.sub(REDACTED, text) if pattern and text else text


def published_credits(user, rows, *, where) -> list[dict]:
    """Credits on published pages (a speaker, an author) carrying the person's name, for the
    download: ``rows`` have ``name`` and ``role``; ``where(row)`` says where it is shown.

    An erasure keeps them: they are the society's editorial record, tied to an account by a
    name alone, so erasing them would let anyone remove another person's credit by taking
    their name. Editors remove a credit on request (``docs/people.md``)."""
    return [
        {"name": row.name, "role": row.role, "shown_on": where(row)}
        for row in rows.filter(mentioning(user, "name"))
    ]
