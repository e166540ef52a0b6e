"""Freezing a year in review (docs/review.md, "Freezing a year"): whoever may publish the
page sees its figures as they stand and freezes them, or unfreezes them, with a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from institute.core.params import whole_number

from . import selectors, services
from .forms import FreezeForm
from .models import ReviewPage


def may_freeze(*, user, page) -> bool:
    return page.permissions_for_user(user).can_publish()


@require_http_methods(["GET", "POST"])
def freeze(request, page_id):
    page = get_object_or_404(ReviewPage, pk=whole_number(page_id) or 0)
    if not may_freeze(user=request.user, page=page):
        raise PermissionDenied
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "freeze":
            done = services.review_freeze(page=page, user=request.user)
            messages.success(
                request, f"{page.title}: figures frozen on {done.frozen_at:%-d %B %Y}."
            )
        else:
            services.review_thaw(page=page)
            messages.success(request, f"{page.title}: the figures follow the data again.")
        return redirect("review_admin:freeze", page_id=page.pk)
    figures = selectors.review_figures(page=page)
    return render(
        request,
        "review/admin/freeze.html",
        {
            "title": f"Freeze figures: {page.title}",
            "page": page,
            "freeze": selectors.review_freeze(page=page),
            "figures": figures.values(),
        },
    )
