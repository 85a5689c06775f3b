"""The whole record of a child of another local authority, built through the services as its own staff
would build it: what a user of the first area must never see.

The demo partnership (`partnership` fixture: Northfield and Southdale, every demo role) is the
setting. Southdale's staff record a contact about a new child, Quillon Vexmoor, naming another child
who may be involved; screen it (high risk, so the child is on Southdale's MEG agenda); arrange a
strategy meeting; put the child and a contextual item on a MEG that is held and minuted; agree a
safeguarding plan and a disruption plan with actions; write letters for the next MEG; share
intelligence about the child with the police; and raise a professional challenge about the screening.

Every free text written about the child carries MARKER, so that a page which shows a record about the
child without naming the child is caught too.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Agency, AgencyKind, Area, Role, Team, User
from assessments.levels import RiskLevel
from assessments.models import Assessment
from challenges.models import Challenge
from challenges.services import challenge_raise
from children.case_status import CaseStatus
from children.models import CarerRelationship, CaseAllocation, Child, MissingEpisode
from children.services import NewChild
from demo.generator.front_door import meg_demo_schedule
from demo.generator.meg_records import meg_records_demo_generate
from frontdoor.inputs import ReferralInput
from frontdoor.models import (
    Contact,
    ContactLinkedChild,
    Involvement,
    Referral,
    ReporterRelationship,
    Screening,
    Task,
)
from frontdoor.routing import TaskCode
from frontdoor.services.contacts import (
    ContactDetails,
    LinkedChildDetails,
    contact_create,
    contact_create_for_linked_child,
)
from frontdoor.services.reassessment import reassessment_start
from frontdoor.services.referrals import referral_make, referral_match
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.warning_signs import WarningSign
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, MatchCandidate, MatchStatus, Mention, Submission
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record
from meetings.models import (
    Action,
    ContextualItem,
    ContextualItemEntity,
    ContextualKind,
    FeedbackFrom,
    Letter,
    LetterTemplate,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Plan,
    Tactic,
)
from meetings.selectors.agenda import meg_next
from meetings.services.contextual import contextual_item_create
from meetings.services.contextual_entities import contextual_item_entity_link
from meetings.services.letters import carer_add, feedback_record, letters_generate
from meetings.services.plans import (
    action_create,
    action_update_record,
    plan_for_child_get_or_create,
    plan_for_contextual_item_get_or_create,
)
from meetings.services.records import meeting_arrange, meeting_hold, meeting_outcome_record
from tests.factories import CaseAllocationFactory, MissingEpisodeFactory

# A word nobody else writes: every free text about the other area's child contains it.
MARKER = "Zindrelmark"


@dataclass
class OtherAreaRecord:
    """Everything recorded about the other area's child, and the first area's own records that the
    first area's users may open (to pair with the other area's ids in two-part routes)."""

    area: Area
    agency: Agency
    team: Team
    child: Child
    linked_child: Child
    contacts: list[Contact]
    link: ContactLinkedChild
    screening: Screening
    assessments: list[Assessment]
    tasks: list[Task]
    strategy_meeting: Meeting
    held_meg: Meeting
    planned_meg: Meeting
    minutes: Minutes
    item: ContextualItem
    plans: list[Plan]
    actions: list[Action]
    letters: list[Letter]
    templates: list[LetterTemplate]
    submissions: list[Submission]
    mentions: list[Mention]
    entities: list[Entity]
    candidate: MatchCandidate
    item_entity: ContextualItemEntity
    challenge: Challenge
    referrals: list[Referral]  # the school's referral of the child, matched; and another, still to match
    episode: MissingEpisode  # the child's missing episode
    allocation: CaseAllocation  # the Designated CSE worker's allocation to the child
    children: list[Child]  # every child of the other area
    own_meg: Meeting  # the first area's next MEG
    own_contact: Contact  # a contact of the first area

    def record_ids(self) -> dict[str, list[str]]:
        """The ids of the other area's records, by the name a route gives the parameter."""
        return {
            "child_id": [str(self.child.id), str(self.linked_child.id)],
            "contact_id": [str(contact.pk) for contact in self.contacts],
            "screening_id": [str(self.screening.pk)],
            "assessment_id": [str(assessment.pk) for assessment in self.assessments],
            "task_id": [str(task.pk) for task in self.tasks],
            "challenge_id": [str(self.challenge.pk)],
            "meeting_id": [str(m.pk) for m in (self.strategy_meeting, self.held_meg, self.planned_meg)],
            "item_id": [str(self.item.pk)],
            "plan_id": [str(plan.pk) for plan in self.plans],
            "action_id": [str(action.pk) for action in self.actions],
            "template_id": [str(template.pk) for template in self.templates],
            "submission_id": [str(submission.pk) for submission in self.submissions],
            "entity_id": [str(entity.pk) for entity in self.entities],
            "candidate_id": [str(self.candidate.pk)],
            "mention_id": [str(mention.pk) for mention in self.mentions],
            "referral_id": [str(referral.pk) for referral in self.referrals],
            "episode_id": [str(self.episode.pk)],
            "allocation_id": [str(self.allocation.pk)],
        }

    def record_pairs(self) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], frozenset[str]]]]:
        """Routes with two parameters: the other area's pairs, and each of its records paired with a
        record of the user's own area (a page that checks only the first part must still refuse). With
        each pair, the parameters that name the user's own records."""
        child, meg, planned = str(self.child.id), str(self.held_meg.pk), str(self.planned_meg.pk)
        own_meg, own_contact, letter = str(self.own_meg.pk), str(self.own_contact.pk), str(self.letters[0].pk)
        theirs: frozenset[str] = frozenset()
        return {
            ("contact_id", "link_id"): [
                ((str(self.link.contact_id), str(self.link.pk)), theirs),
                ((own_contact, str(self.link.pk)), frozenset({"contact_id"})),
            ],
            ("meeting_id", "child_id"): [
                ((meg, child), theirs),
                ((planned, child), theirs),
                ((own_meg, child), frozenset({"meeting_id"})),
            ],
            ("meeting_id", "version"): [((meg, str(self.minutes.version)), theirs)],
            ("meeting_id", "letter_id"): [((planned, letter), theirs), ((own_meg, letter), frozenset({"meeting_id"}))],
            ("entity_id", "link_id"): [((str(self.item_entity.entity_id), str(self.item_entity.pk)), theirs)],
        }

    def query_ids(self) -> dict[str, str]:
        """Ids some pages read from the query string (?child=, ?team=, ...): the other area's."""
        return {
            "child": str(self.child.id),
            "team": str(self.team.pk),
            "task": str(self.tasks[0].pk),
            "meeting": str(self.planned_meg.pk),
            "agency": str(self.agency.pk),
        }


