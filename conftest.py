"""Fixtures every room's tests share."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # The page cache and rate limits live in the cache; tests must not see each other's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """The site's home page, as the demo data makes it."""
    from institute.core.demo import ensure_home

    return ensure_home()


pytest_plugins = ["tests.browser.fixtures"]
