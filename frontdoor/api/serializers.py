"""What the front door API returns: contacts, screenings (with their assessment), tasks and worklists.

Output only. Each serializer reads what a selector already loaded and gated; none reads a record
the selector did not give it, so the selector's one access event covers the whole response.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Team
from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from children.models import Child
from frontdoor.api import TASK_CONDITIONS, RoutingDecisionSchema
from frontdoor.concern_codes import GroomingStage
from frontdoor.models import Contact, ContactClosure, ContactClosureReason, Involvement, Task
from frontdoor.routing import DueBy, TaskCode
from frontdoor.selectors.contacts import ContactRecord
from frontdoor.selectors.screenings import DomainAnswer, ScreeningRecord
from frontdoor.selectors.tasks import Worklist
from frontdoor.task_release import outcome_required
from frontdoor.warning_signs import WarningSign, is_cause_for_concern


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A coded value that may not be set yet: null rather than an empty string."""

    def to_representation(self, value: Any) -> Any:
        return None if value in ("", None) else super().to_representation(value)


class FrontDoorChildSerializer(serializers.ModelSerializer[Child]):
    """The child a record is about: enough to know who, nothing more."""

    class Meta:
        model = Child
        fields = ["id", "reference", "first_name", "last_name", "known_as", "date_of_birth"]


class FrontDoorTeamSerializer(serializers.ModelSerializer[Team]):
    class Meta:
        model = Team
        fields = ["id", "name"]


