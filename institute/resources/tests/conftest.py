import pytest

from tests.factories import resources as factories


@pytest.fixture
def hub(home):
    return factories.hub_page(home)
