"""A fixed-window request counter in the shared cache, for the rooms' own rate limits.

Sign-in and sign-up use allauth's limits; rooms limit their own writes (bookings, survey
submissions) with this, so every limit counts the same way and works across workers when
the cache is shared.
"""

import time

from django.core.cache import cache


def over_limit(key: str, *, limit: int, seconds: int = 60) -> bool:
    """Count one attempt under ``key``; True once more than ``limit`` fall in this window."""
    window = f"ratelimit:{key}:{int(time.time()) // seconds}"
    cache.add(window, 0, timeout=seconds * 2)
    try:
        return cache.incr(window) > limit
    except ValueError:  # the entry expired between add and incr
        cache.set(window, 1, timeout=seconds * 2)
        return False
