"""Place insight: a small framework, a few places with values, and computed scores.

The builders are the room's own (``institute/insight/samples.py``), so the tests, the
authorisation walk and the fuzz walk build the same society.
"""

from institute.insight.samples import (  # noqa: F401
    PLACES,
    SMALL_FRAMEWORK,
    add_values,
    link_organisation,
    make_framework,
    make_places,
    scored_society,
)
