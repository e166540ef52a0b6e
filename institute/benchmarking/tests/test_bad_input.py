"""Hand-typed survey links, action-plan findings and survey steps: a clear answer, no 500.

A NUL byte reaches PostgreSQL as an error unless something refuses it first, so these
matter most there (DATABASE_URL); on SQLite they hold as well.
"""

import pytest
from django.urls import reverse

from institute.benchmarking.access import sample
from institute.benchmarking.forms import SurveyStepForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["\x00", "abc\x00def", "²" * 10, "a" * 41])
def test_survey_link_with_impossible_characters_is_not_recognised(client, token):
    sample()
    response = client.get(reverse("benchmarking:survey", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Survey link not recognised" in response.content.decode()


def test_action_plan_with_a_nul_byte_in_its_finding_opens_without_one(admin_client):
    ids = sample()
    url = reverse("benchmarking:actions", args=[ids["year"], ids["organisation"]])
    response = admin_client.get(url, {"question": "q\x00"})
    assert response.status_code == 200
    assert response.context["question"] is None


def test_action_plan_opens_with_the_finding_it_names(admin_client):
    ids = sample()
    url = reverse("benchmarking:actions", args=[ids["year"], ids["organisation"]])
    response = admin_client.get(url, {"question": "q"})
    assert response.context["question"].key == "q"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"step": "2", "action": "back"}, (2, "back")),
        ({"step": "9", "action": "submit"}, (3, "submit")),
        ({"step": "٣", "action": "bogus"}, (0, "next")),
        ({"step": "9" * 30}, (0, "next")),
        ({}, (0, "next")),
    ],
)
def test_survey_step_and_button_are_read_within_the_survey(data, expected):
    assert SurveyStepForm(data).step_and_action(steps=4) == expected
