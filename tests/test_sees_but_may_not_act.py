"""Every write service refuses someone who may see the record but may not act on it (issue 9).

A service that changes data checks its actor itself, through the access layer: a page, the API, the
demo or a script may call it, and none of them decides who may act. For each public write service,
one case here calls the SERVICE (not a page) as a real user of the demo partnership who passes the
read gate for the record (asserted first) but whom the rules do not let act, and checks that the
service refuses (PermissionDenied; Http404 where the gate's rule is "not found"; a ValidationError
where the service documents that form of refusal) and that nothing changed: no row of any of the
project's tables created, updated or deleted, no chronology entry, no access event but a `refused` one.

Where no one may see a record without being allowed to act on it (`SEEING_IS_ACTING`), the case is
someone who may not see it. A service that accepts such a user is a gap: its case is marked
`xfail(strict=True)` with what it does not check, so that the mark must go when the check comes.

`test_every_public_write_service_has_a_case` finds every public function of every services module
and fails on one that is in none of the lists below: a new write service needs its case.

What has no case, and why:

- the system's own commands and set-up, which no user runs as an actor (`SYSTEM`):
  `assessment_tool_load` and `assessment_tool_activate` (`load_assessment_tool`),
  `letter_templates_ensure` (the standard letters, made once per area), `linkage_model_load`,
  `linkage_model_save`, `people_link_all`, `person_mentions_link`, `recluster`, `people_write`,
  `mentions_resolve`, `entities_refresh` and `entities_resolve_all` (`resolve_entities` and the linking
  that follows a stored submission), `submission_people_link` (the background task of that linking),
  `submissions_record_many` and `mentions_resolve_many` (the batches of `import_intelligence`),
  `meg_meetings_schedule` (`schedule_meg_meetings`), `reminders_send` (`send_reminders`), and the
  network overview's runs, asked for by a stored report and worked out by the worker
  (`network_overview_refresh_request`, `network_overview_build_run`);
- the access log itself, `access_event_record` and `children_access_record`, and a user's own
  authenticator, `totp_device_pending_get_or_create` and `totp_device_confirm` (`SKIPPED`);
- functions of services modules that write nothing: lookups and checks (`NOT_WRITES`);
- the building blocks that the checked services compose once they have checked their actor, and that
  no page, API, form, selector or command calls (`BUILDING_BLOCKS`; a test below keeps it so);
- services whose refusal is already tested elsewhere, named with the test (`ALREADY_TESTED`).
"""

import ast
import datetime as dt
import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from accounts.models import Area, Team, User
from accounts.standing import agency_of
from assessments.levels import RiskLevel
from assessments.models import Assessment, RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessAction, AccessEvent
from challenges.access import access_challenge
from challenges.models import Challenge
from challenges.services import challenge_escalate, challenge_raise, challenge_resolve
from children.access import access_allocation, access_child, child_visible_queryset
from children.case_status import CaseStatus
from children.inputs.corrections import ChildDetailsInput
from children.inputs.missing import MissingEpisodeInput, MissingEpisodeReturnInput, ReturnInterviewInput
from children.inputs.notes import CaseNoteInput
from children.models import CarerRelationship, CaseAllocation, Child, MissingEpisode, NoteSource, ReporterKind
from children.services.allocations import allocation_end, allocation_start
from children.services.closure import child_case_close
from children.services.corrections import child_details_correct
from children.services.missing import missing_episode_record, missing_episode_return_record, return_interview_record
from children.services.notes import case_note_record
from core.request_context import AccessContext
from frontdoor.access import access_assessment, access_contact, access_referral, access_screening, access_task
from frontdoor.inputs import ContactClosureInput, ReferralInput
from frontdoor.models import (
    Contact,
    ContactClosureReason,
    ContactLinkedChild,
    Involvement,
    Referral,
    ReporterRelationship,
    Screening,
    Task,
    TaskStatus,
)
from frontdoor.routing import Owner, TaskCode
from frontdoor.services.contact_closure import contact_close
from frontdoor.services.contacts import (
    ContactDetails,
    LinkedChildDetails,
    contact_create,
    contact_create_for_linked_child,
    contact_linked_child_add,
    front_door_referral_create,
)
from frontdoor.services.missing_prompt import missing_prompt_accept
from frontdoor.services.reassessment import reassessment_answers_save, reassessment_complete, reassessment_start
from frontdoor.services.referrals import referral_make, referral_match
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.services.tasks import task_cancel, task_complete
from frontdoor.task_release import MeetingDecision, Outcome
from intelligence.access import access_submission
from intelligence.inputs import PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, MatchCandidate, MatchStatus, Mention, Submission
from intelligence.services.grading import submission_grade
from intelligence.services.linkage import match_decision_record
from intelligence.services.submissions import submission_record
from meetings.access import (
    access_contextual_item,
    access_meeting,
    access_plan,
    contextual_items_to_link_queryset,
    may_approve_minutes,
    may_run_meeting,
    may_write_minutes,
    meg_areas_of,
)
from meetings.models import (
    ContextualItem,
    ContextualItemEntity,
    ContextualKind,
    FeedbackFrom,
    Letter,
    LetterTemplate,
    Meeting,
    MeetingKind,
    MegSchedule,
    Minutes,
    Plan,
    RemovalReason,
    SendingMethod,
    Tactic,
)
from meetings.selectors.letters import letter_template_of
from meetings.services.agenda import agenda_removal_record
from meetings.services.contextual import contextual_item_close, contextual_item_create, contextual_item_update
from meetings.services.contextual_entities import contextual_item_entity_link, contextual_item_entity_unlink
from meetings.services.letters import (
    carer_add,
    feedback_record,
    letter_mark_sent,
    letter_template_update,
    letter_templates_ensure,
    letters_generate,
    meeting_letters_generate,
    meeting_letters_request,
)
from meetings.services.minutes import minutes_approve, minutes_correction_start, minutes_draft_save
from meetings.services.plans import action_create, plan_for_child_get_or_create, plan_for_contextual_item_get_or_create
from meetings.services.records import meeting_arrange, meeting_hold, meeting_outcome_record
from meetings.services.schedule import meg_meetings_schedule

