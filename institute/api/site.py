"""The API itself: one django-ninja ``NinjaAPI`` for version 1, built from the routers the
rooms register (``registry.py``), with problem details for every error."""

import importlib
from functools import cache

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, reverse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from . import registry
from .auth import PERSONAL
from .http import api_view
from .problems import CONTENT_TYPE, Problem, problem_response

VERSION = "1"
DESCRIPTION = (
    "The institute's data for others to build on: the calendar, resources, topics, the "
    "Leadership Academy's programmes, benchmarking's sector summaries and place insight's "
    "scores and scorecards for anyone; a "
    "member's own bookings and applications, and their organisations' benchmarking results, "
    "with a personal access token or the session."
)


class ObjectBodies(Parser):
    """Every body the API takes is a JSON object: an array, a string, a number or ``null``
    is refused (ninja answers 400, "Cannot parse request body"), never read as "no change"."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The request body must be a JSON object.")
        return data


class InstituteAPI(NinjaAPI):
    def get_root_path(self, path_params):
        return reverse("api:index")

    def get_openapi_schema(self, *args, **kwargs):
        """The schema, with every error response described as problem details."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"].setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERRORS.items():
                    if status in responses or str(status) in responses:
                        continue
                    responses[status] = {
                        "description": description,
                        "content": {CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}},
                    }
        return schema


PROBLEM_REF = "#/components/schemas/Problem"
PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "An error, as RFC 9457 problem details.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {}},
    },
    "required": ["type", "title", "status"],
}
ERRORS = {
    400: "The request's parameters or body are not valid.",
    401: "A token or sign-in is needed, or the token given is not valid.",
    403: "Not allowed: the token's scope, or the page rules, do not allow it.",
    404: "Nothing here.",
    405: "This address does not answer that method.",
    409: "It cannot be done now (a booking for something past or cancelled).",
    429: "Too many requests; the Retry-After header says when to try again.",
}


def _exception_handlers(api):
    def problem(request, exc):
        return problem_response(exc.status, exc.detail, headers=exc.headers, **exc.extra)

    def validation(request, exc):
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors
        ]
        if errors and all(e["loc"][:1] == ["path"] for e in errors):
            # An address whose id, slug, code or year cannot name anything names nothing.
            return problem_response(404)
        return problem_response(400, "The request is not valid.", errors=errors)

    def authentication(request, exc):
        return problem_response(
            401,
            "Sign in, or send a personal access token as “Authorization: Bearer <token>”.",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    def http_error(request, exc):
        status = exc.status_code if 400 <= exc.status_code < 600 else 400
        return problem_response(status, str(exc.message))

    api.add_exception_handler(Problem, problem)
    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(AuthenticationError, authentication)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, lambda request, exc: problem_response(404))
    api.add_exception_handler(PermissionDenied, lambda request, exc: problem_response(403))


def discover():
    """Import every room's ``api`` module, where it registers its routers."""
    for app in apps.get_app_configs():
        if app.name.startswith("institute.") and app.name != "institute.api":
            try:
                importlib.import_module(f"{app.name}.api")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app.name}.api":
                    raise


@cache
def build() -> tuple[InstituteAPI, list, set]:
    """The API, its URL patterns (each wrapped by ``http.api_view``) and the names of its
    personal endpoints."""
    discover()
    api = InstituteAPI(
        title="Institute API",
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace="api",
        docs_url=None,
        openapi_url="/openapi.json",
        parser=ObjectBodies(),
    )
    _exception_handlers(api)
    for mount in registry.mounts():
        prefix = f"me/{mount.prefix}/" if mount.personal else f"{mount.prefix}/"
        api.add_router(
            prefix,
            mount.router,
            auth=PERSONAL if mount.personal else None,
            tags=[mount.tag],
        )
    patterns, personal = [], set()
    for pattern in api.urls[0]:
        if pattern.name == "api-root":
            continue  # the index is ours (views.index)
        is_personal = str(pattern.pattern).startswith("me/")
        if is_personal:
            personal.add(pattern.name)
        patterns.append(
            URLPattern(
                pattern.pattern,
                api_view(pattern.callback, public=not is_personal),
                pattern.default_args,
                pattern.name,
            )
        )
    return api, patterns, personal
