"""What membership contributes to the roof: a topic section (published feedback), a search
source, personal data, and the content the anonymous page cache follows."""

from institute.core import cache as page_cache
from institute.core.search import SearchSource
from institute.core.search import register as register_search
from institute.core.selectors import Item
from institute.core.topics import TopicSection
from institute.core.topics import register as register_topic
from institute.people.privacy import PersonalData
from institute.people.privacy import register as register_personal_data


def _topic_items(*, topic, limit=6):
    from .selectors import feedback_board

    return [
        _item(f) for f in feedback_board().filter(topic=topic).order_by("-published_at")[:limit]
    ]


def _item(feedback):
    meta = f"We did it {feedback.acted_on:%B %Y}" if feedback.acted_on else "You said, we did"
    return Item(
        title=feedback.title,
        url=feedback.get_absolute_url(),
        summary=feedback.response[:200],
        meta=meta,
    )


def _topic_more(topic):
    from django.urls import reverse

    return reverse("membership:board")


def _search_queryset():
    from .selectors import feedback_board

    return feedback_board()


def _export(user):
    from .models import CoveredPerson, Feedback, Membership, VoiceSeat

    return {
        "memberships": [
            {
                "tier": m.tier.name,
                "year": m.tier.year,
                "organisation": m.organisation.name if m.organisation_id else None,
                "statement": m.statement,
                "approval": m.approval,
                "status": m.status,
                "join_date": m.join_date and m.join_date.isoformat(),
                "start_date": m.start_date and m.start_date.isoformat(),
                "end_date": m.end_date and m.end_date.isoformat(),
                "invoice_reference": m.invoice_reference,
                "paid": m.paid,
                "paid_on": m.paid_on and m.paid_on.isoformat(),
                "cancelled_on": m.cancelled_on and m.cancelled_on.isoformat(),
                "history": [
                    {"on": h.on.isoformat(), "status": h.to_status, "note": h.note}
                    for h in m.history.all()
                ],
            }
            for m in Membership.objects.filter(holder=user)
            .select_related("tier", "organisation")
            .prefetch_related("history")
        ],
        "covered_by": [
            {"tier": c.membership.tier.name, "added_at": c.added_at.isoformat()}
            for c in CoveredPerson.objects.filter(user=user).select_related("membership__tier")
        ],
        "member_voice": [
            {"focus": s.focus, "joined_on": s.joined_on.isoformat()}
            for s in VoiceSeat.objects.filter(user=user)
        ],
        "feedback": [
            {
                "topic": f.topic.name if f.topic_id else None,
                "text": f.text,
                "submitted_at": f.submitted_at.isoformat(),
                "state": f.state,
                "title": f.title,
                "response": f.response,
            }
            for f in Feedback.objects.filter(author=user).select_related("topic")
        ],
    }


def _erase(user):
    from .services import membership_erase

    membership_erase(user=user)


def register_with_roof():
    from .models import Feedback, Tier, VoiceSeat

    register_topic(
        TopicSection(
            key="membership.feedback",
            title="You said, we did",
            order=70,
            items=_topic_items,
            more_url=_topic_more,
        )
    )
    register_search(
        SearchSource(
            key="membership.feedback",
            label="You said, we did",
            queryset=_search_queryset,
            to_item=_item,
        )
    )
    register_personal_data(
        PersonalData(
            key="membership",
            title="Membership, Member Voice and feedback",
            export=_export,
            erase=_erase,
        )
    )
    page_cache.content_models(Tier, Feedback, VoiceSeat)
