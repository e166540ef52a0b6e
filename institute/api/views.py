"""The API's pages: its index and browsable docs, the 404 for unknown addresses, and the
profile page's personal access tokens (made and revoked through forms)."""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from institute.core.methods import safe_methods

from . import selectors, services
from .forms import TokenForm, TokenRevokeForm
from .http import api_view
from .problems import problem_response
from .scopes import Scope
from .site import build

METHODS = ("get", "post", "put", "patch", "delete")


def _index(request):
    api, _, _ = build()
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
            "endpoints": sorted(
                {
                    request.build_absolute_uri(reverse("api:index")) + path.lstrip("/")
                    for path in _schema()["paths"]
                    if "{" not in path
                }
            ),
        }
    )


index = api_view(_index, public=True)


def _not_found(request, rest):
    return problem_response(404, "The API has nothing at this address.")


not_found = api_view(_not_found, public=True)


@cache
def _schema():
    """The schema, as the docs page and index read it (the same for the process's life)."""
    api, _, _ = build()
    return api.get_openapi_schema(path_prefix=reverse("api:index"))


def _type(schema, components):
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}), components)}"
    return schema.get("format") or schema.get("type", "any")


def _operations(schema):
    components = schema.get("components", {}).get("schemas", {})
    for path, item in schema["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            yield {
                "id": op.get("operationId", f"{method}-{path}"),
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "tag": (op.get("tags") or [""])[0],
                "personal": bool(op.get("security")),
                "parameters": [
                    {
                        "name": p["name"],
                        "in": p["in"],
                        "required": p.get("required", False),
                        "type": _type(p.get("schema", {}), components),
                    }
                    for p in op.get("parameters", [])
                ],
                "body": _type(
                    op.get("requestBody", {})
                    .get("content", {})
                    .get("application/json", {})
                    .get("schema", {}),
                    components,
                )
                if op.get("requestBody")
                else "",
                "responses": [
                    {"status": status, "description": r.get("description", "")}
                    for status, r in sorted(
                        op.get("responses", {}).items(), key=lambda x: str(x[0])
                    )
                ],
            }


@safe_methods
def docs(request):
    """The browsable docs: every endpoint from the OpenAPI schema, as an ordinary page."""
    schema = _schema()
    operations = list(_operations(schema))
    groups = {}
    for op in operations:
        groups.setdefault(op["tag"], []).append(op)
    return render(
        request,
        "api/docs.html",
        {
            "api": schema["info"],
            "groups": sorted(groups.items()),
            "scopes": Scope.choices,
            "openapi_url": reverse("api:openapi-json"),
            "meta_title": "API documentation",
            "meta_description": "The institute's public API: endpoints, tokens and examples.",
            "breadcrumbs": [{"title": "API documentation", "url": request.path}],
        },
    )


def _token_page(request, form, status=200):
    return render(
        request,
        "api/token_form.html",
        {
            "form": form,
            "meta_title": "New access token",
            "breadcrumbs": [
                {"title": "Your account", "url": reverse("people:profile")},
                {"title": "New access token", "url": request.path},
            ],
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_create(request):
    """GET: the form; POST: make the token and show its secret, once."""
    if request.method != "POST":
        return _token_page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _token_page(request, form, status=400)
    try:
        token, secret = services.token_create(
            user=request.user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
        )
    except services.TokenError as exc:
        form.add_error(None, str(exc))
        return _token_page(request, form, status=400)
    return render(
        request,
        "api/token_created.html",
        {
            "token": token,
            "secret": secret,
            "scope_labels": [Scope(s).label for s in token.scopes],
            "docs_url": reverse("api:docs"),
            "meta_title": "Your new access token",
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id):
    """GET: ask; POST: revoke one of the member's own tokens."""
    token = next((t for t in selectors.tokens_of(user=request.user) if t.pk == token_id), None)
    if token is None or not token.is_active:
        raise Http404
    if request.method == "POST" and TokenRevokeForm(request.POST).is_valid():
        services.token_revoke(user=request.user, token_id=token.pk)
        messages.success(request, f"The token “{token.name}” is revoked.")
        return redirect(reverse("people:profile") + "#api-tokens-heading")
    return render(
        request,
        "api/token_revoke.html",
        {
            "token": token,
            "form": TokenRevokeForm(),
            "meta_title": f"Revoke token: {token.name}",
            "breadcrumbs": [
                {"title": "Your account", "url": reverse("people:profile")},
                {"title": "Revoke token", "url": request.path},
            ],
        },
    )
