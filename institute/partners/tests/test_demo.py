import pytest

from institute.partners import demo
from institute.partners.models import Partner
from institute.partners.selectors import partners_count, partners_new_count

pytestmark = pytest.mark.django_db


def test_demo_gives_the_year_in_reviews_figures_and_is_idempotent(home):
    demo.seed(scale="demo", log=lambda message: None)
    assert partners_count(year=2023) == 54
    assert partners_new_count(year=2023) == 16
    assert set(Partner.objects.values_list("level", flat=True)) == set(Partner.Level.values)
    before = Partner.objects.count()
    demo.seed(scale="demo", log=lambda message: None)
    assert Partner.objects.count() == before


def test_demo_logos_have_alt_text(home):
    demo.seed(scale="demo", log=lambda message: None)
    with_logo = Partner.objects.filter(logo__isnull=False)
    assert with_logo.exists()
    assert not with_logo.filter(logo_alt="").exists()