def _years_ago(years: int) -> dt.date:
    """A date of birth a little over `years` ago, whatever the day (29 February included)."""
    return timezone.localdate() - dt.timedelta(days=years * 365 + 40)


def _contact_details(concern: str) -> ContactDetails:
    return ContactDetails(
        received_at=timezone.now() - dt.timedelta(days=2),
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_name="Designated safeguarding lead",
        reporter_organisation=f"Southdale Academy {MARKER}",
        concern=concern,
        immediate_risk=False,
        warning_signs=frozenset(list(WarningSign)[:3]),
    )


def _front_door(users: dict[str, User]) -> tuple[Contact, Contact, ContactLinkedChild, Screening]:
    screener = users["screener.sdl"]
    contact = contact_create(
        recorded_by=screener,
        new_child=NewChild(first_name="Quillon", last_name="Vexmoor", date_of_birth=_years_ago(14)),
        details=_contact_details(f"Seen getting into cars with older men after school {MARKER}contact."),
        linked_children=[
            LinkedChildDetails(
                involvement=Involvement.POSSIBLE_VICTIM,
                new_child=NewChild(first_name="Marisol", last_name="Threnody", date_of_birth=_years_ago(13)),
                notes=f"Her friend {MARKER}link.",
            )
        ],
    )
    link = contact.linked_children.get()
    linked_contact = contact_create_for_linked_child(recorded_by=screener, linked=link)
    screening = screening_start(contact=contact, by=screener)
    screening_answers_save(
        screening=screening,
        case_status=CaseStatus.NEW_CASE,
        selected=frozenset(contact.warning_signs),
        domain_notes={},
        by=screener,
    )
    screening.refresh_from_db()
    suggested = screening.assessment.suggested_level
    screening_decide(
        screening=screening,
        by=screener,
        confirmed_level=RiskLevel.HIGH,
        reason="" if suggested == RiskLevel.HIGH else f"What the school has seen {MARKER}screening.",
        review_due_on=timezone.localdate() + dt.timedelta(days=30),
    )
    return contact, linked_contact, link, screening


