"""What the child's page shows of meetings: the meetings about the child and the safeguarding plan.
The child page has already passed the child gate and logged the read."""

from dataclasses import dataclass

from children.models import Child
from meetings.models import Meeting, Plan, PlanKind


@dataclass(frozen=True)
class ChildMeetingsPanel:
    meetings: list[Meeting]
    plan: Plan | None


def child_meetings_panel(*, child: Child) -> ChildMeetingsPanel:
    meetings = list(Meeting.objects.filter(child=child).order_by("-starts_at")[:20])
    plan = Plan.objects.filter(kind=PlanKind.SAFEGUARDING, child=child).first()
    return ChildMeetingsPanel(meetings=meetings, plan=plan)
