"""A person's own account pages: profile, data download, erasure."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail import views as wagtail_views

from institute.core.ratelimit import client_address, over_limit

from . import roles, selectors, services
from .forms import EraseAccountForm, ProfileForm
from .models import Consent

ACCOUNT_CRUMB = {"title": "Your account", "url": reverse_lazy("people:profile")}


def _page(title, *crumbs):
    return {
        "meta_title": title,
        "breadcrumbs": [ACCOUNT_CRUMB, *crumbs] if crumbs else [ACCOUNT_CRUMB],
    }


@never_cache
@login_required
@require_GET
def profile(request):
    user = request.user
    context = {
        "profile_user": user,
        "consents": [
            {"label": Consent.Purpose(purpose).label, "consent": consent}
            for purpose, consent in selectors.current_consents(user=user).items()
        ],
        "organisation_roles": selectors.organisation_roles_of(user=user),
        # Coordinator and partner-contact groups are shown with their organisations instead.
        "role_names": sorted(
            user.groups.exclude(name__in=roles.ORGANISATION_ROLE_GROUPS.values()).values_list(
                "name", flat=True
            )
        ),
        "topics": user.topics.order_by("name"),
        **_page("Your account"),
    }
    return render(request, "people/profile.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                job_title=data["job_title"],
                organisation=data["organisation"],
                topics=data["topics"],
                consents=form.consents(),
            )
            messages.success(request, "Your profile has been saved.")
            return redirect("people:profile")
    else:
        form = ProfileForm(
            initial=ProfileForm.initial_for(user, selectors.current_consents(user=user))
        )
    crumb = {"title": "Edit your profile", "url": request.path}
    return render(
        request, "people/profile_edit.html", {"form": form, **_page(crumb["title"], crumb)}
    )


@never_cache
@login_required
@require_GET
def data_export(request):
    """Everything held about the signed-in person, as a JSON download."""
    data = selectors.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"institute-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    user = request.user
    form = EraseAccountForm(request.POST or None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        services.account_erase(user=user)
        logout(request)
        return redirect("people:erased")
    crumb = {"title": "Delete your account", "url": request.path}
    context = {
        "form": form,
        "sections": [entry.title for entry in selectors.personal_data_sections()],
        **_page(crumb["title"], crumb),
    }
    return render(request, "people/erase.html", context)


@require_GET
def erased(request):
    return render(request, "people/erased.html", {"meta_title": "Your account has been deleted"})


PAGE_PASSWORD_TRIES_PER_MINUTE = 10


@require_http_methods(["GET", "POST"])
def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a page's shared password, limited per address like signing in.

    docs/people.md, "One door": a page's password can be guessed like a person's.
    """
    key = f"people:page-password:{client_address(request)}"
    if request.method == "POST" and over_limit(key, limit=PAGE_PASSWORD_TRIES_PER_MINUTE):
        return render(request, "429.html", status=429)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
