"""Staff screens under the Wagtail admin: memberships (filter, bulk renew, export), one
membership (approve, paid, cancel), applications waiting, and feedback moderation."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from institute.core.params import page_number, whole_number

from . import selectors, services
from .forms import BulkRenewForm, PublishFeedbackForm, StaffFilterForm
from .models import Feedback, Membership

PERMISSION = "membership.change_membership"
PER_PAGE = 50
COLUMNS = [
    "Id",
    "Tier",
    "Year",
    "Member",
    "E-mail",
    "Organisation",
    "Status",
    "Joined",
    "Start",
    "End",
    "Invoice",
    "Paid",
    "Paid on",
    "Cancelled on",
]


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _filtered(request):
    form = StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    paid = {"yes": True, "no": False}.get(data.get("paid") or "")
    tier = data.get("tier")
    return form, selectors.memberships_for_staff(
        status=data.get("status") or "",
        tier_id=tier.pk if tier else None,
        paid=paid,
        q=data.get("q") or "",
    )


@require_http_methods(["GET", "POST"])
def memberships(request):
    _require(request)
    form, rows = _filtered(request)
    if request.method == "POST":
        bulk = BulkRenewForm(request.POST)
        if bulk.is_valid():
            n = services.memberships_renew(
                membership_ids=[m.pk for m in bulk.cleaned_data["memberships"]]
            )
            messages.success(request, f"Renewed {n} membership{'s' if n != 1 else ''}.")
        else:
            messages.error(request, "Choose the memberships to renew.")
        return redirect(request.get_full_path())
    page = Paginator(rows, PER_PAGE).get_page(page_number(request.GET) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "membership/admin/memberships.html",
        {"title": "Memberships", "form": form, "page": page, "query": query.urlencode()},
    )


def _safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _table(rows):
    for m in rows.iterator(chunk_size=2000):
        holder = m.holder
        yield [
            m.pk,
            m.tier.name,
            m.tier.year,
            holder.get_full_name() if holder else "",
            holder.email if holder else "",
            m.organisation.name if m.organisation_id else "",
            m.get_status_display(),
            m.join_date,
            m.start_date,
            m.end_date,
            m.invoice_reference,
            "yes" if m.paid else "no",
            m.paid_on,
            m.cancelled_on,
        ]


def export(request):
    _require(request)
    _, rows = _filtered(request)
    kind = request.GET.get("format", "csv")
    if kind == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Memberships")
        sheet.append(COLUMNS)
        for line in _table(rows):
            sheet.append([_safe(v) for v in line])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="memberships.xlsx"'
        return response
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for line in _table(rows):
        writer.writerow(["" if v is None else _safe(v) for v in line])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="memberships.csv"'
    return response


class MembershipActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("decline", "Decline"),
            ("paid", "Mark paid"),
            ("unpaid", "Mark unpaid"),
            ("renew", "Renew"),
            ("cancel", "Cancel"),
        ]
    )
    paid_on = forms.DateField(required=False)


@require_http_methods(["GET", "POST"])
def membership(request, membership_id):
    _require(request)
    number = whole_number(membership_id, minimum=1)
    found = (
        Membership.objects.select_related("tier", "holder", "organisation")
        .filter(pk=number or 0)
        .first()
    )
    if found is None:
        raise Http404
    form = MembershipActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            if action == "approve":
                ok = services.membership_approve(membership_id=found.pk)
                messages.success(request, "Approved." if ok else "It was already decided.")
            elif action == "decline":
                ok = services.membership_decline(membership_id=found.pk)
                messages.success(request, "Declined." if ok else "It was already decided.")
            elif action in ("paid", "unpaid"):
                services.membership_mark_paid(
                    membership_id=found.pk,
                    paid=action == "paid",
                    paid_on=form.cleaned_data["paid_on"],
                )
                messages.success(request, "Payment recorded.")
            elif action == "renew":
                ok = services.membership_renew(membership_id=found.pk, seen_end_date=found.end_date)
                messages.success(request, "Renewed." if ok else "It was already renewed.")
            else:
                services.membership_cancel(membership_id=found.pk)
                messages.success(request, "Cancelled.")
        except services.MembershipError as exc:
            messages.error(request, str(exc))
        return redirect("membership_admin:membership", membership_id=found.pk)
    return render(
        request,
        "membership/admin/membership.html",
        {
            "title": str(found),
            "m": found,
            "status": selectors.membership_status(membership=found),
            "history": selectors.membership_history(membership=found),
            "people": selectors.covered_people(membership=found),
            "form": form,
        },
    )


def applications(request):
    _require(request)
    return render(
        request,
        "membership/admin/applications.html",
        {"title": "Membership applications", "rows": selectors.applications_waiting()},
    )


def feedback(request):
    _require(request)
    return render(
        request,
        "membership/admin/feedback.html",
        {
            "title": "Member feedback",
            "waiting": selectors.feedback_waiting(),
            "published": selectors.feedback_board()[:50],
        },
    )


class RejectForm(forms.Form):
    reject = forms.BooleanField()


@require_http_methods(["GET", "POST"])
def feedback_moderate(request, feedback_id):
    _require(request)
    number = whole_number(feedback_id, minimum=1)
    item = Feedback.objects.select_related("topic", "author").filter(pk=number or 0).first()
    if item is None:
        raise Http404
    initial = {"title": item.title, "response": item.response, "acted_on": item.acted_on}
    form = PublishFeedbackForm(initial=initial)
    if request.method == "POST":
        if RejectForm(request.POST).is_valid():
            services.feedback_reject(feedback_id=item.pk)
            messages.success(request, "Not published.")
            return redirect("membership_admin:feedback")
        form = PublishFeedbackForm(request.POST)
        if form.is_valid():
            services.feedback_publish(feedback_id=item.pk, **form.cleaned_data)
            messages.success(request, "Published on the board.")
            return redirect("membership_admin:feedback")
    return render(
        request,
        "membership/admin/feedback_moderate.html",
        {"title": "Moderate feedback", "item": item, "form": form},
    )
