"""Public and members' pages of membership and Member Voice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from institute.core.canonical import absolute_url
from institute.core.methods import safe_methods
from institute.core.params import page_number, whole_number
from institute.core.ratelimit import over_limit

from . import selectors, services
from .feeds import FeedbackFeed
from .forms import AddPersonForm, FeedbackForm, JoinForm, RemovePersonForm, RenewForm
from .models import Status

FEEDBACK_PER_PAGE = 20
# Feedback per member: a few an hour is plenty for anyone with something to say.
FEEDBACK_LIMIT, FEEDBACK_WINDOW = 5, 3600


def _crumbs(*rest):
    return [{"title": "Membership", "url": reverse("membership:index")}, *rest]


def _context(title, description, url, **extra):
    return {
        "meta_title": title,
        "meta_description": description,
        "canonical_url": absolute_url(url),
        **extra,
    }


def index(request):
    offered = selectors.offered_year()
    years = selectors.tier_years()
    asked = whole_number(request.GET.get("year", ""), minimum=1, maximum=9999)
    year = asked if asked in years else offered
    tiers = list(selectors.tiers_for_year(year=year))
    return render(
        request,
        "membership/index.html",
        _context(
            f"Membership {year}",
            f"Membership of the society for {year}: tiers, prices, benefits and how to join.",
            reverse("membership:index") + (f"?year={year}" if year != offered else ""),
            year=year,
            offered=offered,
            other_years=[y for y in years if y != year],
            tiers=tiers,
            membership=selectors.membership_for(user=request.user),
            breadcrumbs=[{"title": "Membership", "url": ""}],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    year = selectors.offered_year()
    current = selectors.membership_for(user=request.user)
    day = timezone.localdate()
    if (
        current is not None
        and selectors.membership_status(membership=current, day=day)
        not in (
            Status.EXPIRED,
            Status.CANCELLED,
        )
        and current.approval != current.Approval.DECLINED
    ):
        return redirect("membership:mine")
    form = JoinForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_apply(
                user=request.user,
                tier=form.cleaned_data["tier"],
                organisation=form.cleaned_data["organisation"],
                statement=form.cleaned_data["statement"],
            )
        except services.MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            if membership.tier.needs_approval:
                messages.success(request, "Thank you: we will tell you when we have decided.")
            else:
                messages.success(
                    request,
                    f"Welcome: you are a member. Your invoice reference is "
                    f"{membership.invoice_reference}.",
                )
            return redirect("membership:mine")
    return render(
        request,
        "membership/join.html",
        _context(
            f"Join: membership {year}",
            "Apply for membership of the society.",
            reverse("membership:join"),
            form=form,
            year=year,
            breadcrumbs=_crumbs({"title": "Join", "url": ""}),
        ),
    )


def _history_rows(membership):
    """The membership's changes of status, latest first, as rows of the table component."""
    return [
        [date_format(change.on, "j M Y"), change.get_to_status_display(), change.note]
        for change in selectors.membership_history(membership=membership)
    ]


@login_required
def mine(request):
    membership = selectors.membership_for(user=request.user)
    day = timezone.localdate()
    status = selectors.membership_status(membership=membership, day=day) if membership else None
    can_renew = (
        membership is not None
        and status in selectors.ACTIONS[selectors.RENEW]
        and membership.approval == membership.Approval.APPROVED
    )
    covering = [
        m
        for m in selectors.memberships_covering(user=request.user)
        if membership is None or m.pk != membership.pk
    ]
    return render(
        request,
        "membership/mine.html",
        _context(
            "My membership",
            "Your membership, its status and history.",
            reverse("membership:mine"),
            membership=membership,
            status=status,
            history=_history_rows(membership) if membership else [],
            history_head=["Date", "Status", "What happened"],
            renew_form=RenewForm(initial={"seen_end_date": membership.end_date})
            if can_renew
            else None,
            covering=[(m, selectors.membership_status(membership=m, day=day)) for m in covering],
            breadcrumbs=_crumbs({"title": "My membership", "url": ""}),
        ),
    )


@login_required
@require_POST
def renew(request):
    membership = selectors.membership_for(user=request.user)
    form = RenewForm(request.POST)
    if membership is None or not form.is_valid():
        messages.error(request, "There is no membership to renew.")
        return redirect("membership:mine")
    try:
        renewed = services.membership_renew(
            membership_id=membership.pk, seen_end_date=form.cleaned_data["seen_end_date"]
        )
    except services.MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("membership:mine")
    if renewed:
        membership.refresh_from_db()
        messages.success(
            request,
            f"Renewed: your membership now runs until {membership.end_date:%-d %B %Y}. "
            f"Your invoice reference is {membership.invoice_reference}.",
        )
    else:
        messages.info(request, "Your membership was already renewed.")
    return redirect("membership:mine")


