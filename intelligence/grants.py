"""The child gate's grant that rests on intelligence submissions (children/access.py NEED_TO_KNOW)."""

from django.db.models import Q

from accounts.models import User
from accounts.standing import Standing
from intelligence.models import SubmissionChild


def submission_grant(user: User, standing: Standing) -> Q | None:
    """Police intelligence officers and analysts, for the children that information shared with the
    police concerns (rule 10: they link what partners and the public report)."""
    if not standing.is_intelligence_officer:
        return None
    return Q(id__in=SubmissionChild.objects.values("child_id"))
