"""Every registered figure of the year counts the records it says it counts."""

from decimal import Decimal

import pytest

from institute.core import figures as registry
from institute.events.models import Booking, CalendarItemPage
from institute.review.selectors import figures_computed

from .conftest import at, book, event

# What the small society of conftest.py holds, counted by hand.
EXPECTED_2023 = {
    "events.held": 4,
    "events.attendance": 7,
    "events.presidents_conference": 4,
    "events.national_conferences": 2,
    "events.webinars": 2,
    "events.webinar_delegates": 5,
    "events.charity_raised": 200,
    "academy.programmes": 2,
    "academy.cohorts": 3,
    "academy.coaching_sessions": 3,
    "academy.people_paired": 3,
    "academy.alumni_joined": 2,
    "academy.alumni_total": 3,
    "resources.html": 2,
    "resources.pdf": 1,
    "core.news": 2,
    "benchmarking.organisations": 6,
    "benchmarking.responses": 240,
    # (38 + 5 × 24) of 240 agree; 4 of 40 in every council want the training.
    "benchmarking.finding.internet-solutions": 66,
    "benchmarking.finding.training-suspicious-links": 10,
}


@pytest.fixture
def computed(small_society):
    return figures_computed(year=2023, fresh=True)


def test_the_rooms_on_main_register_their_figures():
    assert set(EXPECTED_2023) <= {f.key for f in registry.figures()}


@pytest.mark.parametrize("key", sorted(EXPECTED_2023))
def test_each_figure_counts_its_records(computed, key):
    assert computed[key]["value"] == Decimal(EXPECTED_2023[key])


def test_a_figure_compares_with_the_year_before(computed):
    assert computed["events.webinars"]["previous"] == 1
    assert computed["events.webinar_delegates"]["previous"] == 1
    assert computed["academy.cohorts"]["previous"] == 1
    assert computed["academy.coaching_sessions"]["previous"] == 1
    assert computed["benchmarking.organisations"]["previous"] == 6
    assert computed["benchmarking.finding.internet-solutions"]["previous"] == 60


def test_each_figure_links_to_what_it_counts(computed):
    assert computed["events.webinars"]["url"] == "/calendar/webinars/?when=past"
    assert (
        computed["events.national_conferences"]["url"] == "/calendar/events/conference/?when=past"
    )
    assert computed["resources.pdf"]["url"] == "/resources/?year=2023"
    assert computed["benchmarking.responses"]["url"] == "/benchmarking/2023/"
    assert computed["academy.alumni_joined"]["url"] == "/academy/alumni/?year=2023"


def test_a_year_without_records_has_no_figures_for_them(small_society):
    found = figures_computed(year=2019, fresh=True)
    assert "benchmarking.organisations" not in found
    assert "events.presidents_conference" not in found
    assert found["events.webinars"]["value"] == 0


def test_a_figure_changes_when_the_data_changes(small_society):
    before = figures_computed(year=2023, fresh=True)
    item = event(
        small_society["calendar"], "webinar-d", at(2023, 10, 1), **small_society["webinar"]
    )
    book(item, small_society["people"][:3], came=3)
    Booking.objects.filter(occurrence__item__slug="webinar-a", attended=False).update(attended=True)
    after = figures_computed(year=2023, fresh=True)
    assert after["events.webinars"]["value"] == before["events.webinars"]["value"] + 1
    assert after["events.webinar_delegates"]["value"] == 5 + 3 + 1


def test_money_raised_counts_only_what_was_held(small_society):
    CalendarItemPage.objects.filter(slug="network").update(status="cancelled")
    assert figures_computed(year=2023, fresh=True)["events.charity_raised"]["value"] == 150


def test_formatting():
    assert registry.formatted(Decimal(2455), registry.COUNT) == "2,455"
    assert registry.formatted(Decimal(2629), registry.MONEY) == "£2,629"
    assert registry.formatted(Decimal(94), registry.PERCENT) == "94%"
    assert registry.formatted_change(Decimal(16), registry.COUNT) == "+16"
    assert registry.formatted_change(Decimal(-3), registry.PERCENT) == "−3 points"
