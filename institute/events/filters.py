"""The calendar's filters: read from the path and query string, checked, and written back.

Kind and sub-kind are path segments, everything else a query parameter. ``canonical_query``
writes the filters back in one fixed order, leaving out defaults, so every view has exactly
one address that reproduces it.
"""

from dataclasses import dataclass, field, replace

from institute.core.params import whole_number
from institute.core.querystrings import canonical_query
from institute.people.models import Region

from .choices import Format, When

MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000
QUERY_ORDER = ("region", "format", "topic", "when", "q", "page")
QUERY_DEFAULTS = {"when": When.UPCOMING, "page": 1}


@dataclass(frozen=True)
class CalendarFilters:
    kind: str | None = None
    sub_kind: str | None = None
    region: str | None = None
    format: str | None = None
    topic: str | None = None
    when: str = When.UPCOMING
    q: str = ""
    page: int = 1
    errors: tuple = field(default=(), compare=False)

    def without(self, *names):
        """The same filters with ``names`` reset (used to count each facet's options)."""
        return replace(
            self, **{name: CalendarFilters.__dataclass_fields__[name].default for name in names}
        )

    def path(self, base: str) -> str:
        parts = [p for p in (self.kind, self.sub_kind) if p]
        return base + "".join(f"{p}/" for p in parts)

    def canonical_query(self, **overrides) -> str:
        """The filters' query string (``core/querystrings.py``), with ``overrides``."""
        values = {name: getattr(self, name) for name in QUERY_ORDER}
        return canonical_query({**values, **overrides}, order=QUERY_ORDER, defaults=QUERY_DEFAULTS)


def _clean_text(value: str) -> str:
    # Drop control characters (a NUL byte breaks PostgreSQL queries) and fold whitespace.
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())


def parse(params, *, kind=None, sub_kind=None, topic_slugs=()) -> CalendarFilters:
    """Filters from a query dict; unknown or malformed values are dropped with a message."""
    errors = []

    def choice(name, allowed, label):
        value = params.get(name, "").strip()
        if not value:
            return None
        if value in allowed:
            return value
        shown = _clean_text(value)[:40]
        errors.append(f"We don’t know the {label} “{shown}”, so it is not applied.")
        return None

    region = choice("region", set(Region.values), "region")
    format_ = choice("format", set(Format.values), "format")
    topic = choice("topic", set(topic_slugs), "topic")
    when = choice("when", set(When.values), "time filter") or When.UPCOMING
    q = _clean_text(params.get("q", ""))
    if len(q) > MAX_QUERY_LENGTH:
        errors.append(
            f"Search text is limited to {MAX_QUERY_LENGTH} characters; "
            "we searched for the beginning."
        )
        q = q[:MAX_QUERY_LENGTH].strip()
    page = 1
    raw_page = params.get("page", "").strip()
    if raw_page:
        number = whole_number(raw_page, minimum=1, maximum=MAX_PAGE)
        if number is not None:
            page = number
        else:
            errors.append("The page number must be a whole number from 1; showing page 1.")
    return CalendarFilters(
        kind=kind,
        sub_kind=sub_kind,
        region=region,
        format=format_,
        topic=topic,
        when=when,
        q=q,
        page=page,
        errors=tuple(errors),
    )
