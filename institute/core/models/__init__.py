"""The roof's content models, one module per concern."""

from .pages import HomePage, StandardPage
from .topics import Topic

__all__ = ["HomePage", "StandardPage", "Topic"]
