"""The Leadership Academy's models, one module per part of the room (see docs/academy.md)."""

# Programmes, cohorts, applications, certificates and alumni.
from .applications import Application, Attendance
from .certificates import AlumniProfile, Certificate

# Mentoring and coaching.
from .coaching import Coach, CoachingSession
from .mentoring import Feedback, Meeting, Pair, Registration, Round
from .programmes import AcademyIndexPage, CohortPage, CohortSession, ProgrammeForm, ProgrammePage

__all__ = [
    "AcademyIndexPage",
    "AlumniProfile",
    "Application",
    "Attendance",
    "Certificate",
    "Coach",
    "CoachingSession",
    "CohortPage",
    "CohortSession",
    "Feedback",
    "Meeting",
    "Pair",
    "ProgrammeForm",
    "ProgrammePage",
    "Registration",
    "Round",
]
