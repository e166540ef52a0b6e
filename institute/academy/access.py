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