ROOT = Path(__file__).resolve().parent.parent
PROJECT_APPS = frozenset(
    {
        "accounts",
        "audit",
        "children",
        "assessments",
        "frontdoor",
        "challenges",
        "intelligence",
        "meetings",
        "hub",
        "demo",
        "core",
    }
)

SYSTEM = frozenset(
    {
        "assessment_tool_load",
        "assessment_tool_activate",
        "letter_templates_ensure",
        "linkage_model_load",
        "linkage_model_save",
        "people_link_all",
        "person_mentions_link",
        "recluster",
        "people_write",
        "mentions_resolve",
        "entities_refresh",
        "entities_resolve_all",
        "submission_people_link",
        "submissions_record_many",  # a batch of `import_intelligence`: the force's records, no user acting
        "mentions_resolve_many",
        "meg_meetings_schedule",
        "reminders_send",
        "network_overview_refresh_request",
        "network_overview_build_run",
    }
)
SKIPPED = frozenset(
    {"access_event_record", "children_access_record", "totp_device_pending_get_or_create", "totp_device_confirm"}
)
NOT_WRITES = frozenset(
    {
        "front_door_team_of",  # which front door the user screens for (refuses anyone else)
        "is_front_door_screener",
        "front_door_of_child",
        "referral_front_door_of_area",  # which front door receives an area's referrals
        "referral_area_of",  # the area a referral goes to by default
        "routing_age",
        "team_of_kind",
        "default_template_text",
        "entity_description",
        "platform_name",
        "linkage_model_path",
        "meeting_arrange_check",  # the check `meeting_arrange` makes, asked by the page before its form
        "submission_errors",  # what `submission_record` would refuse, asked by the import of each line
    }
)
# Called only by services that have checked their actor (screening, tasks, reassessment, the MEG,
# challenges, grading, letters): never by a page, an API view, a form, a selector or a command.
BUILDING_BLOCKS = frozenset(
    {
        "chronology_entry_create",
        "child_create",
        "child_transfer",
        "child_case_status_set",
        "child_placement_set",  # screening_decide, with the case status (procedure correction 5)
        "assessment_start",
        "assessment_answers_save",
        "assessment_complete",
        "risk_level_record",
        "tasks_create",
        "allocation_open",  # allocation_start, and completing the referral to the Designated CSE worker
        "designated_cse_worker_allocate",  # task_complete, for the referral to the Designated CSE worker
        "risk_level_determined_apply",
    }
)
_WHO_RUNS = "meetings/tests/test_who_runs_a_meeting.py::test_someone_who_sees_the_child_but_is_not_its_social_care_may_not_arrange_or_run"  # noqa: E501
ALREADY_TESTED = {
    "meeting_arrange": _WHO_RUNS,
    "meeting_chair_set": _WHO_RUNS,
    "participant_invite": _WHO_RUNS,
    "attendance_record": _WHO_RUNS,
    "agency_request_create": _WHO_RUNS,
    "meeting_hold": _WHO_RUNS,
    "action_update_record": (
        "meetings/tests/test_plans_and_actions.py::test_meg_support_sees_another_agencys_action_but_cannot_update_it"
    ),
    "challenge_withdraw": "challenges/tests/test_services.py::test_only_the_raiser_may_withdraw",
    "contextual_item_entity_link": (
        "meetings/tests/test_intelligence_on_the_agenda.py::test_only_police_intelligence_links_intelligence_to_the_meg"
    ),
    # Asking for the agenda pack, and the worker's making of it as the user who asked.
    "pack_request_create": "meetings/tests/test_pack.py::test_no_need_to_know_no_pack",
    "pack_build": "meetings/tests/test_pack_jobs.py::test_the_task_asks_the_gate_again_as_the_user_who_asked",
    "network_overview_refresh_ask": (
        "intelligence/tests/test_network_pages.py::test_only_an_intelligence_officer_may_ask_for_the_overview_again"
    ),
}


class Accepted(AssertionError):
    """The service did what someone who may not act asked: a gap."""


@dataclass(frozen=True)
class Attempt:
    user: User
    sees: Callable[[], bool]  # whether the user passes the read gate for the record
    act: Callable[[], object]  # the service, called as that user


@dataclass(frozen=True)
class Case:
    arrange: Callable[["Scene"], Attempt]
    refusal: tuple[type[Exception], ...]
    match: str = ""  # what a ValidationError refusal says, so that another refusal is not taken for it
    gap: str = ""  # what the service does not check: the case is expected to fail until it does


SERVICE_CASES: dict[str, Case] = {}
SEEING_IS_ACTING: dict[str, Case] = {}


def case(
    service: str,
    *,
    refusal: tuple[type[Exception], ...] = (PermissionDenied,),
    match: str = "",
    gap: str = "",
    seeing_is_acting: bool = False,
) -> Callable[[Callable[["Scene"], Attempt]], Callable[["Scene"], Attempt]]:
    def register(arrange: Callable[["Scene"], Attempt]) -> Callable[["Scene"], Attempt]:
        table = SEEING_IS_ACTING if seeing_is_acting else SERVICE_CASES
        assert service not in table, f"two cases for {service}"
        table[service] = Case(
            arrange=arrange,
            refusal=refusal,
            match=match,
            gap=gap,
        )
        return arrange

    return register


def passes(gate: Callable[..., object], *args: object) -> bool:
    """Whether an `access_*` gate lets the user through (it answers Http404 otherwise)."""
    try:
        gate(*args)
    except Http404:
        return False
    return True


def sees_child(user: User, child: Child) -> bool:
    return child_visible_queryset(user).filter(pk=child.pk).exists()


def database_rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the project's apps (many-to-many links included), but the access
    events of refused reads, which a refusal may write."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for config in apps.get_app_configs():
        if config.label not in PROJECT_APPS:
            continue
        for model in config.get_models(include_auto_created=True):
            queryset = model._default_manager.order_by("pk")
            if model is AccessEvent:
                queryset = queryset.exclude(action=AccessAction.REFUSED)
            rows[model._meta.label] = list(queryset.values())
    return rows


# --- The records the cases need, each made through the services by those who may make it ----------


def _details(concern: str) -> ContactDetails:
    return ContactDetails(
        received_at=timezone.now() - dt.timedelta(hours=1),
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_organisation="Northfield Academy",
        concern=concern,
        immediate_risk=False,
    )


