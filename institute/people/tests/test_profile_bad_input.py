"""The profile form with impossible ids: a form error, never a database overflow."""

import pytest

from institute.core.models import Topic
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db
EDIT = "/account/edit/"


@pytest.mark.parametrize("junk", ["9" * 30, str(2**63), "²", "-1"])
def test_profile_topic_id_past_the_database_is_a_form_error(client, junk):
    user = UserFactory(first_name="Mark", last_name="Lumley")
    client.force_login(user)
    topic = Topic.objects.create(name="Cyber security", slug="cyber")
    data = {"first_name": "Ann", "last_name": "Lumley", "topics": [str(topic.pk), junk]}
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert response.context["form"].errors["topics"]
    user.refresh_from_db()
    assert user.first_name == "Mark"
    assert not user.topics.exists()


@pytest.mark.parametrize("junk", ["9" * 30, "²", "٣"])
def test_profile_organisation_id_in_other_digits_is_a_form_error(client, junk):
    user = UserFactory()
    client.force_login(user)
    response = client.post(EDIT, {"first_name": "Ann", "last_name": "Lumley", "organisation": junk})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
