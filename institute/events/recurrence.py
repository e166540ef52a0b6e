"""Series from an iCalendar RRULE, expanded in Europe/London wall-clock time.

A monthly drop-in at 10:00 stays at 10:00 local time when the clocks change, so the rule is
expanded on naive local times and each occurrence is then placed in the zone and stored UTC.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

LONDON = ZoneInfo("Europe/London")
# A series without COUNT or UNTIL is expanded this far ahead (and never beyond MAX_OCCURRENCES).
HORIZON = dt.timedelta(days=2 * 366)
MAX_OCCURRENCES = 120


class RecurrenceError(ValueError):
    pass


def parse_rule(rule: str, start: dt.datetime):
    """Parse ``rule`` (without the ``RRULE:`` prefix) starting at ``start``; raise on nonsense."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    local_start = start.astimezone(LONDON).replace(tzinfo=None)
    try:
        parsed = rrulestr(text, dtstart=local_start, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(f"This is not a recurrence rule we understand ({exc}).") from exc
    return parsed


def expand(start: dt.datetime, end: dt.datetime, rule: str = "") -> list[tuple]:
    """Every (start, end) pair in UTC for an item; a one-off gives exactly one pair."""
    utc = dt.UTC
    if not rule:
        return [(start.astimezone(utc), end.astimezone(utc))]
    duration = end - start
    parsed = parse_rule(rule, start)
    limit = (start.astimezone(LONDON) + HORIZON).replace(tzinfo=None)
    pairs = []
    for local in parsed:
        if local > limit or len(pairs) >= MAX_OCCURRENCES:
            break
        begins = local.replace(tzinfo=LONDON).astimezone(utc)
        pairs.append((begins, begins + duration))
    return pairs
