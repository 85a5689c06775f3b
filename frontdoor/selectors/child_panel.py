"""What the front door adds to a child's page. Takes a child the caller already got through the gate,
and writes no access event of its own: the page's one event covers it."""

from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelRecord
from assessments.selectors import child_risk_level_record_current
from children.models import Child
from frontdoor.models import Contact, EarlyHelpSupportPeriod, Task, TaskStatus
from frontdoor.services.contacts import is_front_door_screener


@dataclass(frozen=True)
class FrontDoorPanel:
    risk_level: RiskLevelRecord | None
    contacts: list[Contact]
    open_tasks: list[Task]
    support: EarlyHelpSupportPeriod | None
    can_record_contact: bool

    @property
    def level(self) -> RiskLevel | None:
        return RiskLevel(self.risk_level.level) if self.risk_level else None


def child_front_door_panel(*, child: Child, user: User) -> FrontDoorPanel:
    today = timezone.localdate()
    return FrontDoorPanel(
        risk_level=child_risk_level_record_current(child_id=child.pk),
        contacts=list(Contact.objects.filter(child=child).select_related("screening").order_by("-received_at")[:20]),
        open_tasks=list(
            Task.objects.filter(child=child, status__in=[TaskStatus.OPEN, TaskStatus.WAITING])
            .select_related("team", "assigned_to")
            .order_by("id")
        ),
        support=EarlyHelpSupportPeriod.objects.filter(child=child, ends_on__gte=today)
        .select_related("early_help_team")
        .first(),
        can_record_contact=is_front_door_screener(user),
    )
