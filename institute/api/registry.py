"""Where each room's endpoints join the API.

A room writes its endpoints in ``<app>/api.py`` as django-ninja routers and registers them
there: ``register("calendar", router)`` for what anyone may read, ``register("bookings",
router, personal=True)`` for a member's own data (mounted under ``/api/v1/me/``, signed in by
token or session, never shared with other origins). The API app imports every
``institute.<app>.api`` module when it builds the API (``site.py``), so a new room joins by
writing that module alone.
"""

from dataclasses import dataclass

from ninja import Router


@dataclass(frozen=True)
class Mount:
    prefix: str
    router: Router
    personal: bool
    tag: str


_registry: dict[str, Mount] = {}


def register(prefix: str, router: Router, *, personal: bool = False, tag: str = "") -> None:
    key = f"me/{prefix}" if personal else prefix
    _registry[key] = Mount(prefix=prefix, router=router, personal=personal, tag=tag or prefix)


def unregister(prefix: str, *, personal: bool = False) -> None:
    _registry.pop(f"me/{prefix}" if personal else prefix, None)


def mounts() -> list[Mount]:
    return [_registry[key] for key in sorted(_registry)]
