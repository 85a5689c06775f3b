"""Whether a child has a learning disability: yes, no, or not known (procedure correction 7).

Seed 003, 2.2, note: "where a child is under the age of 13 years, and /or has learning disability and
there are concerns regarding sexual exploitation, a referral to Children's Access Point is required."
"Not known" stays not known until someone answers it, and until then it is treated with the same
caution as yes: the front door referral is required, and the child's letters are easy read. The codes
are a stable interface: the API and route_preview use them.
"""

from django.db import models


class LearningDisability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


def needs_caution(value: str | bool) -> bool:
    """Yes, and not known: the procedure's caution applies (only a recorded no lifts it)."""
    if isinstance(value, bool):
        return value
    return value != LearningDisability.NO
