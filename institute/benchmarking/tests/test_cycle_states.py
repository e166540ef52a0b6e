"""A cycle moves draft → open → closed → published through the services, and only forward."""

import pytest
from django.utils import timezone

from institute.benchmarking.models import Cycle, Result, SurveyLink
from institute.benchmarking.services import (
    CycleStateError,
    cycle_close,
    cycle_links_issue,
    cycle_open,
    cycle_publish,
    cycle_results_recompute,
    participant_add,
)
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(module_version):
    return make_cycle(
        module_version, year=2024, organisations=[make_organisation("Essex")], status="draft"
    )


def test_opening_a_draft_issues_every_participant_its_links(draft):
    cycle_open(cycle=draft)
    draft.refresh_from_db()
    assert draft.status == Cycle.Status.OPEN and draft.opened_at is not None
    assert draft.participants.get().links.count() == 1


def test_a_draft_without_modules_cannot_open(draft):
    draft.module_versions.clear()
    with pytest.raises(CycleStateError, match="has no modules"):
        cycle_open(cycle=draft)
    draft.refresh_from_db()
    assert draft.status == Cycle.Status.DRAFT


@pytest.mark.parametrize("status", ["open", "closed", "published"])
def test_only_a_draft_opens(module_version, status):
    cycle = make_cycle(module_version, year=2024, status=status)
    with pytest.raises(CycleStateError, match="only a draft cycle can be opened"):
        cycle_open(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == status


def test_closing_an_open_cycle_computes_its_results(module_version):
    cycle = make_cycle(module_version, year=2024, organisations=[make_organisation("Kent")])
    add_responses(cycle.participants.get(), module_version, {"internet-solutions": [4] * 12})
    cycle_close(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED and cycle.closed_at is not None
    assert cycle.has_results and not cycle.results_pending
    assert Result.objects.filter(cycle=cycle, scope="organisation").exists()


@pytest.mark.parametrize("status", ["draft", "closed", "published"])
def test_only_an_open_cycle_closes(module_version, status):
    cycle = make_cycle(module_version, year=2024, status=status)
    with pytest.raises(CycleStateError, match="only an open cycle can be closed"):
        cycle_close(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == status and cycle.closed_at is None


def test_a_stale_copy_of_an_open_cycle_cannot_close_it_twice(module_version):
    cycle = make_cycle(module_version, year=2024)
    stale = Cycle.objects.get(pk=cycle.pk)
    cycle_close(cycle=cycle)
    with pytest.raises(CycleStateError, match="2024 is closed"):
        cycle_close(cycle=stale)  # the state is read under the lock, not from the copy


def test_links_are_issued_to_participants_added_after_opening(module_version):
    cycle = make_cycle(module_version, year=2024)
    late = make_organisation("Late Council")
    participant = participant_add(cycle=cycle, organisation=late)
    participant.links.all().delete()
    assert cycle_links_issue(cycle=cycle) == 1
    assert participant.links.count() == 1


def test_issuing_links_costs_the_same_queries_for_many_participants(
    module_version, django_assert_num_queries
):
    cycle = make_cycle(
        module_version,
        year=2024,
        organisations=[make_organisation(f"Council {n}") for n in range(8)],
        status="draft",
    )
    SurveyLink.objects.filter(participant__cycle=cycle).delete()
    # The savepoint, the lock, the links held, the module versions, the participants, one
    # insert, the release.
    with django_assert_num_queries(7):
        issued = cycle_links_issue(cycle=cycle)
    assert issued == 8
    assert all(p.links.count() == 1 for p in cycle.participants.all())


@pytest.mark.parametrize("status", ["closed", "published"])
def test_links_are_not_issued_once_a_cycle_closed(module_version, status):
    cycle = make_cycle(module_version, year=2024, status=status)
    with pytest.raises(CycleStateError, match="links are issued only before it closes"):
        cycle_links_issue(cycle=cycle)


def test_recomputing_a_closed_cycle_records_the_request_and_the_result(module_version):
    cycle = make_cycle(module_version, year=2024, status="closed")
    cycle_results_recompute(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.results_requested_at <= cycle.results_computed_at


@pytest.mark.parametrize("status", ["draft", "open", "published"])
def test_only_a_closed_cycle_is_recomputed(module_version, status):
    cycle = make_cycle(module_version, year=2024, status=status)
    with pytest.raises(CycleStateError, match="recomputed only while it is closed"):
        cycle_results_recompute(cycle=cycle)


def test_publishing_a_closed_cycle_with_results(module_version):
    cycle = make_cycle(module_version, year=2024)
    cycle_close(cycle=cycle)
    cycle_publish(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.PUBLISHED and cycle.published_at is not None
    assert cycle.has_results


def test_a_cycle_whose_results_are_still_being_computed_cannot_be_published(module_version):
    cycle = make_cycle(module_version, year=2024, status="closed")
    Cycle.objects.filter(pk=cycle.pk).update(results_requested_at=timezone.now())
    with pytest.raises(CycleStateError, match="still being computed"):
        cycle_publish(cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED


@pytest.mark.parametrize("status", ["draft", "open", "published"])
def test_only_a_closed_cycle_is_published(module_version, status):
    cycle = make_cycle(module_version, year=2024, status=status)
    with pytest.raises(CycleStateError, match="only a closed cycle can be published"):
        cycle_publish(cycle=cycle)
