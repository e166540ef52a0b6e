"""The roof's demo content: believable, complete and idempotent."""

from io import StringIO

from django.core.management import call_command

from institute.core.models import HomePage, MenuItem, NewsPage, SiteChrome, StandardPage, Topic


def test_seed_builds_menu_pages_news_and_banner(db):
    call_command("seed_demo", only=["core"], stdout=open("/dev/null", "w"))  # noqa: SIM115
    labels = list(SiteChrome.load().menu_items.values_list("label", flat=True))
    assert labels == [
        "Calendar",
        "Resources",
        "Academy",
        "Benchmarking",
        "Membership",
        "Partners",
        "About",
    ]
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {
        "about",
        "contact",
        "how-to-join",
        "faq",
    }
    assert NewsPage.objects.live().count() >= 12
    assert HomePage.objects.get().highlights.count() >= 3
    assert Topic.objects.filter(slug="ai").exists()


def test_seed_twice_changes_nothing(db):
    out = StringIO()
    call_command("seed_demo", only=["core"], stdout=out)
    counts = (NewsPage.objects.count(), MenuItem.objects.count(), StandardPage.objects.count())
    call_command("seed_demo", only=["core"], stdout=out)
    assert (NewsPage.objects.count(), MenuItem.objects.count(), StandardPage.objects.count()) == (
        counts
    )


def test_seeded_site_search_finds_the_president(client, db):
    call_command("seed_demo", only=["core"], stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get("/search/", {"q": "Lumley"}).content.decode()
    assert "Mark Lumley becomes president" in html