class Scene:
    """Northfield's child held by Social Care Team East (its social worker and team manager hold the
    case; the school's teacher and the Designated CSE worker are allocated; the front door screener
    sees every child of the council), and the records about it, made when a case first asks."""

    def __init__(self, users: dict[str, User]) -> None:
        self.users = users

    def __getitem__(self, username: str) -> User:
        return self.users[username]

    @cached_property
    def area(self) -> Area:
        area = self["megsupport.nfd"].teams.select_related("agency__area").get().agency.area
        assert area is not None
        return area

    @cached_property
    def child(self) -> Child:
        child = child_visible_queryset(self["socialworker.nfd"]).order_by("reference").first()
        assert child is not None
        assert child.holding_team.members.filter(pk=self["socialworker.nfd"].pk).exists()
        return child

    @cached_property
    def other_children(self) -> list[Child]:
        """The other Northfield children the teacher is allocated to."""
        others = list(child_visible_queryset(self["teacher.nfd"]).exclude(pk=self.child.pk).order_by("reference"))
        assert len(others) >= 2
        return others

    @cached_property
    def contact(self) -> Contact:
        return contact_create(
            recorded_by=self["screener.nfd"],
            child_id=self.child.id,
            details=_details("Seen getting into cars with older men after school."),
            linked_children=[
                LinkedChildDetails(involvement=Involvement.POSSIBLE_VICTIM, existing_child_id=self.other_children[0].id)
            ],
        )

    @cached_property
    def link(self) -> ContactLinkedChild:
        return self.contact.linked_children.get()

    @cached_property
    def referral(self) -> Referral:
        """The teacher's referral of a child the school knows only by name."""
        return referral_make(
            referrer=self["teacher.nfd"],
            data=ReferralInput(
                first_name="Tayla", last_name="Quarrendon", concern="Collected by older men.", immediate_risk=False
            ),
        )

    @cached_property
    def screening(self) -> Screening:
        return screening_start(contact=self.contact, by=self["screener.nfd"])

    @cached_property
    def task(self) -> Task:
        """The First Response Team's meeting decision for the child."""
        team: Team = self["firstresponse.nfd"].teams.get()
        return Task.objects.create(
            child=self.child,
            code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
            owner=Owner.TEAM_MANAGER,
            team=team,
            status=TaskStatus.OPEN,
            reason="Medium risk: the First Response Team decides whether to meet.",
        )

    @cached_property
    def submission(self) -> Submission:
        """Shared with the police by the Designated CSE worker, about the child."""
        worker = self["cseworker.nfd"]
        submission, _ = submission_record(
            data=SubmissionInput(
                source="professional",
                narrative="Collected from school by an older man in a grey car.",
                children=[self.child.id],
                persons=[PersonInput(name="Dorran Wexcombe", age_estimate=31)],
            ),
            by=worker,
            agency=agency_of(worker),
            link_people=False,
        )
        return submission

    @cached_property
    def candidate(self) -> MatchCandidate:
        """A pair for review: the person in the worker's submission and in a second one of theirs."""
        worker = self["cseworker.nfd"]
        again, _ = submission_record(
            data=SubmissionInput(
                source="professional",
                narrative="The same man again, outside the school gates.",
                persons=[PersonInput(name="Dorran Wexcombe", age_estimate=33)],
            ),
            by=worker,
            agency=agency_of(worker),
            link_people=False,
        )
        people = Mention.objects.filter(submission__in=[self.submission, again], kind=EntityKind.PERSON)
        left, right = people.order_by("pk")
        return MatchCandidate.objects.create(left=left, right=right, probability=0.6, status=MatchStatus.REVIEW)

    @cached_property
    def reassessment(self) -> Assessment:
        return reassessment_start(child=self.child, by=self["socialworker.nfd"])

    @cached_property
    def challenge(self) -> Challenge:
        """Raised by the teacher about the social worker's decision; owned by the social worker."""
        return challenge_raise(
            user=self["teacher.nfd"],
            child_id=self.child.id,
            decision_summary="Risk level confirmed as low at screening",
            decision_kind="screening",
            challenge_text="The school has seen three warning signs this month.",
            owner_user=self["socialworker.nfd"],
            owner_team=None,
        )

    @cached_property
    def meg(self) -> Meeting:
        """Northfield's next MEG, with the child on its agenda (high risk)."""
        risk_level_record(
            child=self.child, level=RiskLevel.HIGH, by=self["screener.nfd"], source=RiskLevelSource.ASSESSMENT
        )
        MegSchedule.objects.create(area=self.area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
        return meg_meetings_schedule(area=self.area, months=1)[0]

    @cached_property
    def item(self) -> ContextualItem:
        return contextual_item_create(
            area=self.area, by=self["megsupport.nfd"], kind=ContextualKind.LOCATION, title="Takeaway on Station Road"
        )

    @cached_property
    def item_entity(self) -> ContextualItemEntity:
        submission_record(
            data=SubmissionInput(
                source="professional", narrative="Seen.", vehicles=[VehicleInput(registration="ZX71 QVM")]
            )
        )
        vehicle = Entity.objects.get(kind=EntityKind.VEHICLE)
        return contextual_item_entity_link(item=self.item, entity=vehicle, by=self["intel"])

    @cached_property
    def plan(self) -> Plan:
        return plan_for_child_get_or_create(child=self.child, by=self["megsupport.nfd"])

    @cached_property
    def letter(self) -> Letter:
        return letters_generate(meeting=self.meg, child=self.child, by=self["megsupport.nfd"])[0]

    @cached_property
    def template(self) -> LetterTemplate:
        return letter_templates_ensure(area=self.area)[0]

    @cached_property
    def strategy(self) -> Meeting:
        """A strategy meeting about the child, held: arranged by its social worker, chaired by the
        team manager."""
        meeting = meeting_arrange(
            child=self.child,
            kind=MeetingKind.STRATEGY,
            starts_at=timezone.now() - dt.timedelta(hours=2),
            location="Room 4",
            chair=self["teammanager.nfd"],
            task=None,
            by=self["socialworker.nfd"],
        )
        return meeting_hold(meeting=meeting, by=self["socialworker.nfd"])

    @cached_property
    def draft_minutes(self) -> Minutes:
        return minutes_draft_save(meeting=self.strategy, texts={}, by=self["socialworker.nfd"])

    @cached_property
    def approved_minutes(self) -> Minutes:
        return minutes_approve(minutes=self.draft_minutes, by=self["teammanager.nfd"])

    @cached_property
    def missing_episode(self) -> MissingEpisode:
        """The child reported missing last night by their mother, recorded by the social worker; still missing."""
        return missing_episode_record(
            actor=self["socialworker.nfd"],
            child_id=self.child.id,
            data=MissingEpisodeInput(
                started_at=timezone.now() - dt.timedelta(hours=10),
                reported_by_kind=ReporterKind.PARENT_OR_CARER,
                reported_by="Mother",
            ),
        )

    @cached_property
    def returned_episode(self) -> MissingEpisode:
        return missing_episode_return_record(
            actor=self["socialworker.nfd"],
            episode_id=self.missing_episode.pk,
            data=MissingEpisodeReturnInput(ended_at=timezone.now() - dt.timedelta(hours=2), where_found="Bus station"),
        )


# --- Allocations (decision 0030) ------------------------------------------------------------------


@case("allocation_start")
def _allocation_start(s: Scene) -> Attempt:
    """The case-holding social worker sees the child, but only a team manager allocates."""
    worker, cse = s["socialworker.nfd"], s["cseworker.nfd"]
    CaseAllocation.objects.filter(child=s.child, user=cse).delete()
    return Attempt(
        worker,
        sees=lambda: passes(access_child, worker, s.child.id),
        act=lambda: allocation_start(actor=worker, child_id=s.child.id, user_id=cse.pk, role="designated_cse_worker"),
    )


@case("allocation_end")
def _allocation_end(s: Scene) -> Attempt:
    """The teacher allocated to the child sees the allocation, but may not end it, theirs or another's."""
    teacher = s["teacher.nfd"]
    allocation = CaseAllocation.objects.filter(child=s.child, user=teacher, ended_at__isnull=True).first()
    assert allocation is not None
    return Attempt(
        teacher,
        sees=lambda: passes(access_allocation, teacher, allocation.pk),
        act=lambda: allocation_end(actor=teacher, allocation_id=allocation.pk, reason="No longer involved."),
    )


# --- The child's record ------------------------------------------------------------------------------


@case("case_note_record")
def _case_note_record(s: Scene) -> Attempt:
    """Police intelligence see the child a submission names, but do not work the case (decision 0025)."""
    intel = s["intel"]
    s.submission  # noqa: B018  (names the child: police intelligence may see it)
    note = CaseNoteInput(
        occurred_at=timezone.now() - dt.timedelta(hours=1), source=NoteSource.CHILD, summary="Told me about a man."
    )
    return Attempt(
        intel,
        sees=lambda: sees_child(intel, s.child),
        act=lambda: case_note_record(actor=intel, child_id=s.child.id, data=note),
    )


@case("child_details_correct")
def _child_details_correct(s: Scene) -> Attempt:
    """The MEG's business support see the child while it is on the agenda, but do not work the case."""
    support = s["megsupport.nfd"]
    s.meg  # noqa: B018  (puts the child on the agenda: business support may see it)
    return Attempt(
        support,
        sees=lambda: sees_child(support, s.child),
        act=lambda: child_details_correct(
            actor=support,
            child_id=s.child.id,
            data=ChildDetailsInput(known_as="Kiki", learning_disability="yes"),
            reason="The school told us.",
        ),
    )


# --- The front door ----------------------------------------------------------------------------------

ONLY_SCREENERS = "Only front door screeners"


@case("contact_create", refusal=(ValidationError,), match=ONLY_SCREENERS)
def _contact_create(s: Scene) -> Attempt:
    """The teacher allocated to the child sees the child, but only front door screeners record contacts."""
    teacher = s["teacher.nfd"]
    return Attempt(
        teacher,
        sees=lambda: sees_child(teacher, s.child),
        act=lambda: contact_create(recorded_by=teacher, child_id=s.child.id, details=_details("Missing overnight.")),
    )


@case("contact_linked_child_add", refusal=(ValidationError,), match=ONLY_SCREENERS)
def _contact_linked_child_add(s: Scene) -> Attempt:
    teacher = s["teacher.nfd"]
    contact, another = s.contact, s.other_children[1]  # a child the contact does not name yet
    return Attempt(
        teacher,
        sees=lambda: passes(access_contact, teacher, contact.pk) and sees_child(teacher, another),
        act=lambda: contact_linked_child_add(
            recorded_by=teacher,
            contact=contact,
            linked=LinkedChildDetails(involvement=Involvement.NOT_KNOWN, existing_child_id=another.id),
        ),
    )


@case("contact_create_for_linked_child", refusal=(ValidationError,), match=ONLY_SCREENERS)
def _contact_create_for_linked_child(s: Scene) -> Attempt:
    teacher, link = s["teacher.nfd"], s.link
    return Attempt(
        teacher,
        sees=lambda: passes(access_contact, teacher, link.contact_id) and sees_child(teacher, link.child),
        act=lambda: contact_create_for_linked_child(recorded_by=teacher, linked=link),
    )


@case("contact_close")
def _contact_close(s: Scene) -> Attempt:
    """The teacher sees the contact about the child, but only front door screeners close a contact, and
    only a young adult's (decision 0039): asked who acts before how old the child is."""
    teacher, contact = s["teacher.nfd"], s.contact
    return Attempt(
        teacher,
        sees=lambda: passes(access_contact, teacher, contact.pk),
        act=lambda: contact_close(
            actor=teacher,
            contact_id=contact.pk,
            data=ContactClosureInput(reason=ContactClosureReason.NO_FURTHER_ACTION, note="Nothing more to do."),
        ),
    )


@case("missing_prompt_accept", refusal=(ValidationError,), match=ONLY_SCREENERS)
def _missing_prompt_accept(s: Scene) -> Attempt:
    """The teacher allocated to the child sees the child, but only front door screeners accept the
    missing-episodes prompt (decision 0033)."""
    teacher = s["teacher.nfd"]
    return Attempt(
        teacher,
        sees=lambda: sees_child(teacher, s.child),
        act=lambda: missing_prompt_accept(actor=teacher, child_id=s.child.id, context=AccessContext(channel="page")),
    )


@case(
    "front_door_referral_create",
    refusal=(Http404,),
    seeing_is_acting=True,
)
def _front_door_referral_create(s: Scene) -> Attempt:
    """Any professional who may see the child may refer a concern to the front door (rule 8): the case
    is a social worker of another team, who may not see the child."""
    stranger = s["socialworker2.nfd"]
    return Attempt(
        stranger,
        sees=lambda: sees_child(stranger, s.child),
        act=lambda: front_door_referral_create(
            lead_worker=stranger, child_id=s.child.id, concern="Missing again.", immediate_risk=False
        ),
    )


@case("referral_make", seeing_is_acting=True)
def _referral_make(s: Scene) -> Attempt:
    """Any professional of a partner agency may refer any child (decision 0031): nothing is seen to refer.
    The case is the system administrator, who holds no role in any agency."""
    admin = s["admin"]
    return Attempt(
        admin,
        sees=lambda: admin.memberships.exists(),
        act=lambda: referral_make(
            referrer=admin, data=ReferralInput(first_name="Tayla", concern="Seen with older men.", immediate_risk=False)
        ),
    )


@case("referral_match")
def _referral_match(s: Scene) -> Attempt:
    """The teacher sees the referral they made, but only the front door's screeners match it."""
    teacher, referral = s["teacher.nfd"], s.referral
    return Attempt(
        teacher,
        sees=lambda: passes(access_referral, teacher, referral.pk),
        act=lambda: referral_match(actor=teacher, referral_id=referral.pk, child_id=None),
    )


@case(
    "screening_start",
    refusal=(PermissionDenied, ValidationError),
)
def _screening_start(s: Scene) -> Attempt:
    """The teacher sees the contact about the child, but only front door screeners screen it."""
    teacher, contact = s["teacher.nfd"], s.contact
    return Attempt(
        teacher,
        sees=lambda: passes(access_contact, teacher, contact.pk),
        act=lambda: screening_start(contact=contact, by=teacher),
    )


@case(
    "screening_answers_save",
    refusal=(PermissionDenied, ValidationError),
)
def _screening_answers_save(s: Scene) -> Attempt:
    teacher, screening = s["teacher.nfd"], s.screening
    return Attempt(
        teacher,
        sees=lambda: passes(access_screening, teacher, screening.pk),
        act=lambda: screening_answers_save(
            screening=screening,
            case_status=CaseStatus.OPEN_SOCIAL_CARE,
            selected=frozenset(),
            domain_notes={},
            by=teacher,
        ),
    )


@case(
    "screening_decide",
    refusal=(PermissionDenied, ValidationError),
)
def _screening_decide(s: Scene) -> Attempt:
    teacher, screening = s["teacher.nfd"], s.screening
    return Attempt(
        teacher,
        sees=lambda: passes(access_screening, teacher, screening.pk),
        act=lambda: screening_decide(
            screening=screening,
            by=teacher,
            confirmed_level=RiskLevel.MEDIUM,
            reason="The school has seen more than the contact says.",
            review_due_on=timezone.localdate() + dt.timedelta(days=30),
        ),
    )


@case("task_complete")
def _task_complete(s: Scene) -> Attempt:
    """The social worker holding the case sees the First Response Team's task, but does not do it."""
    worker, task = s["socialworker.nfd"], s.task
    return Attempt(
        worker,
        sees=lambda: passes(access_task, worker, task.pk),
        act=lambda: task_complete(
            task=task,
            by=worker,
            outcome=Outcome(meeting=MeetingDecision.STRATEGY_MEETING, confirmed_level=RiskLevel.MEDIUM),
        ),
    )


@case("task_cancel")
def _task_cancel(s: Scene) -> Attempt:
    worker, task = s["socialworker.nfd"], s.task
    return Attempt(
        worker,
        sees=lambda: passes(access_task, worker, task.pk),
        act=lambda: task_cancel(task=task, by=worker, reason="Not needed."),
    )


@case(
    "reassessment_start",
    refusal=(PermissionDenied, Http404),
)
def _reassessment_start(s: Scene) -> Attempt:
    intel = s["intel"]
    s.submission  # noqa: B018  (names the child: police intelligence may see it)
    return Attempt(
        intel,
        sees=lambda: sees_child(intel, s.child),
        act=lambda: reassessment_start(child=s.child, by=intel),
    )


@case(
    "reassessment_complete",
    refusal=(PermissionDenied, Http404),
)
def _reassessment_complete(s: Scene) -> Attempt:
    intel, draft = s["intel"], s.reassessment
    s.submission  # noqa: B018
    return Attempt(
        intel,
        sees=lambda: passes(access_assessment, intel, draft.pk),
        act=lambda: reassessment_complete(
            assessment=draft,
            by=intel,
            confirmed_level=RiskLevel.LOW,
            reason="Nothing new.",
            review_due_on=timezone.localdate() + dt.timedelta(days=90),
        ),
    )


@case(
    "reassessment_answers_save",
    refusal=(PermissionDenied, Http404),
)
def _reassessment_answers_save(s: Scene) -> Attempt:
    intel, draft = s["intel"], s.reassessment
    s.submission  # noqa: B018
    return Attempt(
        intel,
        sees=lambda: passes(access_assessment, intel, draft.pk),
        act=lambda: reassessment_answers_save(assessment=draft, selected=frozenset(), domain_notes={}, by=intel),
    )


# --- Professional challenge ----------------------------------------------------------------------------


@case("challenge_raise", refusal=(Http404,))
def _challenge_raise(s: Scene) -> Attempt:
    """A challenge's owner team may see the challenge without sight of the child's record; raising one
    needs sight of the child. The MEG chair's police team owns this one."""
    chair = s["megchair"]
    challenge = challenge_raise(
        user=s["teacher.nfd"],
        child_id=s.child.id,
        decision_summary="No strategy meeting was held",
        decision_kind="meeting",
        challenge_text="The police should have been asked.",
        owner_user=None,
        owner_team=chair.teams.get(),
    )
    return Attempt(
        chair,
        sees=lambda: passes(access_challenge, chair, challenge.pk) and not sees_child(chair, s.child),
        act=lambda: challenge_raise(
            user=chair,
            child_id=s.child.id,
            decision_summary="Another decision",
            decision_kind="other",
            challenge_text="A challenge of our own.",
            owner_user=s["socialworker.nfd"],
            owner_team=None,
        ),
    )


@case("challenge_escalate", refusal=(Http404,))
def _challenge_escalate(s: Scene) -> Attempt:
    """The front door screener sees the child and its challenge, but is no party to it."""
    screener, challenge = s["screener.nfd"], s.challenge
    return Attempt(
        screener,
        sees=lambda: passes(access_challenge, screener, challenge.pk),
        act=lambda: challenge_escalate(
            user=screener,
            challenge_id=challenge.pk,
            to_level=2,
            reason="No answer in five days.",
            owner_user=s["teammanager.nfd"],
            owner_team=None,
        ),
    )


@case("challenge_resolve", refusal=(Http404,))
def _challenge_resolve(s: Scene) -> Attempt:
    screener, challenge = s["screener.nfd"], s.challenge
    return Attempt(
        screener,
        sees=lambda: passes(access_challenge, screener, challenge.pk),
        act=lambda: challenge_resolve(
            user=screener, challenge_id=challenge.pk, outcome="decision_upheld", resolution_text="Agreed."
        ),
    )


# --- Intelligence ----------------------------------------------------------------------------------------


@case("submission_grade")
def _submission_grade(s: Scene) -> Attempt:
    """The worker who shared it sees their own submission, but only police intelligence grades it."""
    worker, submission = s["cseworker.nfd"], s.submission
    return Attempt(
        worker,
        sees=lambda: passes(access_submission, worker, submission.pk),
        act=lambda: submission_grade(
            submission=submission,
            by=worker,
            source_evaluation="2",
            intelligence_assessment="B",
            handling_code="P",
            handling_conditions="",
            outcome="intelligence_log",
            sanitised_summary="An adult male associating with a girl of school age.",
        ),
    )


@case(
    "match_decision_record",
    refusal=(PermissionDenied, Http404),
)
def _match_decision_record(s: Scene) -> Attempt:
    """The worker sees the submissions whose people the pair joins, but only police intelligence decides."""
    worker, candidate = s["cseworker.nfd"], s.candidate
    return Attempt(
        worker,
        sees=lambda: (
            passes(access_submission, worker, candidate.left.submission_id)
            and passes(access_submission, worker, candidate.right.submission_id)
        ),
        act=lambda: match_decision_record(candidate=candidate, same_person=False, note="", by=worker),
    )


@case(
    "submission_record",
    refusal=(ValidationError,),
    match="children",
    seeing_is_acting=True,
)
def _submission_record(s: Scene) -> Attempt:
    """A professional shares intelligence about the children they may see. The case names a child of
    the other area, whom the social worker may not see."""
    worker = s["socialworker.nfd"]
    elsewhere = Child.objects.exclude(responsible_authority=s.area).order_by("reference").first()
    assert elsewhere is not None
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, elsewhere),
        act=lambda: submission_record(
            data=SubmissionInput(source="professional", narrative="Seen at the bus station.", children=[elsewhere.id]),
            by=worker,
            agency=agency_of(worker),
            link_people=False,
        ),
    )


