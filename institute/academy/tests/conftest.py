import pytest

from institute.academy.programmes_demo import sample_cohort
from institute.events.tests.conftest import UserFactory


@pytest.fixture
def cohort(home):
    return sample_cohort()


@pytest.fixture
def make_member(db):
    return UserFactory
