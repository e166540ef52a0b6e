"""Who may open each of the Academy's URLs (the authorisation walk reads ``RULES``)."""

from institute.core.access import ANONYMOUS, MEMBER, STAFF, Rule

RULES = {}

# Programmes, applications, alumni and certificates ----------------------------------------


def _cohort():
    from .programmes_demo import sample_cohort

    return {"cohort_id": sample_cohort().pk}


def _application():
    from .programmes_demo import sample_application

    return {"application_id": sample_application().pk}


def _code():
    from .programmes_demo import sample_certificate

    return {"code": sample_certificate().code}


def _programme():
    return {"programme_id": _cohort_page().get_parent().pk}


def _cohort_page():
    from .programmes_demo import sample_cohort

    return sample_cohort()


def _session():
    cohort = _cohort_page()
    return {"cohort_id": cohort.pk, "session_id": cohort.sessions.first().pk}


RULES.update(
    {
        "academy:apply": Rule(MEMBER, kwargs=_cohort),
        # POST only: a GET is refused once signed in.
        "academy:withdraw": Rule(MEMBER, kwargs=_application, ok_status=(405,)),
        "academy:mine": Rule(MEMBER),
        "academy:alumni_directory": Rule(MEMBER),
        "academy:alumni_profile": Rule(MEMBER),
        "academy:certificate": Rule(ANONYMOUS, kwargs=_code),
        "academy:certificate_print": Rule(ANONYMOUS, kwargs=_code),
        # 503 where the PDF library's system libraries are missing (the page says so).
        "academy:certificate_pdf": Rule(ANONYMOUS, kwargs=_code, ok_status=(200, 503)),
        "academy:badge": Rule(ANONYMOUS, kwargs=_code),
        "academy:badge_issuer": Rule(ANONYMOUS),
        "academy:badge_class": Rule(ANONYMOUS, kwargs=_programme),
        "academy:badge_image": Rule(ANONYMOUS, kwargs=_programme),
        "academy_admin:cohorts": Rule(STAFF),
        "academy_admin:applications": Rule(STAFF, kwargs=_cohort),
        "academy_admin:attendance": Rule(STAFF, kwargs=_cohort),
        "academy_admin:attendance_session": Rule(STAFF, kwargs=_session, ok_status=(302,)),
        "academy_admin:complete": Rule(STAFF, kwargs=_cohort, ok_status=(405,)),
        "academy_admin:revoke": Rule(STAFF, kwargs=_code),
    }
)


# --- Mentoring and coaching ----------------------------------------------------------------
# A pair's page is for its mentor, its mentee and staff; a coaching session's page for its
# coach, its participant and staff (its notes for the two only). The walk checks staff and
# an unrelated member (404); the people themselves are checked in the room's tests:
# institute/academy/tests/test_mentoring_services.py (a pair's page) and
# institute/academy/tests/test_coaching_access.py (a coaching session's page).


def mentoring_sample():
    """An open round, a confirmed pair and a coaching session, in the test database."""
    import datetime as dt

    from django.utils import timezone

    from institute.people.models import Organisation, User

    from .models import Coach, CoachingSession, Pair, Registration, Round

    def person(name, org):
        organisation = Organisation.objects.get_or_create(
            slug=f"sample-{org}", defaults={"name": f"Sample {org}"}
        )[0]
        return User.objects.get_or_create(
            username=f"sample-{name}",
            defaults={
                "email": f"sample-{name}@example.org",
                "organisation": organisation,
                "first_name": name.title(),
                "last_name": "Sample",
            },
        )[0]

    today = dt.date(2030, 1, 1)
    open_round = Round.objects.get_or_create(
        slug="sample-open-round",
        defaults={
            "name": "Sample open round",
            "registration_closes": today,
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=180),
        },
    )[0]
    confirmed = Round.objects.get_or_create(
        slug="sample-confirmed-round",
        defaults={
            "name": "Sample confirmed round",
            "registration_closes": today,
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=180),
            "state": Round.State.CONFIRMED,
        },
    )[0]
    common = {"seniority": 3, "region": "wales"}
    mentor = Registration.objects.get_or_create(
        round=confirmed, user=person("mentor", "a"), defaults={"role": "mentor", **common}
    )[0]
    mentee = Registration.objects.get_or_create(
        round=confirmed, user=person("mentee", "b"), defaults={"role": "mentee", **common}
    )[0]
    pair = Pair.objects.get_or_create(round=confirmed, mentor=mentor, mentee=mentee)[0]
    coach = Coach.objects.get_or_create(user=person("coach", "c"))[0]
    session = CoachingSession.objects.get_or_create(
        coach=coach,
        participant=person("coachee", "d"),
        defaults={"starts_at": timezone.now(), "notes": "Sample private notes"},
    )[0]
    return {"round": open_round, "confirmed": confirmed, "pair": pair, "session": session}


RULES |= {
    "academy:mentoring": Rule(MEMBER),
    "academy:mentoring_register": Rule(
        MEMBER, kwargs=lambda: {"slug": mentoring_sample()["round"].slug}
    ),
    "academy:mentoring_pair": Rule(STAFF, kwargs=lambda: {"pk": mentoring_sample()["pair"].pk}),
    "academy:coaching": Rule(MEMBER),
    "academy:coaching_session": Rule(
        STAFF, kwargs=lambda: {"pk": mentoring_sample()["session"].pk}
    ),
    # Staff pages under the Wagtail admin: its door sends anyone else to the sign-in page.
    "academy_mentoring_admin:rounds": Rule(STAFF),
    "academy_mentoring_admin:round": Rule(
        STAFF, kwargs=lambda: {"pk": mentoring_sample()["confirmed"].pk}
    ),
}