class TaskSerializer(serializers.ModelSerializer[Task]):
    title = serializers.CharField()
    child = FrontDoorChildSerializer()
    team = FrontDoorTeamSerializer(allow_null=True)
    assigned_to = serializers.CharField(source="assigned_to.display_name", allow_null=True)
    completed_by = serializers.CharField(source="completed_by.display_name", allow_null=True)
    contact_id = serializers.IntegerField(allow_null=True)
    screening_id = serializers.IntegerField(allow_null=True)
    condition = BlankAsNullChoiceField(
        choices=TASK_CONDITIONS, allow_null=True, help_text="What a waiting task waits for; null for none."
    )
    condition_text = serializers.CharField(help_text="When a waiting task falls due, in words; empty when none.")
    due_by = BlankAsNullChoiceField(choices=[due.value for due in DueBy], allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue_now")
    outcome = serializers.DictField(
        help_text="What completing it recorded: new_concerns, meeting, confirmed_level or stepped_down, "
        "as the task needed."
    )
    outcome_required = serializers.SerializerMethodField(
        help_text="What completing this task must record, in words; null when a note is enough."
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "code",
            "title",
            "status",
            "owner",
            "team",
            "assigned_to",
            "child",
            "contact_id",
            "screening_id",
            "condition",
            "condition_text",
            "reason",
            "due_at",
            "due_by",
            "support_months",
            "overdue",
            "created_at",
            "released_at",
            "completed_at",
            "completed_by",
            "outcome",
            "outcome_note",
            "outcome_required",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_outcome_required(self, task: Task) -> str | None:
        return outcome_required(TaskCode(task.code))


class ContactSummarySerializer(serializers.ModelSerializer[Contact]):
    child = FrontDoorChildSerializer()
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    cause_for_concern = serializers.SerializerMethodField(help_text="Three or more warning signs (procedure 3.3).")
    screening_id = serializers.IntegerField(source="screening.id", allow_null=True, help_text="Once screening starts.")
    screened = serializers.SerializerMethodField(help_text="Whether the screening has routed the case.")
    closed_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the front door closed it without a screening, the young person being 18 or over; null "
        "while open, and for a screened contact.",
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "reference",
            "child",
            "received_at",
            "recorded_at",
            "recorded_by",
            "reporter_relationship",
            "immediate_risk",
            "warning_signs",
            "cause_for_concern",
            "screening_id",
            "screened",
            "closed_at",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_cause_for_concern(self, contact: Contact) -> bool:
        return is_cause_for_concern({WarningSign(sign) for sign in contact.warning_signs})

    @extend_schema_field(serializers.BooleanField())
    def get_screened(self, contact: Contact) -> bool:
        screening = getattr(contact, "screening", None)
        return screening is not None and screening.is_decided


class LinkedChildSerializer(serializers.Serializer[Any]):  # reads LinkedChildRow
    id = serializers.IntegerField(source="link.id")
    child = serializers.SerializerMethodField(
        help_text="The linked child; null when the reader may not see that child's record (child_shown false)."
    )
    child_shown = serializers.BooleanField()
    involvement = serializers.ChoiceField(source="link.involvement", choices=Involvement.choices)
    notes = serializers.SerializerMethodField(help_text="Empty when the linked child is not shown.")
    screening_contact_id = serializers.IntegerField(
        source="screening_contact.id",
        allow_null=True,
        help_text="The contact that screens this child in turn, once the front door has started one.",
    )

    @extend_schema_field(FrontDoorChildSerializer(allow_null=True))
    def get_child(self, row: Any) -> Any:
        return FrontDoorChildSerializer(row.link.child).data if row.child_shown else None

    def get_notes(self, row: Any) -> str:
        return str(row.link.notes) if row.child_shown else ""


class ContactClosureSerializer(serializers.ModelSerializer[ContactClosure]):
    """A contact closed without a screening, the young person being 18 or over (decision 0039)."""

    closed_by = serializers.CharField(source="closed_by.display_name")
    reason = serializers.ChoiceField(choices=ContactClosureReason.choices)
    passed_to_agency = serializers.IntegerField(
        source="passed_to_agency_id", allow_null=True, help_text="The partner agency it was passed to, if one."
    )
    passed_to = serializers.CharField(
        help_text="The agency or service it was passed to, by name; empty for no further action."
    )
    age_years = serializers.IntegerField(help_text="The age the closure relied on: 18 or over.")
    age_estimated = serializers.BooleanField(
        help_text="True when the date of birth is not known and the age is the screener's estimate."
    )

    class Meta:
        model = ContactClosure
        fields = [
            "closed_at",
            "closed_by",
            "reason",
            "passed_to_agency",
            "passed_to_organisation",
            "passed_to",
            "note",
            "age_years",
            "age_estimated",
        ]


class ContactDetailSerializer(ContactSummarySerializer):
    """A contact as contact_detail_read gives it: the context's `record` supplies the linked children and tasks."""

    reporter_agency = serializers.CharField(source="reporter_agency.name", allow_null=True)
    grooming_stage = BlankAsNullChoiceField(
        choices=[stage.value for stage in GroomingStage if stage.value], allow_null=True, help_text="Null: not known."
    )
    screening_of = serializers.IntegerField(
        source="screening_of.contact_id",
        allow_null=True,
        help_text="When this contact screens a child named in another contact: that contact's id.",
    )
    linked_children = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    closure = serializers.SerializerMethodField(
        help_text="Why the front door closed it without a screening; null while open, and for a screened contact."
    )

    class Meta(ContactSummarySerializer.Meta):
        fields = [
            *ContactSummarySerializer.Meta.fields,
            "reporter_name",
            "reporter_role",
            "reporter_agency",
            "reporter_organisation",
            "reporter_phone",
            "reporter_email",
            "concern",
            "vulnerability_factors",
            "grooming_models",
            "grooming_stage",
            "setting",
            "platforms",
            "screening_of",
            "linked_children",
            "tasks",
            "closure",
        ]

    def _record(self) -> ContactRecord:
        record = self.context["record"]
        assert isinstance(record, ContactRecord)
        return record

    @extend_schema_field(LinkedChildSerializer(many=True))
    def get_linked_children(self, contact: Contact) -> Any:
        return LinkedChildSerializer(self._record().linked_children, many=True).data

    @extend_schema_field(TaskSerializer(many=True))
    def get_tasks(self, contact: Contact) -> Any:
        return TaskSerializer(self._record().tasks, many=True).data

    @extend_schema_field(ContactClosureSerializer(allow_null=True))
    def get_closure(self, contact: Contact) -> Any:
        closure = self._record().closure
        return ContactClosureSerializer(closure).data if closure is not None else None


def contact_detail_data(record: ContactRecord) -> Any:
    return ContactDetailSerializer(record.contact, context={"record": record}).data


# --- Screenings ---------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    text = serializers.CharField()
    weight = serializers.CharField(help_text="vulnerability, concern or serious.")


class DomainAnswerSerializer(serializers.Serializer[DomainAnswer]):
    code = serializers.CharField(source="domain.code")
    title = serializers.CharField(source="domain.title")
    selected = IndicatorSerializer(many=True, help_text="The indicators selected in this domain.")
    counted = serializers.SerializerMethodField(
        help_text="The codes of the selected indicators that the rules at the suggested level counted."
    )
    note = serializers.CharField()

    def get_counted(self, answer: DomainAnswer) -> list[str]:
        return sorted(answer.counted)


class AssessmentToolSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    version = serializers.CharField()
    title = serializers.CharField()


class AssessmentSerializer(serializers.Serializer[Any]):
    """A risk assessment, with the exact tool version it used, domain by domain (of a screening or a review)."""

    id = serializers.IntegerField(source="assessment.id")
    status = serializers.CharField(source="assessment.status", help_text="draft or complete.")
    tool = AssessmentToolSerializer(source="assessment.tool")
    domains = DomainAnswerSerializer(many=True, help_text="Every domain of the tool, with what was selected in it.")
    selected_indicators = serializers.ListField(source="assessment.selected_indicators", child=serializers.CharField())
    suggested_level = BlankAsNullChoiceField(
        source="assessment.suggested_level", choices=RiskLevel.choices, allow_null=True
    )
    suggestion_reasons = serializers.ListField(
        source="assessment.suggestion_reasons",
        child=serializers.CharField(),
        help_text="Why the tool suggests its level: the rules it applied, in words.",
    )
    confirmed_level = BlankAsNullChoiceField(
        source="assessment.confirmed_level", choices=RiskLevel.choices, allow_null=True
    )
    confirmation_reason = serializers.CharField(source="assessment.confirmation_reason")
    overrides_suggestion = serializers.BooleanField(source="assessment.overrides_suggestion")
    review_due_on = serializers.DateField(source="assessment.review_due_on", allow_null=True)
    completed_at = serializers.DateTimeField(source="assessment.completed_at", allow_null=True)


class ScreeningSerializer(serializers.Serializer[ScreeningRecord]):
    id = serializers.IntegerField(source="screening.id")
    contact_id = serializers.IntegerField(source="screening.contact_id")
    child = FrontDoorChildSerializer(source="screening.child")
    case_status = serializers.ChoiceField(source="screening.case_status", choices=CaseStatus.choices)
    placed_out_of_area = serializers.BooleanField(
        source="screening.placed_out_of_area",
        help_text="A child of ours placed out of area: the case-holding social worker liaises with the host authority.",
    )
    host_authority = serializers.CharField(source="screening.host_authority")
    host_social_worker = serializers.CharField(source="screening.host_social_worker")
    host_social_worker_contact = serializers.CharField(source="screening.host_social_worker_contact")
    started_at = serializers.DateTimeField(source="screening.started_at")
    started_by = serializers.CharField(source="screening.started_by.display_name")
    decided_at = serializers.DateTimeField(source="screening.decided_at", allow_null=True)
    assessment = AssessmentSerializer(source="*")
    decision = serializers.SerializerMethodField(help_text="The routing decision, once decided; null before.")
    tasks = TaskSerializer(many=True, help_text="The tasks the decision put on the teams' worklists.")

    @extend_schema_field(RoutingDecisionSchema(allow_null=True))
    def get_decision(self, record: ScreeningRecord) -> dict[str, Any] | None:
        return record.screening.decision or None


class ScreeningDecisionSerializer(RoutingDecisionSchema):
    """The routing decision, as POST /api/v1/routing/preview gives it, and what recording it created."""

    screening_id = serializers.IntegerField()
    task_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text="The tasks created, in the decision's order."
    )


# --- Worklists ----------------------------------------------------------------------------------------


class ContactToScreenSerializer(serializers.ModelSerializer[Contact]):
    child = FrontDoorChildSerializer()
    soonest_due = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="When the contact's open task due first falls due; null for none."
    )

    class Meta:
        model = Contact
        fields = ["id", "reference", "child", "received_at", "immediate_risk", "soonest_due"]


