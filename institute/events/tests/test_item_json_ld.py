"""An item's schema.org description says what a visitor can do: its status, and offers only
while a place can be booked, sold out when there is none left."""

import json
import re

import pytest

from institute.events import services

pytestmark = pytest.mark.django_db


def _json_ld(client, item):
    response = client.get(item.url)
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    return json.loads(match.group(1))


def test_cancelled_item_is_event_cancelled_with_nothing_in_stock(client, make_item):
    data = _json_ld(client, make_item("Roundtable", status="cancelled"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in data
    assert "InStock" not in json.dumps(data)


def test_postponed_item_is_event_postponed_and_still_bookable(client, make_item):
    data = _json_ld(client, make_item("Summit", status="postponed"))
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert {o["availability"] for o in data["offers"]} == {"https://schema.org/InStock"}


def test_full_item_is_sold_out(client, make_item, member):
    item = make_item("Small workshop", capacity=1)
    services.booking_create(occurrence=item.occurrences.get(), user=member)
    data = _json_ld(client, item)
    assert {o["availability"] for o in data["offers"]} == {"https://schema.org/SoldOut"}


def test_item_that_is_over_offers_nothing(client, make_item):
    data = _json_ld(client, make_item("Last week's webinar", days=-7, kind="webinars"))
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert "offers" not in data


def test_json_ld_url_is_the_configured_sites_whatever_the_host(client, make_item, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://institute.example"
    item = make_item("Summit", slug="summit")
    response = client.get(item.url, HTTP_HOST="attacker.example")
    match = re.search(rb'<script type="application/ld\+json">(.*?)</script>', response.content)
    assert json.loads(match.group(1))["url"] == "https://institute.example/calendar/summit/"
