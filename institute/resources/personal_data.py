"""The hub's entry in the personal-data registry (``institute/people/privacy.py``): author
credits and podcast series owners carrying the person's name or address, listed in their
download and kept on erasure (``privacy.published_credits``)."""

from institute.people import privacy

from .models import Author, PodcastSeriesPage


def author_credits(user) -> list[dict]:
    def where(author):
        return sorted(author.resources.live().values_list("title", flat=True))

    credits = privacy.published_credits(user, Author.objects.all(), where=where)
    series = PodcastSeriesPage.objects.live().filter(
        privacy.mentioning(user, "author", "owner_name", "owner_email")
    )
    credits += [
        {
            "name": s.owner_name,
            "role": f"Podcast author ({s.author}), owner ({s.owner_email})",
            "shown_on": [s.title],
        }
        for s in series
    ]
    return credits
