import pytest

from . import factories


@pytest.fixture
def hub(home):
    return factories.hub_page(home)
