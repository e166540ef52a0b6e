"""The resource hub's content models, one module per concern."""

from .authors import Author
from .collections import CollectionItem, CollectionPage
from .hub import ResourceHubPage
from .podcasts import PodcastEpisodePage, PodcastSeriesPage
from .resource import ResourcePage, ResourceType

__all__ = [
    "Author",
    "CollectionItem",
    "CollectionPage",
    "PodcastEpisodePage",
    "PodcastSeriesPage",
    "ResourceHubPage",
    "ResourcePage",
    "ResourceType",
]