def _intelligence(
    users: dict[str, User], area: Area, agency: Agency, child: Child
) -> tuple[list[Submission], list[Mention], list[Entity], MatchCandidate]:
    submissions = []
    for number in (1, 2):
        submission, _ = submission_record(
            data=SubmissionInput(
                source="professional",
                narrative=f"Collected from school by an older man {MARKER}submission{number}.",
                knowledge="seen_or_heard",
                area_id=area.pk,
                children=[child.id],
                persons=[PersonInput(name="Dorran Wexcombe", nickname="Wex", age_estimate=30 + number)],
                vehicles=[VehicleInput(registration="ZX71 QVM", make="Vauxhall", colour="Grey")],
                locations=[LocationInput(name=f"Flat above the bakery {MARKER}place", kind="other")],
            ),
            by=users["cseworker.sdl"],  # allocated to the child
            agency=agency,
            link_people=False,
        )
        submissions.append(submission)
    submission_grade(
        submission=submissions[0],
        by=users["intel"],
        source_evaluation="2",
        intelligence_assessment="B",
        handling_code="P",
        handling_conditions="",
        outcome="intelligence_log",
        sanitised_summary=f"An adult male associating with a girl of school age {MARKER}summary.",
    )
    mentions = list(Mention.objects.filter(submission__in=submissions).order_by("pk"))
    entities = list(Entity.objects.filter(mentions__in=mentions).distinct().order_by("pk"))
    people = [mention for mention in mentions if mention.kind == "person"]
    # Only Splink's batch run suggests a pair for review (intelligence/services/linkage.py); a test makes
    # one directly, as intelligence/tests/test_linkage.py does.
    candidate = MatchCandidate.objects.create(
        left=people[0], right=people[1], probability=0.6, status=MatchStatus.REVIEW
    )
    return submissions, mentions, entities, candidate


def _referrals(users: dict[str, User], child: Child) -> list[Referral]:
    """The school's referral of the child, which the front door matched to the child's record, and a
    second about a friend, still waiting for the front door."""
    teacher = users["teacher.sdl"]
    about_the_child = referral_make(
        referrer=teacher,
        data=ReferralInput(
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            concern=f"Collected from school by older men again {MARKER}referral.",
            immediate_risk=False,
        ),
    )
    matched = referral_match(actor=users["screener.sdl"], referral_id=about_the_child.pk, child_id=child.id)
    waiting = referral_make(
        referrer=teacher,
        data=ReferralInput(
            first_name="Ysolde",
            last_name="Vexmoor",
            age_estimate=13,
            concern=f"{child.first_name}'s cousin, seen with the same men {MARKER}referral.",
            immediate_risk=True,
            other_children=f"{child.full_name} {MARKER}referral.",
        ),
    )
    return [matched, waiting]


