"""Rate limits: a fixed-window counter in the shared cache, and the one client address.

Sign-in and sign-up use allauth's limits; rooms limit their own writes (bookings, survey
submissions) with this, so every limit counts the same way and works across workers when
the cache is shared. Every limit that counts per address, allauth's included (through
``people.adapter``), reads the address from ``client_address`` — docs/deploy.md,
"Behind a load balancer".
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the person making the request, as far as the set-up can tell.

    Directly on the internet (``TRUSTED_PROXY_COUNT`` 0, no ``TRUSTED_CLIENT_IP_HEADER``)
    it is the connecting address, and ``X-Forwarded-For`` is ignored: anyone can send it.
    Behind N proxies of our own it is the N-th address from the right of
    ``X-Forwarded-For`` (each proxy appends the address it saw; what is further left came
    from the client and may be made up). With a header that the proxy sets itself
    (``X-Real-IP``, ``CF-Connecting-IP``) it is that header. A missing or malformed value
    falls back to the connecting address, never to an error.
    """
    remote = _clean(request.META.get("REMOTE_ADDR", ""))
    header = settings.TRUSTED_CLIENT_IP_HEADER
    proxies = settings.TRUSTED_PROXY_COUNT
    if header:
        candidate = _clean(request.headers.get(header, ""))
    elif proxies > 0:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        # Fewer hops than proxies: the request skipped one of them; the leftmost is the best
        # anyone can say, and it still counts apart from every other client.
        candidate = _clean(hops[-proxies] if len(hops) >= proxies else (hops[0] if hops else ""))
    else:
        candidate = None
    return candidate or remote or "unknown"


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _window(key: str, seconds: int) -> str:
    return f"ratelimit:{key}:{int(time.time()) // seconds}"


def count(key: str, *, seconds: int = 60) -> int:
    """Count one event under ``key`` in this window of ``seconds``; the count so far."""
    window = _window(key, seconds)
    cache.add(window, 0, timeout=seconds * 2)
    try:
        return cache.incr(window)
    except ValueError:  # the entry expired between add and incr
        cache.set(window, 1, timeout=seconds * 2)
        return 1


def counted(key: str, *, seconds: int = 60) -> int:
    """How many events ``key`` has in this window, without counting one."""
    return cache.get(_window(key, seconds), 0)


def over_limit(key: str, *, limit: int, seconds: int = 60) -> bool:
    """Count one attempt under ``key``; True once more than ``limit`` fall in this window."""
    return count(key, seconds=seconds) > limit
