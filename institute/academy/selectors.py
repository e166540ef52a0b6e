"""Reads of the Leadership Academy's programmes: listings, places, a member's own academy
and the alumni directory. Each runs a fixed number of queries whatever the amount of data."""

from dataclasses import dataclass

from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Q
from django.utils import timezone

from institute.core import routing
from institute.core.cache import remember
from institute.core.selectors import card_image, with_renditions
from institute.events import selectors as calendar

from .models import (
    AcademyIndexPage,
    AlumniProfile,
    Application,
    Certificate,
    CohortPage,
    CohortSession,
    ProgrammePage,
)
from .models.applications import accepted_per_cohort

Status = Application.Status


def academy_index_url() -> str:
    """The address of the Leadership Academy's index page, or empty when none is live."""
    index = AcademyIndexPage.objects.live().first()
    return (index.get_url() or "") if index else ""


def programme_cards(*, index, pictures=False) -> list[dict]:
    """The index's programmes, each with its next open cohort (two queries) and, if asked,
    its card's picture (``image``: the images come with the programmes, their renditions in
    one more query however many programmes)."""
    programmes = routing.public(ProgrammePage.objects.live().child_of(index)).order_by("path")
    if pictures:
        programmes = with_renditions(programmes)
    programmes = list(programmes)
    today = timezone.localdate()
    upcoming = {}
    cohorts = CohortPage.objects.live().descendant_of(index).filter(starts_on__gte=today)
    for cohort in routing.public(cohorts).order_by("starts_on", "path"):
        parent_path = cohort.path[: -CohortPage.steplen]
        upcoming.setdefault(parent_path, cohort)
    cards = [{"programme": p, "next_cohort": upcoming.get(p.path)} for p in programmes]
    if pictures:
        for card in cards:
            programme = card["programme"]
            card["image"] = card_image(programme.image, programme.image_alt)
    return cards


def programme_index_cards(*, index, request=None) -> list[dict]:
    """What the Academy index shows of each programme, as plain values (title, address,
    form, summary, next cohort, picture): content, kept until content next changes or the
    day turns (a cohort that starts today stops being the next one tomorrow)."""

    def compute():
        return [
            {
                "title": row["programme"].title,
                "url": row["programme"].get_url(request),
                "kind": row["programme"].get_form_display(),
                "summary": row["programme"].summary,
                "meta": f"Next cohort: {row['next_cohort'].title}" if row["next_cohort"] else "",
                "image": row["image"],
            }
            for row in programme_cards(index=index, pictures=True)
        ]

    return remember(f"academy:index-cards:{index.pk}:{timezone.localdate()}", compute)


def programme_cohorts(*, programme) -> list[CohortPage]:
    """A programme's live cohorts, soonest first, each with ``accepted`` (one query)."""
    return list(
        routing.public(CohortPage.objects.live().child_of(programme))
        .annotate(accepted=accepted_per_cohort())
        .order_by("starts_on", "path")
    )


@dataclass(frozen=True)
class Places:
    capacity: int
    accepted: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.accepted, 0)


def cohort_places(*, cohort) -> Places:
    accepted = Application.objects.filter(cohort_id=cohort.pk).accepted().count()
    return Places(capacity=cohort.capacity, accepted=accepted)


def cohort_sessions(*, cohort) -> list[dict]:
    """A cohort's sessions with their calendar addresses (two queries)."""
    sessions = list(CohortSession.objects.filter(cohort=cohort).order_by("start", "pk"))
    links = calendar.training_item_links(item_ids=[s.calendar_item_id for s in sessions])
    return [{"session": s, "links": links.get(s.calendar_item_id)} for s in sessions]


def application_for(*, user, cohort) -> Application | None:
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(user=user, cohort=cohort)
        .exclude(status=Status.WITHDRAWN)
        .first()
    )


def member_academy(*, user) -> dict:
    """A member's applications (with cohorts, programmes, sessions and attendance) and
    certificates, in a fixed number of queries."""
    applications = list(
        Application.objects.filter(user=user)
        .select_related("cohort")
        .prefetch_related(
            Prefetch(
                "cohort__sessions",
                queryset=CohortSession.objects.order_by("start", "pk"),
                to_attr="ordered_sessions",
            ),
            "attendances",
        )
        .order_by("-created_at")
    )
    parents = {}
    paths = {a.cohort.path[: -CohortPage.steplen] for a in applications}
    for programme in ProgrammePage.objects.filter(path__in=paths):
        parents[programme.path] = programme
    item_ids = [
        s.calendar_item_id
        for a in applications
        if a.status == Status.ACCEPTED
        for s in a.cohort.ordered_sessions
    ]
    links = calendar.training_item_links(item_ids=item_ids) if item_ids else {}
    rows = []
    for application in applications:
        attended = {a.session_id for a in application.attendances.all()}
        sessions = [
            {
                "session": s,
                "attended": s.pk in attended,
                "links": links.get(s.calendar_item_id)
                if application.status == Status.ACCEPTED
                else None,
            }
            for s in application.cohort.ordered_sessions
        ]
        rows.append(
            {
                "application": application,
                "programme": parents.get(application.cohort.path[: -CohortPage.steplen]),
                "sessions": sessions,
            }
        )
    certificates = list(
        Certificate.objects.filter(user=user).select_related("programme").order_by("-issued_at")
    )
    return {"rows": rows, "certificates": certificates}


def is_alumnus(*, user) -> bool:
    return (
        user.is_authenticated
        and Certificate.objects.filter(user=user, revoked_at__isnull=True).exists()
    )


