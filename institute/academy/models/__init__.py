"""The Leadership Academy's models, one module per part of the room (see docs/academy.md)."""

# --- Mentoring and coaching -------------------------------------------------------------
from .coaching import Coach, CoachingSession
from .mentoring import Feedback, Meeting, Pair, Registration, Round

__all__ = [
    # Mentoring and coaching
    "Coach",
    "CoachingSession",
    "Feedback",
    "Meeting",
    "Pair",
    "Registration",
    "Round",
]