# --- The MEG: agenda, contextual items, plans ------------------------------------------------------------


@case(
    "agenda_removal_record",
    refusal=(PermissionDenied, Http404),
)
def _agenda_removal_record(s: Scene) -> Attempt:
    worker, meeting = s["socialworker.nfd"], s.meg
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child) and not may_run_meeting(worker, meeting),
        act=lambda: agenda_removal_record(
            meeting=meeting, child=s.child, reason=RemovalReason.RISK_REDUCED, note="", by=worker
        ),
    )


def _sees_item_to_link(user: User, item: ContextualItem) -> bool:
    """Police intelligence see every open item's kind, title and area, to link intelligence to it."""
    return contextual_items_to_link_queryset(user).filter(pk=item.pk).exists()


@case("contextual_item_create")
def _contextual_item_create(s: Scene) -> Attempt:
    """Police intelligence see the area's open items, to link intelligence to them, but only the MEG's
    business support officers and chairs record them."""
    intel, item = s["intel"], s.item
    return Attempt(
        intel,
        sees=lambda: _sees_item_to_link(intel, item),
        act=lambda: contextual_item_create(area=s.area, by=intel, kind=ContextualKind.VEHICLE, title="Grey Vauxhall"),
    )


@case("contextual_item_update")
def _contextual_item_update(s: Scene) -> Attempt:
    intel, item = s["intel"], s.item
    return Attempt(
        intel,
        sees=lambda: _sees_item_to_link(intel, item),
        act=lambda: contextual_item_update(
            item=item, by=intel, kind=ContextualKind.LOCATION, title="Renamed", description="", children=[]
        ),
    )


