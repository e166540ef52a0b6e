"""Who may open each benchmarking URL (walked by tests/test_authorisation.py).

Reports, exports and action plans are for the organisation's coordinators and staff; the
walk checks staff, and ``tests/test_access.py`` checks coordinators of this and of other
organisations on every URL. Cycle management and history imports are staff pages in the
Wagtail admin (``admin_urls.py``).
"""

from institute.core.access import ANONYMOUS, MEMBER, STAFF, Rule


def sample():
    """A closed cycle with computed results, an open one with a survey link."""
    from django.utils import timezone

    from institute.people.models import Organisation

    from .definitions import normalise
    from .models import Cycle, Module
    from .services import links_ensure, module_load, participant_add

    definition = normalise(
        {
            "key": "sample-module",
            "title": "Sample module",
            "version": 1,
            "sections": [
                {"title": "S", "questions": [{"key": "q", "text": "Q?", "type": "yes-no"}]}
            ],
        }
    )
    version = module_load(definition=definition)[0]
    org, _ = Organisation.objects.get_or_create(slug="sample-org", defaults={"name": "Sample org"})
    closed, _ = Cycle.objects.get_or_create(
        year=2001, defaults={"status": Cycle.Status.CLOSED, "results_computed_at": timezone.now()}
    )
    opened, _ = Cycle.objects.get_or_create(year=2002, defaults={"status": Cycle.Status.OPEN})
    for cycle in (closed, opened):
        cycle.module_versions.add(version)
        participant = participant_add(cycle=cycle, organisation=org)
    links_ensure(participant=participant)
    link = participant.links.get(module_version__module=Module.objects.get(key="sample-module"))
    action = closed.participants.get().actions.get_or_create(
        title="Sample action", owner="Head of ICT", due_date="2001-12-31"
    )[0]
    return {
        "year": closed.year,
        "organisation": org.slug,
        "token": link.token,
        "pk": action.pk,
        "cycle": closed.pk,
    }


def _only(*names):
    return lambda: {k: v for k, v in sample().items() if k in names}


RULES = {
    "benchmarking:index": Rule(ANONYMOUS),
    "benchmarking:dashboard": Rule(MEMBER),
    "benchmarking:survey": Rule(ANONYMOUS, kwargs=_only("token")),
    "benchmarking:survey_done": Rule(ANONYMOUS, kwargs=_only("token")),
    "benchmarking:summary": Rule(ANONYMOUS, kwargs=_only("year")),
    "benchmarking:report": Rule(STAFF, kwargs=_only("year", "organisation")),
    # Until its PDF is made, report.pdf sends the visitor to the page that waits for it.
    "benchmarking:report_pdf": Rule(
        STAFF, kwargs=_only("year", "organisation"), ok_status=(200, 302)
    ),
    "benchmarking:report_pdf_status": Rule(STAFF, kwargs=_only("year", "organisation")),
    "benchmarking:report_export": Rule(
        STAFF, kwargs=lambda: {**_only("year", "organisation")(), "fmt": "csv"}
    ),
    "benchmarking:actions": Rule(STAFF, kwargs=_only("year", "organisation")),
    "benchmarking:action_edit": Rule(STAFF, kwargs=_only("year", "organisation", "pk")),
}


def _history_import():
    from .models import HistoryImport, ModuleVersion

    sample()
    version = ModuleVersion.objects.get(module__key="sample-module")
    record = HistoryImport.objects.create(
        original_name="sample.csv", year=2001, module_version=version, report={"answers": 1}
    )
    return {"pk": record.pk}


# Staff pages under the Wagtail admin: its door sends anyone else to the sign-in page.
RULES |= {
    "benchmarking_admin:cycle": Rule(STAFF, kwargs=lambda: {"pk": sample()["cycle"]}),
    "benchmarking_admin:cycle_change": Rule(
        STAFF, kwargs=lambda: {"pk": sample()["cycle"], "change": "recompute"}
    ),
    "benchmarking_admin:imports": Rule(STAFF),
    "benchmarking_admin:import": Rule(STAFF, kwargs=_history_import),
}
