import datetime as dt

import pytest
from django.urls import reverse

from institute.core import figures
from institute.partners.selectors import partners_count, partners_new_count
from tests.factories.partners import make_partner

pytestmark = pytest.mark.django_db


def test_partners_in_a_year_are_those_begun_by_its_end_and_not_ended_before_it():
    make_partner(started_on=dt.date(2019, 5, 1))
    make_partner(started_on=dt.date(2023, 12, 31))
    make_partner(started_on=dt.date(2018, 1, 1), ended_on=dt.date(2023, 1, 1))
    make_partner(started_on=dt.date(2018, 1, 1), ended_on=dt.date(2022, 12, 31))
    make_partner(started_on=dt.date(2024, 1, 1))
    assert partners_count(year=2023) == 3


def test_new_partners_are_those_whose_partnership_began_that_year():
    make_partner(started_on=dt.date(2023, 1, 1))
    make_partner(started_on=dt.date(2023, 12, 31))
    make_partner(started_on=dt.date(2022, 12, 31))
    make_partner(started_on=dt.date(2024, 1, 1))
    assert partners_new_count(year=2023) == 2
    assert partners_new_count(year=2022) == 1


def test_counts_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        partners_count(2023)
    with pytest.raises(TypeError):
        partners_new_count(2023)


def test_the_year_in_review_reads_the_counts_as_figures():
    make_partner(started_on=dt.date(2019, 5, 1))
    make_partner(started_on=dt.date(2023, 3, 1))
    make_partner(started_on=dt.date(2024, 3, 1))
    total, new = figures.get("partners.total"), figures.get("partners.new")
    assert (total.value(year=2023), new.value(year=2023)) == (2, 1)
    assert total.url(year=2023) == new.url(year=2023) == reverse("partners:index")
