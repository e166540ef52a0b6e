from django import forms

from institute.core.cache import remember
from institute.core.params import WholeNumberField
from institute.core.selectors import topic_list

from .models import CollectionPage

MAX_QUERY_LENGTH = 200


def _collection_slugs():
    """Slugs of the live collections (cached until content changes, like the topic list)."""
    return remember(
        "resources:collection-slugs",
        lambda: set(CollectionPage.objects.live().values_list("slug", flat=True)),
    )


class HubFilterForm(forms.Form):
    """The hub's query parameters. Anything unknown or malformed becomes a field error."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True, label="Search")
    topic = forms.SlugField(required=False, max_length=80)
    collection = forms.SlugField(required=False, max_length=255)
    year = WholeNumberField(required=False, min_value=1990, max_value=2100)
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", "Relevance"), ("date", "Newest first")],
        label="Sort by",
    )
    page = WholeNumberField(required=False, min_value=1, max_value=100_000)

    error_messages = {
        "topic": "We have no topic called “%(value)s”.",
        "collection": "We have no collection called “%(value)s”.",
    }

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        if slug and slug not in {topic.slug for topic in topic_list()}:
            raise forms.ValidationError(
                self.error_messages["topic"], code="unknown", params={"value": slug}
            )
        return slug

    def clean_collection(self):
        slug = self.cleaned_data["collection"]
        if slug and slug not in _collection_slugs():
            raise forms.ValidationError(
                self.error_messages["collection"], code="unknown", params={"value": slug}
            )
        return slug

    def clean(self):
        data = super().clean()
        if not data.get("sort"):
            data["sort"] = "relevance" if data.get("q") else "date"
        return data
