"""Rule 7 against closing a child's case (children/closure.py): a CSE concern about a child under 13
and/or with a learning disability must be referred to the front door and can never be closed by a
single agency. Such a case closes only when the front door has screened a contact about the child and
a strategy or multi-agency meeting about the child has been held since the newest contact: the
agencies together, not the case-holding agency alone, have looked at the concern (decision 0024). A
newest contact the front door closed because the young person is 18 or over settles it (decision 0039)."""

from children.models import Child
from frontdoor.models import Contact
from meetings.models import Meeting, MeetingKind, MeetingStatus

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


def _why(child: Child) -> str:
    reasons = []
    if child.is_under_13:
        reasons.append("is under 13")
    if child.learning_disability_not_known:
        reasons.append("may have a learning disability (not known, so treated as if so)")
    elif child.learning_disability_caution:
        reasons.append("has a learning disability")
    return " and ".join(reasons)


def rule_7_refusals(child: Child) -> list[str]:
    why = _why(child)
    if not why:
        return []
    newest = Contact.objects.filter(child=child).order_by("-received_at").first()
    if newest is not None and newest.closed_at is not None:
        # The front door looked at the newest concern and closed it without a screening: the young person
        # is 18 or over, and the procedure for children, this rule with it, does not apply (decision 0039).
        return []
    if newest is None or newest.screened_at is None:
        return [
            f"{child.first_name} {why}: a CSE concern must be referred to the front door and screened there before "
            "the case can close; no single agency closes it (rule 7)"
        ]
    met = Meeting.objects.filter(
        child=child,
        kind__in=(MeetingKind.STRATEGY, MeetingKind.MULTI_AGENCY),
        status__in=HELD,
        starts_at__gte=newest.received_at,
    ).exists()
    if not met:
        return [
            f"{child.first_name} {why}: no single agency closes a CSE concern about them (rule 7). Hold a strategy or "
            "multi-agency meeting about the newest concern, and close the case once it has agreed"
        ]
    return []
