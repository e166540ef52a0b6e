"""Survey answers and action plans are not content: they leave the page cache alone."""

import datetime
import uuid

import pytest

from institute.benchmarking.services import action_create, action_update, response_submit
from institute.core import cache as page_cache
from tests.factories.benchmarking import make_cycle
from tests.factories.people import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(module_version):
    cycle = make_cycle(module_version, organisations=[make_organisation("Norfolk")])
    return cycle.participants.get()


def test_a_survey_answer_does_not_retire_the_page_cache(participant):
    link = participant.links.get()
    questions = {q.key: q for q in link.module_version.questions.all()}
    generation = page_cache.generation()
    response_submit(
        link=link,
        submission_token=uuid.uuid4(),
        answers={questions["internet-solutions"]: 4.0},
    )
    assert page_cache.generation() == generation


def test_an_action_plan_does_not_retire_the_page_cache(participant):
    generation = page_cache.generation()
    action = action_create(
        participant=participant,
        user=make_user(organisation=participant.organisation),
        title="Train staff",
        owner="Head of IT",
        due_date=datetime.date(2024, 3, 31),
    )
    action_update(action=action, status="done")
    assert page_cache.generation() == generation


def test_closing_a_cycle_retires_the_page_cache(participant):
    cycle = participant.cycle
    generation = page_cache.generation()
    cycle.status = cycle.Status.CLOSED
    cycle.save()
    assert page_cache.generation() != generation
