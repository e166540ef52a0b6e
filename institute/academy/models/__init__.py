"""The Leadership Academy's models, one module per part of the room (see docs/academy.md)."""

# Programmes, cohorts, applications, certificates and alumni.
from .applications import Application, Attendance  # noqa: E402,F401
from .certificates import AlumniProfile, Certificate  # noqa: E402,F401
from .programmes import (  # noqa: E402,F401
    AcademyIndexPage,
    CohortPage,
    CohortSession,
    ProgrammeForm,
    ProgrammePage,
)
