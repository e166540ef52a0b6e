"""Every ``aria-describedby`` (and ``aria-labelledby``) on every page names ids the page has.

A reference to a missing id is silently ignored by screen readers: the hint or the error it
should announce is never heard. The walk is the fuzz walk's (``tests/test_fuzz.py``): for
each audience, every named URL, one live page of every page type and the account pages,
their links one step on; then each POST form found is sent empty, so that its page with
errors is checked too.
"""

from html.parser import HTMLParser

import pytest

from tests.test_fuzz import ORDER, _audience_user, _discover, _world

REFERENCES = ("aria-describedby", "aria-labelledby")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in REFERENCES:
            for ref in (a.get(name) or "").split():
                self.references.append((tag, a.get("id") or a.get("name") or "", name, ref))


def dangling_references(html: str) -> list[tuple[str, str, str, str]]:
    """(tag, its id or name, attribute, missing id) for each reference to no id."""
    page = _Ids()
    page.feed(html)
    return [r for r in page.references if r[3] not in page.ids]


def test_the_check_finds_a_dangling_reference():
    html = '<p id="a">Hint</p><input name="x" aria-describedby="a x_error">'
    assert dangling_references(html) == [("input", "x", "aria-describedby", "x_error")]


def _html(response):
    return response.status_code in (200, 400, 403, 404, 410, 429) and "html" in response.get(
        "Content-Type", ""
    )


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ORDER)
def test_every_reference_on_every_page_and_form_error_names_an_id(
    audience, client, django_user_model
):
    targets = _world()
    users = {a: _audience_user(a, django_user_model) for a in ORDER[: ORDER.index(audience) + 1]}
    if users[audience]:
        client.force_login(users[audience])
    opened, forms = _discover(client, targets)
    problems, checked = [], 0
    for path in sorted(opened):
        response = client.get(path, QUERY_STRING=targets[path]["base"])
        if _html(response):
            checked += 1
            problems += [(path, *r) for r in dangling_references(response.content.decode())]
    with_errors = 0
    for form in forms:
        # Sent empty: every required field says so, with its error beside it.
        data = {name: "" for name in form["names"] if name != "csrfmiddlewaretoken"}
        response = client.post(form["action"], data)
        if _html(response):
            body = response.content.decode()
            with_errors += 'class="errorlist' in body
            problems += [(f"POST {form['action']}", *r) for r in dangling_references(body)]
    assert checked >= 5, "the walk opened too few pages"
    if audience in ("anonymous", "coordinator"):
        assert with_errors, "no form with errors was reached"  # the survey; an action plan
    assert not problems, "\n".join(" ".join(p) for p in problems)
