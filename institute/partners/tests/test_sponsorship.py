"""What a partner sponsored, read through the calendar's, the academy's and the hub's own
selectors."""

import pytest

from institute.academy.programmes_demo import sample_cohort
from institute.partners.selectors import partner_sponsorships
from tests.factories import resources as hub
from tests.factories.partners import make_partner

pytestmark = pytest.mark.django_db


def test_a_programmes_sponsor_sponsors_its_cohorts_not_their_session_items(client, home):
    partner = make_partner("Academy Friend")
    cohort = sample_cohort()
    programme = cohort.get_parent().specific
    programme.sponsor = partner.organisation
    programme.save_revision().publish()
    found = partner_sponsorships(partner=partner)
    assert [p["title"] for p in found["programmes"]] == ["Sample programme"]
    assert [c["title"] for c in found["cohorts"]] == ["Sample cohort"]
    assert found["events"] == []  # the cohort's sessions are shown with the cohort
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "Sample programme: Sample cohort" in page


def test_a_cohorts_own_sponsor_is_credited(home):
    partner = make_partner("Cohort Friend")
    cohort = sample_cohort()
    cohort.sponsor = partner.organisation
    cohort.save_revision().publish()
    found = partner_sponsorships(partner=partner)
    assert [c["title"] for c in found["cohorts"]] == ["Sample cohort"]
    assert found["programmes"] == []


def test_sponsored_podcast_episodes_are_listed(client, home):
    partner = make_partner("Pod Friend")
    episode = hub.episode(hub.series(hub.hub_page(home)), title="Socitm Says: e-waste")
    episode.sponsor = partner.organisation
    episode.save_revision().publish()
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "Socitm Says: e-waste" in page