@case("contextual_item_close")
def _contextual_item_close(s: Scene) -> Attempt:
    intel, item = s["intel"], s.item
    return Attempt(
        intel,
        sees=lambda: _sees_item_to_link(intel, item),
        act=lambda: contextual_item_close(item=item, by=intel, reason="Closed down."),
    )


@case("contextual_item_entity_unlink")
def _contextual_item_entity_unlink(s: Scene) -> Attempt:
    """MEG business support see the item and the intelligence linked to it, but only police
    intelligence remove the link."""
    support, link = s["megsupport.nfd"], s.item_entity
    return Attempt(
        support,
        sees=lambda: passes(access_contextual_item, support, link.contextual_item_id),
        act=lambda: contextual_item_entity_unlink(link=link, by=support),
    )


@case("plan_for_contextual_item_get_or_create")
def _plan_for_contextual_item_get_or_create(s: Scene) -> Attempt:
    intel, item = s["intel"], s.item
    return Attempt(
        intel,
        sees=lambda: _sees_item_to_link(intel, item),
        act=lambda: plan_for_contextual_item_get_or_create(item=item, by=intel),
    )


@case("plan_for_child_get_or_create")
def _plan_for_child_get_or_create(s: Scene) -> Attempt:
    """The social worker sees the child (and would see its safeguarding plan), but the MEG agrees plans."""
    worker = s["socialworker.nfd"]
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child),
        act=lambda: plan_for_child_get_or_create(child=s.child, by=worker),
    )


