"""The roof's registries can be undone through their public functions."""

from institute.core import search, topics
from institute.core.models import Topic
from institute.core.selectors import Item
from institute.people import privacy


def test_unregistered_topic_section_is_gone():
    section = topics.TopicSection(
        key="zz-test", title="Test", order=99, items=lambda *, topic, limit: []
    )
    topics.register(section)
    assert section in topics.sections()
    topics.unregister("zz-test")
    assert section not in topics.sections()


def test_unregistered_search_source_is_gone():
    source = search.SearchSource(
        key="zz-test", label="Test", queryset=Topic.objects.all, to_item=lambda t: Item("", "")
    )
    search.register(source)
    assert source in search.sources()
    search.unregister("zz-test")
    assert source not in search.sources()


def test_unregistered_personal_data_entry_is_gone():
    entry = privacy.PersonalData("zz-test", "Test", lambda user: [], lambda user: None)
    privacy.register(entry)
    assert entry in privacy.entries()
    privacy.unregister("zz-test")
    assert entry not in privacy.entries()


def test_unregistering_an_unknown_key_does_nothing():
    before = privacy.entries()
    privacy.unregister("no-such-entry")
    assert privacy.entries() == before
