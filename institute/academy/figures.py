"""The Leadership Academy's figures for the year in review (``institute/core/figures.py``):
programmes run and their cohorts, coaching sessions, people paired in mentoring and the
alumni's growth."""

from django.urls import reverse

from institute.core import figures

ROOM = "Learning and development"


def _academy(*, year):
    from .selectors import academy_index_url

    return academy_index_url()


def _alumni(*, year):
    return reverse("academy:alumni_directory") + f"?year={year}"


def _cohorts(*, year):
    from .selectors import cohorts_run

    return cohorts_run(year=year)


def _programmes(*, year):
    return _cohorts(year=year)["programmes"] or None


def _cohort_count(*, year):
    return _cohorts(year=year)["cohorts"] or None


def _coaching(*, year):
    from .coaching_selectors import coaching_sessions_count

    return coaching_sessions_count(year=year)


def _paired(*, year):
    from .mentoring_selectors import people_paired_count

    return people_paired_count(year=year)


def _alumni_joined(*, year):
    from .selectors import alumni_joined_count

    return alumni_joined_count(year=year)


def _alumni_total(*, year):
    from .selectors import alumni_total_count

    return alumni_total_count(year=year)


def register_figures():
    for figure in (
        figures.Figure(
            key="academy.programmes",
            label="Leadership Academy programmes run",
            room=ROOM,
            order=20,
            compute=_programmes,
            link=_academy,
        ),
        figures.Figure(
            key="academy.cohorts",
            label="cohorts started",
            room=ROOM,
            order=21,
            compute=_cohort_count,
            link=_academy,
        ),
        figures.Figure(
            key="academy.coaching_sessions",
            label="one-to-one coaching sessions",
            room=ROOM,
            order=22,
            compute=_coaching,
            link=_academy,
        ),
        figures.Figure(
            key="academy.people_paired",
            label="people paired in our mentoring scheme",
            room=ROOM,
            order=23,
            compute=_paired,
            link=lambda *, year: reverse("academy:mentoring"),
        ),
        figures.Figure(
            key="academy.alumni_joined",
            label="new alumni",
            room=ROOM,
            order=24,
            compute=_alumni_joined,
            link=_alumni,
            description="People whose first certificate was issued that year.",
        ),
        figures.Figure(
            key="academy.alumni_total",
            label="alumni at the end of the year",
            room=ROOM,
            order=25,
            compute=_alumni_total,
            link=_alumni,
        ),
    ):
        figures.register(figure)