@case("action_create")
def _action_create(s: Scene) -> Attempt:
    worker, plan = s["socialworker.nfd"], s.plan
    return Attempt(
        worker,
        sees=lambda: passes(access_plan, worker, plan.pk),
        act=lambda: action_create(
            plan=plan,
            by=worker,
            description="Weekly check-in at school.",
            tactic=Tactic.SUPPORT,
            owning_agency=agency_of(worker),
            due_on=timezone.localdate() + dt.timedelta(days=14),
        ),
    )


# --- The MEG: letters, parents and carers, feedback --------------------------------------------------------


@case(
    "letter_template_update",
    refusal=(PermissionDenied, Http404),
    seeing_is_acting=True,
)
def _letter_template_update(s: Scene) -> Attempt:
    """Only the MEG's business support officers and chairs see an area's templates, and they may change
    them. The case is business support of the other area."""
    other, template = s["megsupport.sdl"], s.template
    return Attempt(
        other,
        sees=lambda: passes(lambda: letter_template_of(area_ids=meg_areas_of(other), template_id=template.pk)),
        act=lambda: letter_template_update(template=template, title="Changed", body="Dear $recipient_name", by=other),
    )


@case(
    "carer_add",
    refusal=(PermissionDenied, Http404),
    seeing_is_acting=True,
)
def _carer_add(s: Scene) -> Attempt:
    """A child's parents and carers are part of the child's record: whoever may see the child records
    them (the case team knows the family; the MEG's business support writes to them). The case is a
    social worker of the other area."""
    worker = s["socialworker.sdl"]
    s.meg  # noqa: B018  (the child on its agenda)
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child),
        act=lambda: carer_add(
            child=s.child,
            name="Orla Example",
            relationship=CarerRelationship.MOTHER,
            address="4 Greenbank Close",
            has_parental_responsibility=True,
            lives_with_child=True,
            by=worker,
        ),
    )