def other_area_record_build(users: dict[str, User]) -> OtherAreaRecord:
    """Southdale's child's whole record, by Southdale's staff (and the partnership's police)."""
    support = users["megsupport.sdl"]
    area = support.teams.select_related("agency__area").get().agency.area
    assert area is not None
    council = Agency.objects.get(area=area, kind=AgencyKind.CHILDRENS_SERVICES)

    contact, linked_contact, link, screening = _front_door(users)
    child = Child.objects.get(pk=contact.child_id)
    episode = MissingEpisodeFactory.create(child=child, where_found=f"Bus station {MARKER}missing", recorded_by=support)
    allocation = CaseAllocationFactory.create(child=child, user=users["cseworker.sdl"], role=Role.DESIGNATED_CSE_WORKER)
    reassessment = reassessment_start(child=child, by=users["firstresponse.sdl"])

    decision = Task.objects.filter(child=child, code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING).first()
    strategy = meeting_arrange(
        child=child,
        kind=MeetingKind.STRATEGY,
        starts_at=timezone.now() + dt.timedelta(days=3),
        location=f"Southdale Civic Centre {MARKER}strategy",
        chair=users["teammanager.sdl"],
        task=decision,
        by=users["firstresponse.sdl"],
    )

    # The strategy meeting determines high risk, which releases the referral to the MEG (seed 003 2.2,
    # decision 0028): the child is on the MEG's agenda from then (decision 0034).
    meeting_hold(meeting=strategy, by=users["firstresponse.sdl"])
    meeting_outcome_record(
        meeting=strategy,
        level=RiskLevel.HIGH,
        outcome=f"Section 47 enquiries; high risk {MARKER}outcome.",
        by=users["firstresponse.sdl"],
    )
    strategy.refresh_from_db()

    # The MEG: the child is on the agenda.
    meg_demo_schedule(area=area)
    item = contextual_item_create(
        area=area,
        by=support,
        kind=ContextualKind.LOCATION,
        title=f"Flat above the bakery {MARKER}item",
        description=f"Young people taken there at night {MARKER}item.",
        children=[child],
    )
    # Last month's MEG, held with the child and the item on its agenda, minuted and approved.
    meg_records_demo_generate(area=area, seed=7)
    held = Meeting.objects.get(kind=MeetingKind.MEG, area=area, status=MeetingStatus.MINUTES_APPROVED)
    assert held.agenda_items.filter(child=child).exists(), "the child is on the MEG that was held"
    planned = meg_next(area=area, after=timezone.now())
    assert planned is not None

    safeguarding = plan_for_child_get_or_create(child=child, by=support)
    disruption = plan_for_contextual_item_get_or_create(item=item, by=support)
    support_action = action_create(
        plan=safeguarding,
        by=support,
        description=f"Direct work on safety planning {MARKER}action.",
        tactic=Tactic.SUPPORT,
        owning_agency=council,
        owner=users["cseworker.sdl"],
        due_on=timezone.localdate() + dt.timedelta(days=10),
        meeting=held,
    )
    action_update_record(
        action=support_action,
        by=users["cseworker.sdl"],
        note=f"First session held {MARKER}update.",
        status="in_progress",
    )
    licensing = Agency.objects.get(area=area, kind=AgencyKind.LICENSING)
    disruption_action = action_create(
        plan=disruption,
        by=support,
        description=f"Licensing check of the bakery {MARKER}disruption.",
        tactic=Tactic.LICENSING_CHECK,
        owning_agency=licensing,
        due_on=timezone.localdate() + dt.timedelta(days=14),
        meeting=held,
    )

    carer = carer_add(
        child=child,
        name="Orla Vexmoor",
        relationship=CarerRelationship.MOTHER,
        address=f"4 Greenbank Close {MARKER}address\nSouthdale",
        has_parental_responsibility=True,
        lives_with_child=True,
        by=support,
    )
    letters = letters_generate(meeting=planned, child=child, by=support)
    feedback_record(
        child=child,
        given_by=FeedbackFrom.PARENT,
        carer=carer,
        text=f"We got the letter {MARKER}feedback.",
        received_on=timezone.localdate(),
        by=support,
    )

    submissions, mentions, entities, candidate = _intelligence(users, area, council, child)
    vehicle = next(entity for entity in entities if entity.kind == "vehicle")
    item_entity = contextual_item_entity_link(item=item, entity=vehicle, by=users["intel"])

    challenge = challenge_raise(
        user=users["screener.sdl"],
        child_id=child.id,
        decision_summary=f"Strategy meeting not held within two days {MARKER}challenge",
        decision_kind="screening",
        challenge_text=f"The risk is high and the meeting is late {MARKER}challenge.",
        owner_user=users["firstresponse.sdl"],
        owner_team=None,
    )

    referrals = _referrals(users, child)

    own_area = users["megsupport.nfd"].teams.select_related("agency__area").get().agency.area
    assert own_area is not None
    own_meg = meg_demo_schedule(area=own_area)[0]
    own_contact = contact_create(
        recorded_by=users["screener.nfd"],
        new_child=NewChild(first_name="Ansel", last_name="Brightwater", date_of_birth=_years_ago(15)),
        details=_contact_details("Out all night three times this week."),
    )

    return OtherAreaRecord(
        area=area,
        agency=council,
        team=child.holding_team,
        child=child,
        linked_child=link.child,
        contacts=[contact, linked_contact, *(r.contact for r in referrals if r.contact is not None)],
        link=link,
        screening=screening,
        assessments=[screening.assessment, reassessment],
        tasks=list(Task.objects.filter(child__in=[child, link.child]).order_by("pk")),
        strategy_meeting=strategy,
        held_meg=held,
        planned_meg=planned,
        minutes=Minutes.objects.get(meeting=held),
        item=item,
        plans=[safeguarding, disruption],
        actions=[support_action, disruption_action],
        letters=letters,
        templates=list(LetterTemplate.objects.filter(area=area).order_by("pk")),
        submissions=submissions,
        mentions=mentions,
        entities=entities,
        candidate=candidate,
        item_entity=item_entity,
        challenge=challenge,
        referrals=referrals,
        episode=episode,
        allocation=allocation,
        children=list(Child.objects.filter(responsible_authority=area).order_by("reference")),
        own_meg=own_meg,
        own_contact=own_contact,
    )
