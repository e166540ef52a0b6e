"""Background work: a cycle's results when it closes (and on demand); history imports."""

from django_tasks import task


@task()
def compute_cycle_results(cycle_id: int) -> int:
    from .results import compute_results

    return compute_results([cycle_id])


@task()
def import_history(import_id: int) -> str:
    from .imports import history_import_run
    from .models import HistoryImport

    record = HistoryImport.objects.select_related("module_version__module").get(pk=import_id)
    return history_import_run(record=record).status
