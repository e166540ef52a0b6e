"""The public pages: index, scorecard, comparison, downloads, and who sees which version."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from institute.insight.models import FrameworkVersion, IndicatorValue
from institute.insight.services import scores_compute
from tests.factories.insight import add_values, make_places, scored_society


@pytest.fixture
def society(db):
    return scored_society()


def test_the_index_lists_places_ranked_and_says_synthetic(client, society):
    html = client.get("/insight/").content.decode()
    assert "6 of 6 places" in html
    assert html.index("Hartlepool") < html.index("City of Edinburgh")
    assert "synthetic" in html.lower()
    assert 'aria-sort="ascending"' in html  # the rank column, the default order
    assert "<svg" in html and "Ranked places, 2024 (synthetic)" in html


def test_the_index_filters_and_sorts(client, society):
    html = client.get("/insight/", {"nation": "Wales"}).content.decode()
    assert "1 of 6 places" in html and "Cardiff" in html
    by_name = client.get("/insight/", {"sort": "name"}).content.decode()
    assert by_name.index("Cardiff") < by_name.index("Hartlepool")
    reverse = client.get("/insight/", {"sort": "name", "order": "desc"}).content.decode()
    assert reverse.index("Stockton-on-Tees") < reverse.index("Cardiff")
    assert 'aria-sort="descending"' in reverse
    found = client.get("/insight/", {"q": "middles"}).content.decode()
    assert "1 of 6 places" in found


def test_the_scorecard_shows_scores_peers_marks_and_trend(client, society):
    response = client.get("/insight/E06000001/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hartlepool: place insight scorecard" in html
    assert "Typical of similar places" in html
    assert "Similar places" in html and "Middlesbrough" in html
    assert "Strength" in html  # the best place stands out on some component
    assert "Scores by year" in html and "2023" in html and "2024" in html
    assert "Synthetic figures" in html


def test_unknown_places_and_bad_codes_are_404(client, society):
    assert client.get("/insight/E09999999/").status_code == 404
    assert client.get("/insight/not-a-code/").status_code == 404
    assert client.get("/insight/E06000001/", {"year": "1999"}).status_code == 404


def test_compare_shows_two_to_five_places(client, society):
    html = client.get(
        "/insight/compare/", {"p1": "E06000001", "p2": "W06000015", "p3": "S12000036"}
    ).content.decode()
    assert "Cardiff" in html and "City of Edinburgh" in html and "Access to information" in html
    one = client.get("/insight/compare/", {"p1": "E06000001"}).content.decode()
    assert "Choose at least two different places" in one


def test_a_kept_comparison_shows_what_was_asked_and_the_new_scores(client, society, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the comparison is kept by the view, not the page cache
    asked = {"p1": "E06000001", "p2": "W06000015"}
    first = client.get("/insight/compare/", asked).content.decode()
    again = client.get("/insight/compare/", asked).content.decode()
    assert again == first
    assert 'name="year"' not in first  # the run was not pinned: no hidden run fields
    pinned = client.get("/insight/compare/", {**asked, "year": "2024"}).content.decode()
    assert 'type="hidden" name="year" value="2024"' in pinned  # not the kept unpinned page
    swapped = client.get("/insight/compare/", {"p1": "W06000015", "p2": "E06000001"})
    html = swapped.content.decode()
    assert html.index('<option value="W06000015" selected') < html.index('id="id_p2"')
    # New scores retire the kept comparison (a recomputation is a content change).
    IndicatorValue.objects.filter(place__gss_code="E06000001", year=2024).update(value=0)
    scores_compute(version=society[0], year=2024)
    assert client.get("/insight/compare/", asked).content.decode() != first


def test_every_table_downloads(client, society):
    csv = client.get("/insight/places.csv").content.decode()
    assert csv.splitlines()[0].startswith("gss_code,place,nation,year,framework_version,rank")
    assert csv.count("\n") == 7 and ",yes" in csv  # six places, marked synthetic
    card = client.get("/insight/E06000001/scorecard.csv").content.decode()
    assert "indicator,gigabit-coverage" in card
    book = load_workbook(
        io.BytesIO(
            client.get(
                "/insight/compare/comparison.xlsx", {"p1": "E06000001", "p2": "E06000002"}
            ).content
        )
    )
    assert book.active.max_row == 1 + 1 + 2 + 2  # heading, index, dimensions, components
    assert client.get("/insight/places.pdf").status_code == 404


def test_an_unpublished_version_is_for_staff_only(client, admin_client, society):
    version, places = society
    draft = FrameworkVersion.objects.create(number=2, title="Draft", published=False)
    # Copy the structure by recomputing the published one's indicators under the draft.
    for dimension in version.dimensions.all():
        components = list(dimension.components.all())
        dimension.pk, dimension.version = None, draft
        dimension.save()
        for component in components:
            indicators = list(component.indicators.all())
            component.pk, component.dimension = None, dimension
            component.save()
            for indicator in indicators:
                indicator.pk, indicator.component = None, component
                indicator.save()
    scores_compute(version=draft, year=2024)
    assert client.get("/insight/", {"version": "2"}).status_code == 404
    assert client.get("/insight/E06000001/", {"version": "2"}).status_code == 404
    assert "version 1" in client.get("/insight/").content.decode()
    staff = admin_client.get("/insight/", {"version": "2"}).content.decode()
    assert "version 2" in staff and "unpublished" in staff


def test_the_listing_costs_the_same_queries_however_many_places(client, db):
    version, places = scored_society(years=(2024,))
    client.get("/insight/")  # warm what is kept between requests
    with CaptureQueriesContext(connection) as few:
        client.get("/insight/", {"nation": "England"})
    more = make_places(
        [
            (
                f"E0700{i:04d}",
                f"District {i}",
                "England",
                "South East",
                90_000 + i,
                300.0,
                40.0,
                30.0,
            )
            for i in range(30)
        ]
    )
    add_values(more, 2024)
    scores_compute(version=version, year=2024)
    client.get("/insight/")  # the cache was retired by the new scores: warm it again
    with CaptureQueriesContext(connection) as many:
        response = client.get("/insight/", {"nation": "England"})
    assert "34 of 36 places" in response.content.decode()
    assert len(many) == len(few)
