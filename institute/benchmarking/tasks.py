"""Background work: a cycle's results are computed when it closes (and on demand)."""

from django_tasks import task


@task()
def compute_cycle_results(cycle_id: int) -> int:
    from .results import compute_results

    return compute_results([cycle_id])
