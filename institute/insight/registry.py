"""Place insight on the roof's seams: content for the page cache, topics and search."""


def register_with_roof():
    from institute.core import cache, search, topics
    from institute.core.selectors import Item

    from . import models, selectors

    # What the public pages show; indicator values and scores change through the services,
    # which retire the cache themselves.
    cache.content_models(
        models.FrameworkVersion,
        models.Dimension,
        models.Component,
        models.Indicator,
        models.Place,
        models.PlaceOrganisation,
    )
    topics.register(
        topics.TopicSection(
            key="insight",
            title="Places where this is weakest",
            order=70,
            items=selectors.weakest_places_for_topic,
            more_url=lambda *, topic: "/insight/",
        )
    )
    search.register(
        search.SearchSource(
            key="insight-places",
            label="Place scorecard",
            queryset=models.Place.objects.all,
            to_item=lambda place: Item(
                title=f"{place.name}: place insight scorecard",
                url=place.get_absolute_url(),
                summary=f"How {place.name} ({place.gss_code}) scores on the wellbeing index "
                "against similar places.",
                meta=place.region,
            ),
        )
    )