def alumni_directory(*, programme_id=None, year=None, region="", topic_id=None):
    """Listed alumni (with a valid certificate), filtered; rows carry ``valid_certificates``
    and ``topics`` prefetched, so a page of them costs three queries."""
    valid = Certificate.objects.filter(user=OuterRef("user"), revoked_at__isnull=True)
    if programme_id:
        valid = valid.filter(programme_id=programme_id)
    if year:
        valid = valid.filter(issued_at__year=year)
    profiles = (
        AlumniProfile.objects.filter(listed=True, user__isnull=False)
        .filter(Exists(valid))
        .select_related("user")
        .prefetch_related(
            "topics",
            Prefetch(
                "user__academy_certificates",
                queryset=Certificate.objects.filter(revoked_at__isnull=True)
                .select_related("programme")
                .order_by("issued_at"),
                to_attr="valid_certificates",
            ),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    if region:
        profiles = profiles.filter(region=region)
    if topic_id:
        profiles = profiles.filter(topics__pk=topic_id)
    return profiles


def alumni_directory_choices() -> dict:
    """Programmes and years that have alumni (the directory's filters), kept until content
    changes (or five minutes: a certificate in a new year shows within them)."""
    return remember("academy:directory-choices", _directory_choices, timeout=300)


def _directory_choices() -> dict:
    programmes = list(ProgrammePage.objects.live().order_by("title").values_list("pk", "title"))
    # From the first certificate's year to the latest's, read from the index on issued_at:
    # the distinct years themselves cost a pass over every certificate (300 ms at 20,000).
    span = Certificate.objects.aggregate(first=Min("issued_at"), last=Max("issued_at"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
    return {"programmes": programmes, "years": years}


def alumni_events(*, limit=6) -> list[dict]:
    return calendar.alumni_events(limit=limit)


def alumni_count(*, year=None) -> int:
    qs = Certificate.objects.filter(revoked_at__isnull=True)
    if year:
        qs = qs.filter(issued_at__year=year)
    return qs.count()


def programmes_sponsored_by(*, organisation) -> list[dict]:
    """Live public programmes ``organisation`` sponsors: title and address. One query."""
    programmes = routing.public(ProgrammePage.objects.live().filter(sponsor=organisation))
    return [{"title": p.title, "url": p.url} for p in programmes.order_by("title")]


def cohorts_sponsored_by(*, organisation) -> list[dict]:
    """Live public cohorts ``organisation`` sponsors, itself or through their programme
    (a cohort's own sponsor comes first), latest first: title, programme, address, start
    and the calendar items of their sessions. Two queries."""
    programmes = {
        p.path: p
        for p in ProgrammePage.objects.live().filter(sponsor=organisation).only("path", "title")
    }
    through_programme = Q(pk__in=[])
    for path in programmes:
        through_programme |= Q(path__startswith=path, depth=len(path) // CohortPage.steplen + 1)
    cohorts = routing.public(
        CohortPage.objects.live().filter(
            Q(sponsor=organisation) | (Q(sponsor__isnull=True) & through_programme)
        )
    ).order_by("-starts_on", "path")
    found = []
    for cohort in cohorts:
        programme = programmes.get(cohort.path[: -CohortPage.steplen])
        found.append(
            {
                "title": cohort.title,
                "programme": programme.title if programme else "",
                "url": cohort.url,
                "starts_on": cohort.starts_on,
                "item_ids": list(cohort.synced_item_ids or []),
            }
        )
    return found


def cohorts_run(*, year) -> dict:
    """The live cohorts that started in ``year`` and the programmes they belong to, counted
    (one query): ``{"cohorts": n, "programmes": n}``."""
    paths = list(
        routing.public(CohortPage.objects.live())
        .filter(starts_on__year=year)
        .values_list("path", flat=True)
    )
    programmes = {path[: -CohortPage.steplen] for path in paths}
    return {"cohorts": len(paths), "programmes": len(programmes)}


def alumni_joined_count(*, year) -> int:
    """People who joined the alumni in ``year``: their first valid certificate was issued
    then (one query)."""
    first = (
        Certificate.objects.filter(revoked_at__isnull=True)
        .values("user")
        .annotate(first=Min("issued_at"))
        .filter(first__year=year)
    )
    return first.count()


def alumni_total_count(*, year) -> int:
    """The alumni at the end of ``year``: people with a valid certificate issued by then."""
    return (
        Certificate.objects.filter(revoked_at__isnull=True, issued_at__year__lte=year)
        .values("user")
        .distinct()
        .count()
    )


def cohorts_open_for_application(*, today=None, limit=10):
    """Live, public cohorts taking applications that have not started, soonest first, with
    their programme's topics' slugs (for digests such as the newsletter)."""
    today = today or timezone.localdate()
    cohorts = list(
        routing.public(
            CohortPage.objects.live().filter(applications_open=True, starts_on__gte=today)
        ).order_by("starts_on", "path")[:limit]
    )
    # Their programmes (the cohorts' parents) with their topics, in two queries for all.
    paths = {c.path[: -CohortPage.steplen] for c in cohorts}
    programmes = {
        p.path: p for p in ProgrammePage.objects.filter(path__in=paths).prefetch_related("topics")
    }
    found = []
    for cohort in cohorts:
        programme = programmes.get(cohort.path[: -CohortPage.steplen])
        if programme is None:
            continue
        found.append(
            {
                "title": f"{programme.title}: {cohort.title}",
                "url": cohort.url,
                "summary": programme.summary,
                "meta": f"Starts {cohort.starts_on:%-d %B %Y} · {cohort.get_region_display()}",
                "topics": sorted(t.slug for t in programme.topics.all()),
            }
        )
    return found
