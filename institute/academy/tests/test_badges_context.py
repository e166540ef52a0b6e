"""The Open Badges 2.0 documents, as served, read as JSON-LD against the published v2
context (a copy in tests/data: the tests reach no network). Expansion must keep every
property, at an IRI of a vocabulary the context defines; each document must have its
Open Badges type and the properties OB 2.0 requires of it."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse
from pyld import jsonld

from institute.academy import badges, services
from institute.academy.programmes_demo import sample_application

pytestmark = pytest.mark.django_db

CONTEXT_FILE = Path(__file__).parent / "data" / "openbadges-v2-context.json"

OB = "https://w3id.org/openbadges#"
SCHEMA = "http://schema.org/"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
# The vocabularies the context maps its terms into.
VOCABULARIES = (
    OB,
    SCHEMA,
    "https://w3id.org/credentials#",
    "https://w3id.org/security#",
    "http://purl.org/dc/terms/",
    "http://purl.org/dqm-vocabulary/v1/dqm#",
)


def load_document(url, options=None):
    """Serves the copy of the v2 context for its URL; nothing else is fetched."""
    if url != badges.CONTEXT:
        raise jsonld.JsonLdError(
            f"Refusing to load {url}: only the Open Badges v2 context is available offline.",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8")),
    }


# The context's aliases of keywords, and the keywords themselves: not properties.
NOT_PROPERTIES = {"@context", "id", "type", "@id", "@type"}


def _count_properties(compact):
    """How many properties the document has, nested ones too."""
    if isinstance(compact, list):
        return sum(_count_properties(item) for item in compact)
    if not isinstance(compact, dict):
        return 0
    return sum((k not in NOT_PROPERTIES) + _count_properties(v) for k, v in compact.items())


def _expanded_properties(expanded):
    """(key, value) for every key of the expanded document, nested ones too, but the
    keywords that only carry a value (``@value``, and ``@type`` within a value object)."""
    if isinstance(expanded, list):
        for item in expanded:
            yield from _expanded_properties(item)
        return
    if not isinstance(expanded, dict) or "@value" in expanded:
        return
    for key, value in expanded.items():
        yield key, value
        yield from _expanded_properties(value)


def expand(document):
    """The one node the document expands to, having checked that expansion kept it whole."""
    dropped = []
    expanded = jsonld.expand(
        document, {"documentLoader": load_document}, on_property_dropped=dropped.append
    )
    assert dropped == [], f"not defined by the Open Badges context: {dropped}"
    properties = []
    for key, value in _expanded_properties(expanded):
        if key == "@id":
            assert value.startswith(("http://", "https://")), f"not an absolute IRI: {value}"
        elif key != "@type":
            assert key.startswith(VOCABULARIES), f"outside the context's vocabularies: {key}"
            properties.append(key)
    # A term the context doesn't define is dropped (above); a null value silently so.
    assert len(properties) == _count_properties(document), (document, expanded)
    (node,) = expanded
    return node


def _value(node, iri):
    (found,) = node[iri]
    return found


def _literal(node, iri, datatype=None):
    found = _value(node, iri)
    if datatype:
        assert found.get("@type") == datatype, (iri, found)
    return found["@value"]


def _fetch(client, settings, url):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert url.startswith(base)
    response = client.get(url[len(base) :])
    assert response["Content-Type"].startswith("application/json")
    return response


def _check_assertion(node, assertion):
    assert node["@type"] == [OB + "Assertion"]
    assert node["@id"] == assertion["id"]
    for iri in ("recipient", "badge", "verify", "issueDate"):
        assert OB + iri in node, f"an Assertion needs {OB + iri}"
    recipient = _value(node, OB + "recipient")
    assert recipient["@type"] == [SCHEMA + "email"]
    assert _literal(recipient, OB + "hashed", XSD_BOOLEAN) is True
    assert _literal(recipient, OB + "identityHash").startswith("sha256$")
    assert _literal(recipient, OB + "salt")
    assert _value(node, OB + "badge") == {"@id": assertion["badge"]}
    assert _value(node, OB + "verify")["@type"] == [OB + "HostedBadge"]
    issued_on = _literal(node, OB + "issueDate", XSD_DATETIME)
    assert dt.datetime.fromisoformat(issued_on).tzinfo is not None


def test_assertion_badge_class_and_issuer_expand_against_the_context(home, client, settings):
    certificate = services.certificate_issue(application=sample_application())
    response = client.get(reverse("academy:badge", args=[certificate.code]))
    assert response.status_code == 200
    assertion = response.json()
    assert assertion["@context"] == badges.CONTEXT
    node = expand(assertion)
    _check_assertion(node, assertion)
    assert OB + "revoked" not in node

    badge_class = _fetch(client, settings, assertion["badge"]).json()
    node = expand(badge_class)
    assert node["@type"] == [OB + "BadgeClass"]
    assert node["@id"] == assertion["badge"]
    assert _literal(node, SCHEMA + "name") and _literal(node, SCHEMA + "description")
    assert _value(node, SCHEMA + "image") == {"@id": badge_class["image"]}
    (criteria,) = node[OB + "criteria"]
    assert criteria["@id"].startswith("http") and _literal(criteria, OB + "narrative")
    assert _value(node, OB + "issuer") == {"@id": badge_class["issuer"]}

    issuer = _fetch(client, settings, badge_class["issuer"]).json()
    node = expand(issuer)
    # OB 2.0 names the issuer's class Profile, and keeps Issuer as another term for it.
    assert node["@type"] in ([OB + "Profile"], [OB + "Issuer"])
    assert node["@id"] == badge_class["issuer"]
    assert _literal(node, SCHEMA + "name")
    assert _value(node, SCHEMA + "url")["@id"].startswith("http")
    assert "@" in _literal(node, SCHEMA + "email")


def test_revoked_assertion_expands_against_the_context(
    home, client, django_capture_on_commit_callbacks
):
    certificate = services.certificate_issue(application=sample_application())
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="Issued in error")
    response = client.get(reverse("academy:badge", args=[certificate.code]))
    assert response.status_code == 410
    assertion = response.json()
    node = expand(assertion)
    _check_assertion(node, assertion)
    assert _literal(node, OB + "revoked", XSD_BOOLEAN) is True
    assert _literal(node, OB + "revocationReason") == "Issued in error"


def test_expansion_fails_on_a_term_the_context_does_not_define():
    document = {**badges.issuer(), "homePage": "https://example.org/"}
    with pytest.raises(AssertionError, match="homePage"):
        expand(document)


def test_no_other_document_is_loaded():
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})