def _coordinated(request):
    """The organisational membership the person coordinates (holds), or None."""
    membership = selectors.membership_for(user=request.user)
    if membership is None or not membership.tier.is_organisational:
        return None
    return membership


def _members_only(request, title, text):
    return render(
        request,
        "membership/members_only.html",
        _context(
            title, text, request.path, text=text, breadcrumbs=_crumbs({"title": title, "url": ""})
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def people(request):
    membership = _coordinated(request)
    if membership is None:
        return _members_only(
            request,
            "People covered by the membership",
            "This page is for the coordinator of an organisational membership: the person "
            "who applied for it adds and removes the people it covers.",
        )
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.covered_person_add(
                membership_id=membership.pk, email=form.cleaned_data["email"]
            )
        except services.MembershipError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, f"Added {form.cleaned_data['email']}.")
            return redirect("membership:people")
    covered = list(selectors.covered_people(membership=membership))
    return render(
        request,
        "membership/people.html",
        _context(
            "People covered by the membership",
            "Add and remove the people your organisation's membership covers.",
            reverse("membership:people"),
            membership=membership,
            covered=covered,
            form=form,
            places_left=max(0, membership.tier.people_included - len(covered)),
            breadcrumbs=_crumbs(
                {"title": "My membership", "url": reverse("membership:mine")},
                {"title": "People", "url": ""},
            ),
        ),
    )


@login_required
@require_POST
def people_remove(request):
    membership = _coordinated(request)
    form = RemovePersonForm(request.POST)
    if (
        membership is not None
        and form.is_valid()
        and services.covered_person_remove(
            membership_id=membership.pk, user_id=form.cleaned_data["user"]
        )
    ):
        messages.success(request, "Removed: they are no longer covered by the membership.")
    else:
        messages.error(request, "That person was not covered.")
    return redirect("membership:people")


def voice(request):
    from institute.events import selectors as calendar

    item_id = selectors.voice_drop_in_id()
    links = calendar.training_item_links(item_ids=[item_id]) if item_id else {}
    return render(
        request,
        "membership/voice.html",
        _context(
            "Member Voice",
            "The members who review the society's content, and the monthly drop-ins.",
            reverse("membership:voice"),
            seats=list(selectors.voice_members()),
            drop_in=links.get(item_id),
            board=list(selectors.feedback_board()[:3]),
            breadcrumbs=_crumbs({"title": "Member Voice", "url": ""}),
        ),
    )


def board(request):
    paginator = Paginator(selectors.feedback_board(), FEEDBACK_PER_PAGE)
    page = paginator.get_page(page_number(request.GET) or 1)
    return render(
        request,
        "membership/board.html",
        _context(
            "You said, we did",
            "What members told us, and what we did about it.",
            reverse("membership:board"),
            page=page,
            can_submit=selectors.member_can(user=request.user, action=selectors.MEMBER_VOICE),
            feed_url=reverse("membership:board_feed"),
            breadcrumbs=_crumbs({"title": "You said, we did", "url": ""}),
        ),
    )


def feedback_item(request, feedback_id):
    number = whole_number(feedback_id, minimum=1)
    feedback = selectors.feedback_published(feedback_id=number) if number else None
    if feedback is None:
        raise Http404
    return render(
        request,
        "membership/feedback_item.html",
        _context(
            feedback.title,
            feedback.response[:160],
            feedback.get_absolute_url(),
            feedback=feedback,
            og_type="article",
            breadcrumbs=_crumbs(
                {"title": "You said, we did", "url": reverse("membership:board")},
                {"title": feedback.title, "url": ""},
            ),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_new(request):
    if not selectors.member_can(user=request.user, action=selectors.MEMBER_VOICE):
        return _members_only(
            request,
            "Tell us: your feedback",
            "Feedback on the board comes from members: join or renew your membership to "
            "send yours.",
        )
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if over_limit(
            f"membership-feedback:{request.user.pk}", limit=FEEDBACK_LIMIT, seconds=FEEDBACK_WINDOW
        ):
            form.is_valid()
            form.add_error(None, "You have sent a lot of feedback in the last hour: try later.")
            return render(request, "membership/feedback_new.html", _new_context(form), status=429)
        if form.is_valid():
            services.feedback_submit(
                user=request.user, topic=form.cleaned_data["topic"], text=form.cleaned_data["text"]
            )
            messages.success(
                request, "Thank you: our team reads every message and will tell you what we do."
            )
            return redirect("membership:board")
    return render(request, "membership/feedback_new.html", _new_context(form))


def _new_context(form):
    return _context(
        "Tell us: your feedback",
        "Give the society feedback.",
        reverse("membership:feedback_new"),
        form=form,
        breadcrumbs=_crumbs(
            {"title": "You said, we did", "url": reverse("membership:board")},
            {"title": "Tell us", "url": ""},
        ),
    )


@safe_methods
def board_feed(request):
    return FeedbackFeed()(request)
