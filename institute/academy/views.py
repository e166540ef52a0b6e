"""Pages of the programmes: programme and cohort pages' context (with their schema.org
Course and CourseInstance), applying, "My academy", the alumni directory and profile,
and certificates with their Open Badges 2.0 files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from institute.core.cache import depends_on
from institute.core.canonical import absolute_url, page_url
from institute.core.methods import safe_methods
from institute.core.models import Topic
from institute.core.params import page_number, whole_number
from institute.core.ratelimit import over_limit
from institute.core.selectors import SHARE_SPEC
from institute.events import selectors as calendar_selectors
from institute.membership.selectors import ALUMNI_DIRECTORY, MEMBER_PRICE, member_can

from . import badges, selectors, services
from .forms import AlumniProfileForm, ApplicationForm, DirectoryFilterForm
from .models import AlumniProfile, Application, Certificate, CohortPage

COURSE_MODE = {"in-person": "onsite", "virtual": "online", "hybrid": "blended"}
PROVIDER = {"@type": "Organization", "name": "Institute"}


def _course_instance(cohort, programme) -> dict:
    data = {
        "@type": "CourseInstance",
        "name": cohort.title,
        "url": page_url(cohort),
        "courseMode": COURSE_MODE.get(cohort.format, "onsite"),
    }
    if cohort.starts_on:
        data["startDate"] = cohort.starts_on.isoformat()
    if cohort.ends_on:
        data["endDate"] = cohort.ends_on.isoformat()
    if cohort.format != "virtual":
        data["location"] = {
            "@type": "Place",
            "name": cohort.venue or cohort.get_region_display(),
            "address": cohort.venue or cohort.get_region_display(),
        }
    sponsor = cohort.sponsor or programme.sponsor
    if sponsor:
        data["sponsor"] = {"@type": "Organization", "name": sponsor.name}
    return data


def _course(programme, cohorts) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": programme.title,
        "description": programme.summary or programme.audience,
        "url": page_url(programme),
        "provider": PROVIDER,
        "offers": [
            {
                "@type": "Offer",
                "category": "Free" if not price else "Paid",
                "name": name,
                "price": f"{price:.2f}",
                "priceCurrency": "GBP",
            }
            for name, price in (
                ("Members", programme.member_price),
                ("Non-members", programme.non_member_price),
            )
        ],
    }
    if programme.image:
        data["image"] = absolute_url(programme.image.get_rendition(SHARE_SPEC).url)
    if cohorts:
        data["hasCourseInstance"] = [_course_instance(c, programme) for c in cohorts]
    return data


def _pays_member_price(request, programme):
    """Which price this visitor pays, by membership's one rule: True or False when signed in
    and the prices differ (one query), else None — anonymous pages stay the same for all."""
    user = request.user
    if not user.is_authenticated or programme.member_price == programme.non_member_price:
        return None
    return member_can(user=user, action=MEMBER_PRICE)


def programme_context(request, programme) -> dict:
    cohorts = selectors.programme_cohorts(programme=programme)
    depends_on(request, *[services.places_tag(cohort_id=c.pk) for c in cohorts])
    today = timezone.localdate()
    upcoming = [c for c in cohorts if c.starts_on is None or c.starts_on >= today]
    past = [c for c in cohorts if c.starts_on is not None and c.starts_on < today]
    return {
        "upcoming_cohorts": upcoming,
        "training_calendar_url": calendar_selectors.calendar_listing_url(kind="training"),
        "past_cohorts": past[-6:][::-1],
        "topics": list(programme.topics.all()),
        "json_ld": _course(programme, upcoming),
        "og_type": "website",
        "pays_member_price": _pays_member_price(request, programme),
    }


def cohort_context(request, cohort) -> dict:
    programme = cohort.get_parent().specific
    depends_on(request, services.places_tag(cohort_id=cohort.pk))
    data = {"@context": "https://schema.org", **_course_instance(cohort, programme)}
    data["course"] = {
        "@type": "Course",
        "name": programme.title,
        "url": page_url(programme),
        "provider": PROVIDER,
    }
    return {
        "programme": programme,
        "sessions": selectors.cohort_sessions(cohort=cohort),
        "places": selectors.cohort_places(cohort=cohort),
        "application": selectors.application_for(user=request.user, cohort=cohort),
        "sponsor": cohort.sponsor or programme.sponsor,
        "pays_member_price": _pays_member_price(request, programme),
        "can_apply": cohort.applications_open
        and (cohort.starts_on is None or cohort.starts_on > timezone.localdate()),
        "json_ld": data,
    }


def page_id(value) -> int:
    """A page id from the path, or 404 past the database's integers (a page's key is a
    foreign key, which Django does not keep within range for the database)."""
    if whole_number(str(value), minimum=1) is None:
        raise Http404("No such page.")
    return value


def _cohort(cohort_id) -> CohortPage:
    return get_object_or_404(CohortPage.objects.live().public(), pk=page_id(cohort_id))


APPLICATIONS_PER_HOUR = 20


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, cohort_id):
    cohort = _cohort(cohort_id)
    programme = cohort.get_parent().specific
    existing = selectors.application_for(user=request.user, cohort=cohort)
    if existing is not None:
        messages.info(request, "You have already applied to this cohort.")
        return redirect("academy:mine")
    form = ApplicationForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        if over_limit(
            f"academy:apply:{request.user.pk}", limit=APPLICATIONS_PER_HOUR, seconds=3600
        ):
            error = "You have sent many applications in the last hour; please try again later."
        else:
            try:
                services.application_submit(
                    cohort=cohort,
                    user=request.user,
                    statement=form.cleaned_data["statement"],
                    manager_name=form.cleaned_data["manager_name"],
                    manager_email=form.cleaned_data["manager_email"],
                )
            except services.ApplicationError as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    f"Your application to {programme.title} ({cohort.title}) is sent. "
                    "We have e-mailed you a copy and will e-mail our decision.",
                )
                return redirect("academy:mine")
    return render(
        request,
        "academy/apply.html",
        {
            "form": form,
            "cohort": cohort,
            "programme": programme,
            "error": error,
            "error_items": [{"message": error}] if error else [],
            "meta_title": f"Apply: {programme.title}, {cohort.title}",
            "breadcrumbs": [
                {"title": "Academy", "url": programme.get_parent().url},
                {"title": programme.title, "url": programme.url},
                {"title": cohort.title, "url": cohort.url},
                {"title": "Apply", "url": ""},
            ],
        },
    )


@login_required
@require_POST
def withdraw(request, application_id):
    application = get_object_or_404(Application, pk=application_id, user=request.user)
    services.application_withdraw(application=application)
    messages.success(request, "Your application is withdrawn.")
    return redirect("academy:mine")


@login_required
def mine(request):
    context = selectors.member_academy(user=request.user)
    context.update(
        {
            "meta_title": "My academy",
            "is_alumnus": bool(context["certificates"]),
            "breadcrumbs": [{"title": "My academy", "url": ""}],
            "academy_url": selectors.academy_index_url(),
        }
    )
    return render(request, "academy/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def alumni_profile(request):
    if not selectors.is_alumnus(user=request.user):
        return render(
            request,
            "academy/not_alumnus.html",
            {"meta_title": "For alumni only", "academy_url": selectors.academy_index_url()},
        )
    profile = AlumniProfile.objects.filter(user=request.user).first() or AlumniProfile(
        user=request.user
    )
    form = AlumniProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            "You are listed in the alumni directory."
            if form.instance.listed
            else "You are not listed in the alumni directory.",
        )
        return redirect("academy:mine")
    return render(
        request,
        "academy/alumni_profile.html",
        {
            "form": form,
            "meta_title": "Your alumni directory entry",
            "breadcrumbs": [
                {"title": "My academy", "url": reverse("academy:mine")},
                {"title": "Alumni directory entry", "url": ""},
            ],
        },
    )


ALUMNI_PER_PAGE = 24


@login_required
def alumni_directory(request):
    if not member_can(user=request.user, action=ALUMNI_DIRECTORY):
        return render(
            request,
            "academy/members_only.html",
            {"meta_title": "Alumni directory", "membership_url": reverse("membership:index")},
            status=403,
        )
    choices = selectors.alumni_directory_choices()
    topics = list(Topic.objects.order_by("name").values_list("pk", "name"))
    form = DirectoryFilterForm(
        request.GET or None,
        programmes=choices["programmes"],
        years=choices["years"],
        topics=topics,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = selectors.alumni_directory(
        programme_id=filters.get("programme") or None,
        year=filters.get("year") or None,
        region=filters.get("region") or "",
        topic_id=filters.get("topic") or None,
    )
    if filters.get("q"):
        words = filters["q"].split()
        for word in words[:5]:
            profiles = profiles.filter(
                Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
            )
    paginator = Paginator(profiles, ALUMNI_PER_PAGE)
    page = paginator.get_page(page_number(request.GET) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    chosen = sum(1 for key in ("programme", "year", "region", "topic", "q") if filters.get(key))
    return render(
        request,
        "academy/alumni_directory.html",
        {
            "form": form,
            "page_obj": page,
            "count": paginator.count,
            "page_query": f"?{query.urlencode()}&" if query else "?",
            "chosen": chosen,
            "alumni_events": selectors.alumni_events(limit=4),
            "alumni_calendar_url": calendar_selectors.calendar_listing_url(
                kind="events", sub_kind="alumni"
            ),
            "is_alumnus": selectors.is_alumnus(user=request.user),
            "meta_title": "Alumni directory",
            "breadcrumbs": [{"title": "Alumni directory", "url": ""}],
        },
    )


# Certificates and badges --------------------------------------------------------------------


def certificate_code(code) -> str | None:
    """A code as certificates have them (ASCII letters and digits), or None: nothing else is
    looked up (PostgreSQL refuses a NUL in a query, for one)."""
    if not (code.isascii() and code.isalnum() and len(code) <= 16):
        return None
    return code.upper()


def _certificate(code) -> Certificate | None:
    code = certificate_code(code)
    if code is None:
        return None
    return Certificate.objects.select_related("programme", "cohort").filter(code=code).first()


def _unknown(request, code):
    return render(
        request,
        "academy/certificate_unknown.html",
        {
            "code": code,
            "meta_title": "Certificate not found",
            "academy_url": selectors.academy_index_url(),
        },
        status=404,
    )


@safe_methods
def certificate(request, code):
    found = _certificate(code)
    if found is None:
        return _unknown(request, code)
    return render(request, "academy/certificate.html", _certificate_context(found))


def _certificate_context(found, *, printable=False):
    url = reverse("academy:certificate", args=[found.code])
    return {
        "certificate": found,
        "printable": printable,
        "badge_url": reverse("academy:badge", args=[found.code]),
        "print_url": reverse("academy:certificate_print", args=[found.code]),
        "pdf_url": reverse("academy:certificate_pdf", args=[found.code]),
        "meta_title": f"Certificate {found.code}",
        "meta_description": f"{found.programme.title}: certificate of completion.",
        "canonical_url": absolute_url(url),
        "breadcrumbs": [{"title": "Certificate", "url": ""}],
    }


@safe_methods
def certificate_print(request, code):
    found = _certificate(code)
    if found is None:
        return _unknown(request, code)
    return render(
        request, "academy/certificate_print.html", _certificate_context(found, printable=True)
    )


@safe_methods
def certificate_pdf(request, code):
    from institute.benchmarking import pdf

    found = _certificate(code)
    if found is None:
        return _unknown(request, code)
    html = render(
        request, "academy/certificate_print.html", _certificate_context(found, printable=True)
    ).content.decode()
    try:
        document = pdf.from_html(html, base_url=request.build_absolute_uri("/"))
    except pdf.Unavailable as exc:
        return HttpResponse(
            f"The PDF cannot be made on this server ({exc}). Print the page instead.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{found.code}.pdf"'
    return response


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 2})


@safe_methods
def badge(request, code):
    found = _certificate(code)
    if found is None:
        raise Http404("No such certificate.")
    data = badges.assertion(found)
    return _json(data, status=410 if not found.is_valid else 200)


@safe_methods
def badge_class(request, programme_id):
    from .models import ProgrammePage

    programme = get_object_or_404(ProgrammePage.objects.live(), pk=page_id(programme_id))
    return _json(badges.badge_class(programme))


@safe_methods
def badge_issuer(request):
    return _json(badges.issuer())


@safe_methods
def badge_image(request, programme_id):
    from .models import ProgrammePage

    programme = get_object_or_404(ProgrammePage.objects.live(), pk=page_id(programme_id))
    return render(
        request,
        "academy/badge.svg",
        {"programme": programme},
        content_type="image/svg+xml; charset=utf-8",
    )
