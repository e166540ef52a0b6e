"""Who may open each URL of membership and Member Voice (the authorisation walk reads it).

A signed-in person who is not (or no longer) a member gets a page that says what they need,
not an error: the rule that decides is ``selectors.member_can``."""

from institute.core.access import ANONYMOUS, MEMBER, STAFF, Rule


def _feedback():
    from .demo import sample_feedback

    return {"feedback_id": sample_feedback().pk}


def _membership():
    from .demo import sample_membership

    return {"membership_id": sample_membership().pk}


def _feedback_waiting():
    from .demo import sample_feedback

    return {"feedback_id": sample_feedback(published=False).pk}


RULES = {
    "membership:index": Rule(ANONYMOUS),
    # A member (the walk's member has a current membership) is sent to their membership.
    "membership:join": Rule(MEMBER, ok_status=(200, 302)),
    "membership:mine": Rule(MEMBER),
    # POST only: a GET is refused once signed in.
    "membership:renew": Rule(MEMBER, ok_status=(405,)),
    "membership:people": Rule(MEMBER),
    "membership:people_remove": Rule(MEMBER, ok_status=(405,)),
    "membership:voice": Rule(ANONYMOUS),
    "membership:board": Rule(ANONYMOUS),
    "membership:board_feed": Rule(ANONYMOUS),
    "membership:feedback_new": Rule(MEMBER),
    "membership:feedback_item": Rule(ANONYMOUS, kwargs=_feedback),
    "membership_admin:memberships": Rule(STAFF),
    "membership_admin:export": Rule(STAFF, query="format=csv"),
    "membership_admin:membership": Rule(STAFF, kwargs=_membership),
    "membership_admin:applications": Rule(STAFF),
    "membership_admin:feedback": Rule(STAFF),
    "membership_admin:feedback_moderate": Rule(STAFF, kwargs=_feedback_waiting),
}