class WorklistSerializer(serializers.Serializer[Worklist]):
    teams = FrontDoorTeamSerializer(many=True, help_text="The user's teams; ?team=<id> shows one of them.")
    team = FrontDoorTeamSerializer(allow_null=True, help_text="The team shown; null for all the user's teams.")
    overdue = TaskSerializer(many=True, help_text="Open and past due, soonest first.")
    open = TaskSerializer(many=True, help_text="Open and not yet due, soonest first; no due time last.")
    waiting = TaskSerializer(many=True, help_text="Waiting for a finding (a meeting's outcome, new concerns).")
    to_screen = ContactToScreenSerializer(
        many=True,
        help_text="Front door screeners: contacts not yet routed, immediate risk first, then the soonest due "
        "task, then the oldest. Empty for others.",
    )
    totals = serializers.SerializerMethodField(
        help_text="How many each list holds in all: each shows at most its first 200, most urgent first."
    )

    def get_totals(self, worklist: Worklist) -> dict[str, int]:
        return {
            "overdue": worklist.overdue.total,
            "open": worklist.open.total,
            "waiting": worklist.waiting.total,
            "to_screen": worklist.to_screen.total,
        }


class TaskChangesSerializer(serializers.Serializer[Any]):
    task = TaskSerializer()
    released = TaskSerializer(many=True, help_text="Tasks that waited for this one and are now open.")
    cancelled = TaskSerializer(many=True, help_text="Tasks that waited for this one and are no longer needed.")
