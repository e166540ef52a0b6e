"""Author credits carrying a member's name are in their download."""

import pytest

from institute.people import privacy
from institute.people.models import User
from institute.resources.models import Author
from institute.resources.services import resource_create

pytestmark = pytest.mark.django_db


def test_download_lists_author_credits_naming_the_member(hub):
    member = User.objects.create_user(
        "ana@example.org", "ana@example.org", "x", first_name="Ana", last_name="Costa"
    )
    ana = Author.objects.create(name="Ana Costa", role="Head of digital")
    other = Author.objects.create(name="Ben Ode", role="CTO")
    resource_create(parent=hub, title="Cloud guide", authors=[ana, other])
    resource_create(parent=hub, title="Draft guide", authors=[ana], live=False)
    entry = {e.key: e for e in privacy.entries()}["resources.authors"]
    assert entry.export(member) == [
        {"name": "Ana Costa", "role": "Head of digital", "shown_on": ["Cloud guide"]}
    ]
