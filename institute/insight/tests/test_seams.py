"""Place insight on the roof's seams: topics, search, the admin's import screen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from institute.core import search, topics
from institute.core.models import Topic
from institute.insight.models import ImportRun, IndicatorValue, ScoreRun
from tests.factories.insight import scored_society


@pytest.fixture
def society(db):
    return scored_society()


def test_a_topic_page_lists_the_places_where_its_components_are_weakest(client, society):
    topic = Topic.objects.create(name="Digital skills", slug="digital-skills")
    section = next(s for s in topics.sections() if s.key == "insight")
    items = section.items(topic=topic, limit=3)
    assert len(items) == 3
    # The last place of the factory has the weakest connectivity.
    assert items[0].title.startswith("City of Edinburgh")
    assert "synthetic" in items[0].summary
    html = client.get("/topics/digital-skills/").content.decode()
    assert "Places where this is weakest" in html and "/insight/S12000036/" in html
    other = Topic.objects.create(name="Cyber", slug="cyber")
    assert section.items(topic=other, limit=3) == []


def test_search_finds_a_place(client, society):
    source = next(s for s in search.sources() if s.key == "insight-places")
    assert source.to_item(society[1][0]).url == "/insight/E06000001/"
    html = client.get("/search/", {"q": "Middlesbrough"}).content.decode()
    assert "/insight/E06000002/" in html


def test_staff_check_and_import_a_file_in_the_admin(admin_client, society):
    url = "/admin/insight/manage/imports/"
    assert admin_client.get(url).status_code == 200
    data = b"place,indicator,value\nE06000001,overcrowding,1\nE06000002,overcrowding,x\n"
    response = admin_client.post(
        url, {"year": "2025", "dry_run": "on", "file": SimpleUploadedFile("v.csv", data)}
    )
    html = response.content.decode()
    assert "Row 3, column value" in html and "nothing was written" in html
    good = b"place,indicator,value\nE06000001,overcrowding,1\n"
    admin_client.post(url, {"year": "2025", "file": SimpleUploadedFile("good.csv", good)})
    assert IndicatorValue.objects.filter(year=2025).count() == 1
    assert ScoreRun.objects.filter(year=2025).exists()
    assert ImportRun.objects.filter(original_name="good.csv", status="written").exists()


def test_members_cannot_open_the_import_screen(client, django_user_model, society):
    user = django_user_model.objects.create_user(username="m", email="m@example.org")
    client.force_login(user)
    assert client.get("/admin/insight/manage/imports/").status_code == 302
