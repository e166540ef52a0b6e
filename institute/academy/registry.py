"""What the programmes contribute to the roof: a topic-page section, personal data, and
publishing a cohort putting its sessions in the calendar (unpublishing or deleting it
taking them out)."""

from django.db.models import Q
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from institute.core import routing
from institute.core.selectors import Item
from institute.core.topics import TopicSection, register
from institute.people.privacy import PersonalData
from institute.people.privacy import register as register_personal_data


def _topic_items(*, topic, limit=6):
    from .models import CohortPage, ProgrammePage

    programmes = {
        p.path: p for p in routing.public(ProgrammePage.objects.live().filter(topics=topic))
    }
    if not programmes:
        return []
    today = timezone.localdate()
    items = []
    within = Q()
    for path in programmes:
        within |= Q(path__startswith=path, depth=len(path) // CohortPage.steplen + 1)
    cohorts = routing.public(
        CohortPage.objects.live().filter(within, starts_on__gte=today)
    ).order_by("starts_on", "path")
    for cohort in cohorts:
        programme = programmes.get(cohort.path[: -CohortPage.steplen])
        if programme is None:
            continue
        items.append(
            Item(
                title=f"{programme.title}: {cohort.title}",
                url=cohort.url,
                summary=programme.summary,
                meta=f"Starts {cohort.starts_on:%-d %B %Y} · {cohort.get_region_display()}",
            )
        )
        if len(items) >= limit:
            break
    return items


def _topic_more(topic):
    from .models import AcademyIndexPage

    index = AcademyIndexPage.objects.live().first()
    return index.url if index else None


def _export(user):
    from .models import AlumniProfile, Application, Certificate

    applications = Application.objects.filter(user=user).select_related("cohort")
    profile = AlumniProfile.objects.filter(user=user).prefetch_related("topics").first()
    return {
        "applications": [
            {
                "cohort": a.cohort.title,
                "status": a.status,
                "statement": a.statement,
                "manager_agreed": a.manager_agreed,
                "manager_name": a.manager_name,
                "manager_email": a.manager_email,
                "message": a.message,
                "applied_at": a.created_at.isoformat(),
                "sessions_attended": a.attendances.count(),
            }
            for a in applications
        ],
        "certificates": [
            {
                "code": c.code,
                "programme": c.programme.title,
                "issued_at": c.issued_at.isoformat(),
                "revoked": c.revoked_at is not None,
            }
            for c in Certificate.objects.filter(user=user).select_related("programme")
        ],
        "alumni_directory": None
        if profile is None
        else {
            "listed": profile.listed,
            "job_title": profile.job_title,
            "region": profile.region,
            "topics": [t.name for t in profile.topics.all()],
            "about": profile.about,
        },
    }


def _erase(user):
    from .services import academy_erase

    academy_erase(user=user)


def _cohort_published(sender, instance, **kwargs):
    from .services import cohort_sessions_sync

    cohort_sessions_sync(cohort=instance)


def _cohort_withdrawn(sender, instance, **kwargs):
    # Unpublished: by an editor, a scheduled expiry, a parent unpublished with its children,
    # or a deletion (Wagtail unpublishes a live page, or each live descendant, before it
    # deletes it; a cohort that is not live has no items left in the calendar).
    from .services import cohort_sessions_withdraw

    cohort_sessions_withdraw(cohort=instance)


def register_with_roof():
    from .models import CohortPage

    register(
        TopicSection(
            key="academy",
            title="Leadership Academy programmes",
            order=15,
            items=_topic_items,
            more_url=_topic_more,
        )
    )
    register_personal_data(
        PersonalData(
            key="academy.programmes",
            title="Leadership Academy applications, certificates and alumni directory entry",
            export=_export,
            erase=_erase,
        )
    )
    page_published.connect(
        _cohort_published, sender=CohortPage, dispatch_uid="academy-cohort-sessions-sync"
    )
    page_unpublished.connect(
        _cohort_withdrawn, sender=CohortPage, dispatch_uid="academy-cohort-sessions-unpublished"
    )