@case(
    "letters_generate",
    refusal=(PermissionDenied, Http404),
)
def _letters_generate(s: Scene) -> Attempt:
    worker, meeting = s["socialworker.nfd"], s.meg
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child) and not may_run_meeting(worker, meeting),
        act=lambda: letters_generate(meeting=meeting, child=s.child, by=worker),
    )


@case(
    "meeting_letters_generate",
    refusal=(PermissionDenied, Http404),
)
def _meeting_letters_generate(s: Scene) -> Attempt:
    worker, meeting = s["socialworker.nfd"], s.meg
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child) and not may_run_meeting(worker, meeting),
        act=lambda: meeting_letters_generate(meeting=meeting, by=worker),
    )


@case(
    "meeting_letters_request",
    refusal=(PermissionDenied, Http404),
)
def _meeting_letters_request(s: Scene) -> Attempt:
    worker, meeting = s["socialworker.nfd"], s.meg
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child) and not may_run_meeting(worker, meeting),
        act=lambda: meeting_letters_request(meeting=meeting, by=worker),
    )


@case(
    "letter_mark_sent",
    refusal=(PermissionDenied, Http404),
)
def _letter_mark_sent(s: Scene) -> Attempt:
    worker, letter = s["socialworker.nfd"], s.letter
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, letter.child) and not may_run_meeting(worker, letter.meeting),
        act=lambda: letter_mark_sent(letter=letter, method=SendingMethod.BY_HAND, by=worker),
    )


@case(
    "feedback_record",
    refusal=(PermissionDenied, Http404),
    seeing_is_acting=True,
)
def _feedback_record(s: Scene) -> Attempt:
    """What the child or family said, for the MEG to hear: recorded by whoever may see the child."""
    worker = s["socialworker.sdl"]
    s.meg  # noqa: B018
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child),
        act=lambda: feedback_record(
            child=s.child,
            given_by=FeedbackFrom.CHILD,
            carer=None,
            text="I liked the letter.",
            received_on=timezone.localdate(),
            by=worker,
        ),
    )


# --- Minutes ----------------------------------------------------------------------------------------------


@case(
    "minutes_draft_save",
    refusal=(PermissionDenied, ValidationError),
)
def _minutes_draft_save(s: Scene) -> Attempt:
    screener, meeting = s["screener.nfd"], s.strategy
    return Attempt(
        screener,
        sees=lambda: passes(access_meeting, screener, meeting.pk) and not may_write_minutes(screener, meeting),
        act=lambda: minutes_draft_save(meeting=meeting, texts={}, by=screener),
    )


@case("meeting_outcome_record")
def _meeting_outcome_record(s: Scene) -> Attempt:
    """The front door sees the held strategy meeting, but only those who run it record the level it
    determined (decision 0016)."""
    screener, meeting = s["screener.nfd"], s.strategy
    return Attempt(
        screener,
        sees=lambda: passes(access_meeting, screener, meeting.pk) and not may_run_meeting(screener, meeting),
        act=lambda: meeting_outcome_record(meeting=meeting, level=RiskLevel.LOW, outcome="Not CSE.", by=screener),
    )


@case("minutes_approve", refusal=(ValidationError,), match="Only the chair")
def _minutes_approve(s: Scene) -> Attempt:
    """The social worker runs the meeting and writes its minutes, but only its chair approves them."""
    worker, minutes = s["socialworker.nfd"], s.draft_minutes
    meeting = minutes.meeting
    return Attempt(
        worker,
        sees=lambda: (
            passes(access_meeting, worker, meeting.pk)
            and may_write_minutes(worker, meeting)
            and not may_approve_minutes(worker, meeting)
        ),
        act=lambda: minutes_approve(minutes=minutes, by=worker),
    )


@case(
    "minutes_correction_start",
    refusal=(PermissionDenied, ValidationError),
)
def _minutes_correction_start(s: Scene) -> Attempt:
    screener, meeting = s["screener.nfd"], s.approved_minutes.meeting
    return Attempt(
        screener,
        sees=lambda: passes(access_meeting, screener, meeting.pk) and not may_write_minutes(screener, meeting),
        act=lambda: minutes_correction_start(meeting=meeting, reason="A decision was minuted wrongly.", by=screener),
    )


# --- Missing from home ------------------------------------------------------------------------------------


