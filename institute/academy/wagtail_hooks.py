"""The Academy's screens in the Wagtail admin, one module per part of the room."""

# --- Mentoring and coaching ----------------------------------------------------------------
from .mentoring import admin_hooks  # noqa: F401
