"""Staff screens of the newsletter, under the Wagtail admin (``wagtail_hooks.py``): the
issues, a draft's intro and section order, a preview as a chosen subscriber, a test copy to
oneself, approval (which queues and sends), and each issue's delivery status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from institute.core.params import whole_number

from . import compose, services
from .emails import issue_context, render_html
from .forms import ActionForm, IssueForm, PreviewForm
from .models import Issue, Subscriber
from .selectors import delivery_counts

PERMISSION = "newsletter.change_issue"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _issue(issue_id):
    pk = whole_number(issue_id, minimum=1)
    return get_object_or_404(Issue, pk=pk or 0)


def issues(request):
    _require(request)
    rows = Issue.objects.defer("sections", "search_text").order_by("-friday")[:60]
    return render(
        request,
        "newsletter/admin/issues.html",
        {"issues": rows, "title": "Newsletter issues", "form": ActionForm()},
    )


@require_POST
def compose_now(request):
    _require(request)
    if ActionForm(request.POST).is_valid():
        issue = compose.issue_compose(empty="send")
        messages.success(request, f"Draft ready: {issue.title}.")
        return redirect("newsletter_admin:issue", issue_id=issue.pk)
    return redirect("newsletter_admin:issues")


@require_http_methods(["GET", "POST"])
def issue(request, issue_id):
    _require(request)
    found = _issue(issue_id)
    sections = compose.ordered_sections(issue=found)
    form = IssueForm(request.POST or None, sections=sections, initial={"intro": found.intro})
    if request.method == "POST" and found.status == Issue.Status.DRAFT and form.is_valid():
        services.issue_update(
            issue=found, intro=form.cleaned_data["intro"], section_order=form.section_order()
        )
        messages.success(request, "Draft saved.")
        return redirect("newsletter_admin:issue", issue_id=found.pk)
    return render(
        request,
        "newsletter/admin/issue.html",
        {
            "issue": found,
            "title": found.title,
            "form": form,
            "sections": sections,
            "preview_form": PreviewForm(),
            "action_form": ActionForm(),
            "counts": delivery_counts(issue=found),
        },
    )


def preview(request, issue_id):
    """The e-mail's HTML as a chosen subscriber would get it (``?subscriber=<address>``)."""
    _require(request)
    found = _issue(issue_id)
    form = PreviewForm(request.GET or None)
    subscriber = None
    if form.is_valid() and form.cleaned_data["subscriber"]:
        subscriber = Subscriber.objects.filter(
            email__iexact=form.cleaned_data["subscriber"]
        ).first()
    response = HttpResponse(render_html(issue_context(issue=found, subscriber=subscriber)))
    return response


@require_POST
def send_test(request, issue_id):
    _require(request)
    found = _issue(issue_id)
    if ActionForm(request.POST).is_valid() and request.user.email:
        services.issue_send_test(issue=found, email=request.user.email)
        messages.success(request, f"A test copy is on its way to {request.user.email}.")
    return redirect("newsletter_admin:issue", issue_id=found.pk)


@require_POST
def approve(request, issue_id):
    _require(request)
    found = _issue(issue_id)
    if ActionForm(request.POST).is_valid() and found.status == Issue.Status.DRAFT:
        services.issue_approve(issue=found, user=request.user)
        messages.success(request, "Approved: the issue is being sent.")
    return redirect("newsletter_admin:issue", issue_id=found.pk)


@require_POST
def release_uncertain(request, issue_id):
    _require(request)
    found = _issue(issue_id)
    if ActionForm(request.POST).is_valid():
        n = services.deliveries_release_uncertain(issue=found)
        if n:
            from .tasks import send_issue

            send_issue.enqueue(found.pk)
        messages.success(request, f"{n} copies back in the queue.")
    return redirect("newsletter_admin:issue", issue_id=found.pk)
