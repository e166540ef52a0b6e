"""Search snippets: the matched words marked, everything from the text escaped."""

from django.template.loader import render_to_string

from institute.resources.text import Fragment, highlight


def _render(fragments):
    return render_to_string("resources/includes/snippet.html", {"fragments": fragments})


def test_matched_words_are_marked_by_prefix():
    fragments = highlight("Recruitment of data leaders", "recruit")
    assert fragments[0] == Fragment("Recruitment", marked=True)
    assert _render(fragments) == "<mark>Recruitment</mark> of data leaders"


def test_markup_in_the_text_is_shown_as_text():
    html = _render(highlight("<b>cloud</b> & <script>x</script>", "cloud"))
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;<mark>cloud</mark>&lt;/b&gt; &amp;" in html


def test_no_text_is_no_snippet():
    assert highlight("", "cloud") == []
    assert highlight("", "") == []
