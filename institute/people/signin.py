"""Wrong passwords: counted per address and account together, so nobody can lock others out.

The policy is in docs/people.md ("Wrong passwords"). allauth keeps its own limit per
address (``ACCOUNT_RATE_LIMITS["login_failed"]``); this module adds the rest, for every
place a password is typed (the sign-in form through ``adapter.AccountAdapter``, the
erasure form):

- one address and one account: 5 wrong passwords in 15 minutes, then 10 in the hour, then
  20 in the day — each step a longer wait (back-off);
- one account from everywhere: 100 wrong passwords in the hour; past that, only addresses
  from which the account has signed in before (in the last 90 days) may go on trying, so
  the owner is not locked out by someone spraying guesses from many addresses.

A right password is never counted. Counters hold a hash of the address and the e-mail, not
the address itself.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from institute.core import ratelimit

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60
ADDRESS_AND_ACCOUNT_LIMITS = [(5, 15 * MINUTE), (10, HOUR), (20, DAY)]
ACCOUNT_LIMIT = (100, HOUR)
KNOWN_ADDRESS_DAYS = 90


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _keys(request: HttpRequest, login: str) -> tuple[str, str, str]:
    login = (login or "").strip().lower()
    address = ratelimit.client_address(request)
    pair = _digest(address, login)
    return f"signin:pair:{pair}", f"signin:account:{_digest(login)}", f"signin:known:{pair}"


def refused(request: HttpRequest, *, login: str) -> bool:
    """True when this address may not try a password for ``login`` now."""
    pair, account, known = _keys(request, login)
    for limit, seconds in ADDRESS_AND_ACCOUNT_LIMITS:
        if ratelimit.counted(pair, seconds=seconds) >= limit:
            return True
    limit, seconds = ACCOUNT_LIMIT
    return ratelimit.counted(account, seconds=seconds) >= limit and not cache.get(known)


def failed(request: HttpRequest, *, login: str) -> None:
    """Count one wrong password for ``login`` from this address."""
    pair, account, _known = _keys(request, login)
    for _limit, seconds in ADDRESS_AND_ACCOUNT_LIMITS:
        ratelimit.count(pair, seconds=seconds)
    ratelimit.count(account, seconds=ACCOUNT_LIMIT[1])


def succeeded(request: HttpRequest, *, login: str) -> None:
    """Remember this address as one the account signs in from."""
    _pair, _account, known = _keys(request, login)
    cache.set(known, True, timeout=KNOWN_ADDRESS_DAYS * DAY)