@case("missing_episode_record")
def _missing_episode_record(s: Scene) -> Attempt:
    """Police intelligence see the child a submission names, but only those who work the case record its
    missing episodes (decision 0024)."""
    intel = s["intel"]
    s.submission  # noqa: B018  (names the child: police intelligence may see it)
    return Attempt(
        intel,
        sees=lambda: sees_child(intel, s.child),
        act=lambda: missing_episode_record(
            actor=intel,
            child_id=s.child.id,
            data=MissingEpisodeInput(
                started_at=timezone.now() - dt.timedelta(hours=3), reported_by_kind=ReporterKind.POLICE
            ),
        ),
    )


@case("missing_episode_return_record")
def _missing_episode_return_record(s: Scene) -> Attempt:
    intel, episode = s["intel"], s.missing_episode
    s.submission  # noqa: B018
    return Attempt(
        intel,
        sees=lambda: sees_child(intel, s.child),
        act=lambda: missing_episode_return_record(
            actor=intel,
            episode_id=episode.pk,
            data=MissingEpisodeReturnInput(ended_at=timezone.now() - dt.timedelta(hours=1), where_found="Home"),
        ),
    )


@case("return_interview_record")
def _return_interview_record(s: Scene) -> Attempt:
    intel, episode = s["intel"], s.returned_episode
    s.submission  # noqa: B018
    return Attempt(
        intel,
        sees=lambda: sees_child(intel, s.child),
        act=lambda: return_interview_record(
            actor=intel,
            episode_id=episode.pk,
            data=ReturnInterviewInput(
                completed_at=timezone.now() - dt.timedelta(minutes=30),
                interviewed_by="Sam Example, return home interviews",
                summary="Stayed with a friend.",
            ),
        ),
    )


@case("child_case_close")
def _child_case_close(s: Scene) -> Attempt:
    """The case-holding social worker holds the child, but closing the case is the team manager's decision."""
    worker = s["socialworker.nfd"]
    return Attempt(
        worker,
        sees=lambda: sees_child(worker, s.child),
        act=lambda: child_case_close(actor=worker, child_id=s.child.id, reason="Support has ended."),
    )


# --- The tests --------------------------------------------------------------------------------------------


def _params(table: dict[str, Case]) -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, raises=Accepted, reason=case.gap)) if case.gap else name
        for name, case in table.items()
    ]


def _refused_and_nothing_changed(service: str, case: Case, attempt: Attempt) -> None:
    before = database_rows()
    refusal: Exception | None = None
    try:
        attempt.act()
    except case.refusal as caught:
        refusal = caught
    if refusal is None:
        raise Accepted(f"{service} accepted {attempt.user.username}")
    if case.match:
        assert re.search(case.match, str(refusal)), f"{service} refused for another reason: {refusal}"
    after = database_rows()
    changed = sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))
    assert changed == [], f"{service} refused {attempt.user.username} but changed {changed}"


@pytest.mark.parametrize("service", _params(SERVICE_CASES))
def test_someone_who_may_see_the_record_but_may_not_act_is_refused_and_nothing_changes(
    partnership, assessment_tool, service
):
    case = SERVICE_CASES[service]
    attempt = case.arrange(Scene(partnership))
    assert attempt.sees(), f"the case for {service} needs someone who may see the record"
    _refused_and_nothing_changed(service, case, attempt)


@pytest.mark.parametrize("service", _params(SEEING_IS_ACTING))
def test_where_seeing_is_acting_someone_who_may_not_see_is_refused_and_nothing_changes(
    partnership, assessment_tool, service
):
    case = SEEING_IS_ACTING[service]
    attempt = case.arrange(Scene(partnership))
    assert not attempt.sees(), f"the case for {service} needs someone who may not see the record"
    _refused_and_nothing_changed(service, case, attempt)


def _services_modules() -> list[str]:
    paths = [*ROOT.glob("*/services.py"), *ROOT.glob("*/services/*.py")]
    names = []
    for path in sorted(paths):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def public_service_functions() -> dict[str, str]:
    """Every public function defined in a services module, by name, with its module."""
    found: dict[str, str] = {}
    for module_name in _services_modules():
        module = importlib.import_module(module_name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            assert name not in found, f"{name} is defined in {found[name]} and {module_name}: name them apart"
            found[name] = module_name
    return found


LISTS = {
    "SERVICE_CASES": frozenset(SERVICE_CASES),
    "SEEING_IS_ACTING": frozenset(SEEING_IS_ACTING),
    "ALREADY_TESTED": frozenset(ALREADY_TESTED),
    "SYSTEM": SYSTEM,
    "SKIPPED": SKIPPED,
    "NOT_WRITES": NOT_WRITES,
    "BUILDING_BLOCKS": BUILDING_BLOCKS,
}


def test_every_public_write_service_has_a_case():
    """A new public function in a services module needs a case here, or a place in a documented list."""
    found = public_service_functions()
    assert len(found) > 50, "the services modules were not found"
    listed: dict[str, list[str]] = {}
    for list_name, names in LISTS.items():
        for name in names:
            listed.setdefault(name, []).append(list_name)
    assert {name: lists for name, lists in listed.items() if len(lists) > 1} == {}, "listed twice"
    missing = sorted(f"{found[name]}.{name}" for name in set(found) - set(listed))
    assert missing == [], f"write services with no 'sees but may not act' case: {missing}"
    assert sorted(set(listed) - set(found)) == [], "listed, but no services module defines it any more"


def test_the_tests_named_for_services_tested_elsewhere_exist():
    for service, where in ALREADY_TESTED.items():
        path, test_name = where.split("::")
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert test_name in names, f"{service}: {where} is not there"


def _callers_outside_services() -> list[Path]:
    """The project's modules that are not services, tests, the demo, benchmarks or migrations."""
    skipped = {".venv", "node_modules", "frontend", "data", "tests", "demo", "bench", "migrations"}
    return [
        path
        for path in ROOT.rglob("*.py")
        if not skipped & set(path.relative_to(ROOT).parts)
        and path.name != "services.py"
        and "services" not in path.relative_to(ROOT).parts[:-1]
        and path.name != "conftest.py"
    ]


def test_no_page_api_or_command_calls_a_building_block():
    """The building blocks check no actor because only checked services call them: keep it so."""
    offenders = []
    for path in _callers_outside_services():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1] == "services":
                offenders += [
                    f"{path.relative_to(ROOT)}: {alias.name}" for alias in node.names if alias.name in BUILDING_BLOCKS
                ]
    assert offenders == []
