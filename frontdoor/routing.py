"""Routing at the front door: what happens after a contact is screened (seed 003, section 2.2).

A pure rule: no database, no clock. It turns the case status, the confirmed risk level and a few
facts about the child into the ordered tasks of the matching process map, whether the child goes
on the MEG agenda, flags, and reasons that cite the procedure. docs/decisions/0007 records where
the seed's text leaves a gap and how it is filled.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from assessments.levels import RiskLevel
from children.case_status import FORMER_PLACED_OUT_OF_AREA, FORMER_PLACED_OUT_OF_AREA_EXPLANATION, CaseStatus
from children.learning_disability import LearningDisability
from frontdoor.warning_signs import CAUSE_FOR_CONCERN_THRESHOLD, WarningSign

MIN_AGE_YEARS = 0
ADULT_AGE_YEARS = 18  # the CSE procedure (seed 003) is for children under 18
MAX_AGE_YEARS = ADULT_AGE_YEARS - 1
OVER_AGE_EXPLANATION = (
    "The CSE procedure is for children under 18, so the front door does not screen or route a young "
    "person aged 18 or over. Care leavers are supported by a separate service: refer a young person "
    "aged 18 or over to the leaving care service, or to adult safeguarding if they are an adult at risk."
)
STEP_DOWN_SUPPORT_MONTHS = 3
FORWARD_TO_SOCIAL_WORKER_HOURS = 24
UNDER_13 = 13


class TaskCode(StrEnum):
    CONTACT_POLICE_999 = "contact_police_999"
    FORWARD_TO_EARLY_HELP_PRACTITIONER = "forward_to_early_help_practitioner"
    EARLY_HELP_ASSESSMENT = "early_help_assessment"
    TRANSFER_TO_FIRST_RESPONSE_TEAM = "transfer_to_first_response_team"
    DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING = "decide_strategy_or_multi_agency_meeting"
    FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER = "forward_to_case_holding_social_worker"
    COMPLETE_RISK_ASSESSMENT = "complete_risk_assessment"
    DISCUSS_NEW_CONCERNS_WITH_TEAM_MANAGER = "discuss_new_concerns_with_team_manager"
    REQUEST_POLICE_INTELLIGENCE = "request_police_intelligence"
    REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM = "refer_to_children_and_families_assessment_team"
    REFER_TO_DESIGNATED_CSE_WORKER = "refer_to_designated_cse_worker"
    REFER_TO_MEG = "refer_to_meg"
    INFORM_PLACING_SOCIAL_WORKER = "inform_placing_social_worker"
    LIAISE_WITH_HOST_AUTHORITY = "liaise_with_host_authority"
    STEP_DOWN_TO_EARLY_HELP = "step_down_to_early_help"
    REVIEW_END_OF_EARLY_HELP_SUPPORT = "review_end_of_early_help_support"
    REFER_TO_FRONT_DOOR = "refer_to_front_door"


class Owner(StrEnum):
    CONTACT_RECORDER = "contact_recorder"
    FRONT_DOOR = "front_door"
    EARLY_HELP = "early_help"
    FIRST_RESPONSE_TEAM = "first_response_team"
    TEAM_MANAGER = "team_manager"
    CASE_HOLDING_SOCIAL_WORKER = "case_holding_social_worker"
    PLACING_AUTHORITY = "placing_authority"
    LEAD_WORKER = "lead_worker"


class Team(StrEnum):
    """Kinds of team whose worklists tasks land on (the codes of accounts.models.TeamKind)."""

    FRONT_DOOR = "front_door"
    EARLY_HELP = "early_help"
    FIRST_RESPONSE = "first_response"
    FAMILIES_ASSESSMENT = "families_assessment"
    SOCIAL_CARE = "social_care"


class Condition(StrEnum):
    """A finding that a task waits for. A task without a condition falls due now."""

    NEW_CONCERNS_IDENTIFIED = "new_concerns_identified"
    ASSESSMENT_FINDS_MEDIUM_OR_HIGH = "assessment_finds_medium_or_high"
    MULTI_AGENCY_MEETING_ARRANGED = "multi_agency_meeting_arranged"
    MEETING_CONFIRMS_MEDIUM_OR_HIGH = "meeting_confirms_medium_or_high"
    PLACING_AUTHORITY_DECIDES_TO_REFER = "placing_authority_decides_to_refer"
    NEW_OR_ESCALATING_RISK = "new_or_escalating_risk"
    ANY_NEW_CONCERN = "any_new_concern"


class Flag(StrEnum):
    FRONT_DOOR_REFERRAL_REQUIRED = "front_door_referral_required"
    CAUSE_FOR_CONCERN = "cause_for_concern"
    STEP_DOWN = "step_down"
    # Not known whether the child has a learning disability: ask, and until answered take the caution.
    LEARNING_DISABILITY_NOT_KNOWN = "learning_disability_not_known"


class DueBy(StrEnum):
    NEXT_MEG = "next_meg"


def level_fell_to_low(*, previous: RiskLevel | str | None, current: RiskLevel | str) -> bool:
    """ "In all circumstances when the risk is reduced from either high or medium to low" (procedure 2.2):
    the one rule every path that lowers a level asks (a screening, a review, a meeting's outcome, the MEG's
    "risk reduced"), so that each starts the step-down."""
    return previous in (RiskLevel.MEDIUM, RiskLevel.HIGH) and current == RiskLevel.LOW


class RoutingInputError(ValueError):
    """Input that the procedure cannot route; the message names the field and the problem."""


@dataclass(frozen=True, kw_only=True)
class RoutingInput:
    case_status: CaseStatus
    risk_level: RiskLevel
    previous_risk_level: RiskLevel | None = None
    age_years: int
    # true, false, or not known (procedure correction 7): a LearningDisability, or as JSON true, false
    # or "not_known". Kept as a LearningDisability; not known takes the same caution as yes.
    learning_disability: LearningDisability | bool | str
    immediate_risk: bool
    warning_signs: Collection[WarningSign] = frozenset()
    # A child of ours placed out of area (procedure correction 5): a duty added to the status's route.
    placed_out_of_area: bool = False

    def __post_init__(self) -> None:
        # Frozen, so normalised values are set through object.__setattr__: a caller may pass codes as
        # plain strings (JSON), and every rule below works on the enums.
        if self.case_status == FORMER_PLACED_OUT_OF_AREA:
            raise RoutingInputError(FORMER_PLACED_OUT_OF_AREA_EXPLANATION)
        object.__setattr__(self, "case_status", _choice("case_status", self.case_status, CaseStatus))
        if not isinstance(self.placed_out_of_area, bool):
            raise RoutingInputError(f"placed_out_of_area must be true or false, not {self.placed_out_of_area!r}")
        if self.placed_out_of_area and self.case_status == CaseStatus.OUT_OF_AUTHORITY:
            raise RoutingInputError(
                "placed_out_of_area is true for a child from another authority living here: placed out of area is "
                "for a child of ours placed in another authority, whose case-holding social worker liaises with "
                "the host authority; a child from another authority living here is the placing authority's "
                "(procedure 2.2)"
            )
        object.__setattr__(self, "risk_level", _choice("risk_level", self.risk_level, RiskLevel))
        if self.previous_risk_level is not None:
            previous = _choice("previous_risk_level", self.previous_risk_level, RiskLevel)
            object.__setattr__(self, "previous_risk_level", previous)
        if isinstance(self.age_years, bool) or not isinstance(self.age_years, int):
            raise RoutingInputError(f"age_years must be a whole number of years, not {self.age_years!r}")
        if self.age_years >= ADULT_AGE_YEARS:
            raise RoutingInputError(
                f"age_years is {self.age_years}, not under {ADULT_AGE_YEARS}: {OVER_AGE_EXPLANATION}"
            )
        if self.age_years < MIN_AGE_YEARS:
            raise RoutingInputError(f"age_years must be from {MIN_AGE_YEARS} to {MAX_AGE_YEARS}, not {self.age_years}")
        object.__setattr__(self, "learning_disability", _learning_disability(self.learning_disability))
        if not isinstance(self.immediate_risk, bool):
            raise RoutingInputError(f"immediate_risk must be true or false, not {self.immediate_risk!r}")
        signs = [_choice("warning_signs", sign, WarningSign) for sign in self.warning_signs]
        repeated = sorted({sign for sign in signs if signs.count(sign) > 1})
        if repeated:
            raise RoutingInputError(f"warning_signs lists {', '.join(repeated)} more than once")
        object.__setattr__(self, "warning_signs", frozenset(signs))

    @property
    def stepped_down(self) -> bool:
        return level_fell_to_low(previous=self.previous_risk_level, current=self.risk_level)

    @property
    def learning_disability_not_known(self) -> bool:
        return self.learning_disability == LearningDisability.NOT_KNOWN

    @property
    def front_door_referral_required(self) -> bool:
        # Seed 003, 2.2, note; not known whether the child has a learning disability: the same caution.
        return self.age_years < UNDER_13 or self.learning_disability != LearningDisability.NO

    @property
    def vulnerability_words(self) -> str:
        """Why rule 7 applies, in words: 'is 11, under 13 and has a learning disability'."""
        who = []
        if self.age_years < UNDER_13:
            who.append(f"is {self.age_years}, under 13")
        if self.learning_disability == LearningDisability.YES:
            who.append("has a learning disability")
        elif self.learning_disability == LearningDisability.NOT_KNOWN:
            who.append("may have a learning disability (not known: ask, and take the same caution until answered)")
        return " and ".join(who)


def _learning_disability(value: object) -> LearningDisability:
    if isinstance(value, LearningDisability):
        return value
    if isinstance(value, bool):
        return LearningDisability.YES if value else LearningDisability.NO
    if value == LearningDisability.NOT_KNOWN.value:
        return LearningDisability.NOT_KNOWN
    raise RoutingInputError(f'learning_disability must be true, false or "not_known", not {value!r}')


ChoiceT = TypeVar("ChoiceT", CaseStatus, RiskLevel, WarningSign)


def _choice(name: str, value: object, choices: type[ChoiceT]) -> ChoiceT:
    allowed = [str(choice.value) for choice in choices]
    if not isinstance(value, str) or value not in allowed:
        raise RoutingInputError(f"{name} must be one of {', '.join(allowed)}; {value!r} is not")
    return choices(value)


@dataclass(frozen=True, kw_only=True)
class Task:
    code: TaskCode
    owner: Owner
    team: Team | None
    reason: str
    condition: Condition | None = None
    due_hours: int | None = None
    due_by: DueBy | None = None
    support_months: int | None = None


@dataclass(frozen=True, kw_only=True)
class RoutingDecision:
    tasks: tuple[Task, ...]
    meg_agenda: bool
    meg_agenda_condition: Condition | None
    flags: frozenset[Flag]
    reasons: tuple[str, ...] = field(default=())

    @property
    def task_codes(self) -> list[TaskCode]:
        return [task.code for task in self.tasks]


def route(facts: RoutingInput) -> RoutingDecision:
    tasks: list[Task] = []
    if facts.immediate_risk:
        tasks.append(
            Task(
                code=TaskCode.CONTACT_POLICE_999,
                owner=Owner.CONTACT_RECORDER,
                team=None,
                due_hours=0,
                reason="The child is at immediate risk: contact the police on 999 first (procedure 2.2).",
            )
        )
    tasks.extend(_STATUS_ROUTES[facts.case_status](facts))
    if facts.placed_out_of_area:
        tasks.append(_liaise_with_host_authority())
    if facts.stepped_down:
        tasks.append(_step_down(facts))
    if _left_with_early_help(facts):
        tasks.append(_refer_back_to_front_door(facts))

    meg_referral = next((task for task in tasks if task.code == TaskCode.REFER_TO_MEG), None)
    return RoutingDecision(
        tasks=tuple(tasks),
        meg_agenda=meg_referral is not None,
        meg_agenda_condition=meg_referral.condition if meg_referral else None,
        flags=_flags(facts),
        reasons=tuple(_reasons(facts, meg_referral)),
    )


def reassessment_tasks(facts: RoutingInput) -> tuple[Task, ...]:
    """What a reassessment of a case already routed sets in motion, when its level changes band.

    A fall from medium or high to low steps the case down (rule 6) and leaves the lead worker to
    refer back any new or escalating risk (rule 8). A rise to medium or high from low or unassessed
    brings the referrals that every medium or high risk case needs: the Designated CSE worker and
    the MEG (procedure 2.2 and 2.4). Otherwise the tasks already routed stand.
    """
    if facts.stepped_down:
        return (_step_down(facts), _refer_back_to_front_door(facts))
    previous_band_high = facts.previous_risk_level in (RiskLevel.MEDIUM, RiskLevel.HIGH)
    if facts.risk_level.is_medium_or_high and not previous_band_high:
        team = _case_holding_team(facts)
        owner = (
            Owner.PLACING_AUTHORITY
            if facts.case_status == CaseStatus.OUT_OF_AUTHORITY
            else Owner.CASE_HOLDING_SOCIAL_WORKER
        )
        return (
            _refer_to_designated_cse_worker(
                owner,
                team,
                None,
                f"The reassessment raised the level to {facts.risk_level}: the social worker refers to the "
                "Designated CSE worker (procedure 2.2).",
            ),
            _refer_to_meg(owner, team, "The MEG oversees every medium and high risk case (procedure 2.4)."),
        )
    return ()


def meeting_outcome_tasks(facts: RoutingInput) -> tuple[Task, ...]:
    """What a strategy or multi-agency meeting's determined level sets in motion, beyond the tasks that
    waited for it (which the level releases or cancels).

    A new case the meeting determines low is routed as a low new case: "if low risk the case will be
    transferred to Early Help Services for an Early Help Assessment" (procedure 2.2, process map 3),
    with the step-down when the level fell. Any other case changes band as a reassessment does.
    """
    if facts.case_status == CaseStatus.NEW_CASE and facts.risk_level == RiskLevel.LOW:
        return tuple(task for task in route(facts).tasks if task.code != TaskCode.CONTACT_POLICE_999)
    return reassessment_tasks(facts)


# --- Process map 1: open to Early Help ------------------------------------------------------------


def _open_early_help(facts: RoutingInput) -> list[Task]:
    if facts.risk_level == RiskLevel.LOW:
        return [
            Task(
                code=TaskCode.FORWARD_TO_EARLY_HELP_PRACTITIONER,
                owner=Owner.FRONT_DOOR,
                team=Team.FRONT_DOOR,
                reason="Open to Early Help at low risk: the case stays with Early Help and goes to the "
                "relevant Early Help practitioner (procedure 2.2, process map 1).",
            )
        ]
    return [
        _transfer_to_first_response("Open to Early Help at medium or high risk", "process map 1"),
        _decide_meeting_by_first_response("process map 1"),
        _refer_to_meg(
            Owner.CASE_HOLDING_SOCIAL_WORKER,
            Team.FIRST_RESPONSE,
            "The MEG oversees every medium and high risk case (procedure 2.4).",
        ),
    ]


# --- Process map 2: open to Children's Social Care ------------------------------------------------


def _open_social_care(facts: RoutingInput) -> list[Task]:
    tasks = [
        Task(
            code=TaskCode.FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER,
            owner=Owner.FRONT_DOOR,
            team=Team.FRONT_DOOR,
            due_hours=FORWARD_TO_SOCIAL_WORKER_HOURS,
            reason="Open to Social Care: the front door forwards the contact to the case-holding social worker "
            "within 24 hours (procedure 2.2, process map 2).",
        ),
        Task(
            code=TaskCode.COMPLETE_RISK_ASSESSMENT,
            owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
            team=Team.SOCIAL_CARE,
            reason="The social worker completes the CSE risk assessment to determine the level of risk "
            "(procedure 2.2).",
        ),
        Task(
            code=TaskCode.DISCUSS_NEW_CONCERNS_WITH_TEAM_MANAGER,
            owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
            team=Team.SOCIAL_CARE,
            condition=Condition.NEW_CONCERNS_IDENTIFIED,
            reason="If the assessment identifies new concerns, the social worker discusses them with the "
            "team manager (procedure 2.2).",
        ),
        Task(
            code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
            owner=Owner.TEAM_MANAGER,
            team=Team.SOCIAL_CARE,
            condition=Condition.NEW_CONCERNS_IDENTIFIED,
            reason="The team manager decides whether the threshold for a strategy meeting (child protection "
            "procedures) or another multi-agency meeting is met (procedure 2.2).",
        ),
        Task(
            code=TaskCode.REQUEST_POLICE_INTELLIGENCE,
            owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
            team=Team.SOCIAL_CARE,
            condition=Condition.MULTI_AGENCY_MEETING_ARRANGED,
            reason="If a multi-agency meeting is arranged, the social worker obtains police intelligence "
            "(procedure 2.2).",
        ),
    ]
    # "the social worker will complete the CSE risk assessment form to determine the level of risk ... If
    # medium or high risk the Social Worker must refer": the social worker's assessment decides the
    # referrals, whatever level the front door screened, so they wait for it at every screened level.
    assessed = Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH
    tasks += [
        _refer_to_designated_cse_worker(
            Owner.CASE_HOLDING_SOCIAL_WORKER,
            Team.SOCIAL_CARE,
            assessed,
            "If the social worker's risk assessment finds medium or high risk, the social worker refers to the "
            "Designated CSE worker (procedure 2.2).",
        ),
        _refer_to_meg(
            Owner.CASE_HOLDING_SOCIAL_WORKER,
            Team.SOCIAL_CARE,
            "If the social worker's risk assessment finds medium or high risk, the social worker refers to the "
            "MEG (procedure 2.2 and 2.4).",
            condition=assessed,
        ),
    ]
    return tasks


# --- Process map 3: a new case ---------------------------------------------------------------------


def _new_case(facts: RoutingInput) -> list[Task]:
    if facts.risk_level == RiskLevel.LOW:
        return [
            Task(
                code=TaskCode.EARLY_HELP_ASSESSMENT,
                owner=Owner.EARLY_HELP,
                team=Team.EARLY_HELP,
                reason="A new case at low risk is transferred to Early Help for an Early Help Assessment "
                "(procedure 2.2, process map 3).",
            )
        ]
    confirmed = Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH
    return [
        _transfer_to_first_response("A new case at medium or high risk", "process map 3"),
        _decide_meeting_by_first_response("process map 3"),
        Task(
            code=TaskCode.REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM,
            owner=Owner.FIRST_RESPONSE_TEAM,
            team=Team.FIRST_RESPONSE,
            condition=confirmed,
            reason="If the meeting confirms medium or high risk, the case is referred to the Children and "
            "Families Assessment Team (procedure 2.2).",
        ),
        _refer_to_designated_cse_worker(
            Owner.CASE_HOLDING_SOCIAL_WORKER,
            Team.FAMILIES_ASSESSMENT,
            confirmed,
            "If the meeting confirms medium or high risk, the case is referred to the Designated CSE worker "
            "(procedure 2.2).",
        ),
        _refer_to_meg(
            Owner.CASE_HOLDING_SOCIAL_WORKER,
            Team.FAMILIES_ASSESSMENT,
            "All medium and high risk cases are referred to the MEG, once the meeting confirms the level "
            "(procedure 2.2).",
            condition=confirmed,
        ),
    ]


# --- Process map 4: a child from another authority living here ------------------------------------


def _out_of_authority(facts: RoutingInput) -> list[Task]:
    return [
        Task(
            code=TaskCode.INFORM_PLACING_SOCIAL_WORKER,
            owner=Owner.FRONT_DOOR,
            team=Team.FRONT_DOOR,
            reason="A child from another authority living here: the front door informs the child's placing "
            "social worker (procedure 2.2, process map 4).",
        ),
        _refer_to_designated_cse_worker(
            Owner.PLACING_AUTHORITY,
            None,
            Condition.PLACING_AUTHORITY_DECIDES_TO_REFER,
            "The placing authority can refer to the Designated CSE worker (procedure 2.2).",
        ),
        _refer_to_meg(
            Owner.FRONT_DOOR,
            Team.FRONT_DOOR,
            "A referral is made to the MEG for a child from another authority, whatever the level (procedure 2.2).",
        ),
    ]


def _liaise_with_host_authority() -> Task:
    """ "Likewise, if a Darlington child is placed out of area, the case holding social worker will liaise
    with the host Local Authority" (procedure 2.2): added to whatever the status and the level route. The
    child is placed by Children's Social Care, so the liaison is a social care team's (decision 0034)."""
    return Task(
        code=TaskCode.LIAISE_WITH_HOST_AUTHORITY,
        owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
        team=Team.SOCIAL_CARE,
        reason="Our child placed out of area: the case-holding social worker liaises with the host "
        "authority (procedure 2.2).",
    )


_STATUS_ROUTES = {
    CaseStatus.OPEN_EARLY_HELP: _open_early_help,
    CaseStatus.OPEN_SOCIAL_CARE: _open_social_care,
    CaseStatus.NEW_CASE: _new_case,
    CaseStatus.OUT_OF_AUTHORITY: _out_of_authority,
}


# --- Tasks shared by several maps ------------------------------------------------------------------


def _transfer_to_first_response(situation: str, process_map: str) -> Task:
    return Task(
        code=TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM,
        owner=Owner.FRONT_DOOR,
        team=Team.FRONT_DOOR,
        reason=f"{situation}: the case is transferred to the Children's First Response Team "
        f"(procedure 2.2, {process_map}).",
    )


def _decide_meeting_by_first_response(process_map: str) -> Task:
    return Task(
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.FIRST_RESPONSE_TEAM,
        team=Team.FIRST_RESPONSE,
        reason="The Children's First Response Team decides whether a strategy meeting or another multi-agency "
        f"meeting is held (procedure 2.2, {process_map}).",
    )


def _refer_to_designated_cse_worker(owner: Owner, team: Team | None, condition: Condition | None, reason: str) -> Task:
    return Task(
        code=TaskCode.REFER_TO_DESIGNATED_CSE_WORKER, owner=owner, team=team, condition=condition, reason=reason
    )


def _refer_to_meg(owner: Owner, team: Team | None, reason: str, *, condition: Condition | None = None) -> Task:
    return Task(
        code=TaskCode.REFER_TO_MEG,
        owner=owner,
        team=team,
        condition=condition,
        due_by=DueBy.NEXT_MEG,
        reason=f"{reason} The referral goes through the MEG business support officer before the next meeting.",
    )


def _case_holding_team(facts: RoutingInput) -> Team | None:
    return {
        CaseStatus.OPEN_EARLY_HELP: Team.FIRST_RESPONSE,
        CaseStatus.OPEN_SOCIAL_CARE: Team.SOCIAL_CARE,
        CaseStatus.NEW_CASE: Team.FAMILIES_ASSESSMENT,
        CaseStatus.OUT_OF_AUTHORITY: None,
    }[facts.case_status]


def _step_down(facts: RoutingInput) -> Task:
    owner = (
        Owner.PLACING_AUTHORITY
        if facts.case_status == CaseStatus.OUT_OF_AUTHORITY
        else Owner.CASE_HOLDING_SOCIAL_WORKER
    )
    return Task(
        code=TaskCode.STEP_DOWN_TO_EARLY_HELP,
        owner=owner,
        team=_case_holding_team(facts),
        support_months=STEP_DOWN_SUPPORT_MONTHS,
        reason=f"Risk has fallen from {facts.previous_risk_level} to low: the case is stepped down to, or worked "
        "alongside, an Early Help practitioner who gives low-level support for up to 3 months (procedure 2.2).",
    )


def _left_with_early_help(facts: RoutingInput) -> bool:
    if facts.risk_level != RiskLevel.LOW:
        return False
    return facts.case_status in (CaseStatus.OPEN_EARLY_HELP, CaseStatus.NEW_CASE) or facts.stepped_down


def _refer_back_to_front_door(facts: RoutingInput) -> Task:
    if facts.front_door_referral_required:
        return Task(
            code=TaskCode.REFER_TO_FRONT_DOOR,
            owner=Owner.LEAD_WORKER,
            team=Team.EARLY_HELP,
            condition=Condition.ANY_NEW_CONCERN,
            reason=f"The child {facts.vulnerability_words}: the lead worker refers any new concern to the front "
            "door, and the case cannot be closed by a single agency (procedure 2.2, note).",
        )
    return Task(
        code=TaskCode.REFER_TO_FRONT_DOOR,
        owner=Owner.LEAD_WORKER,
        team=Team.EARLY_HELP,
        condition=Condition.NEW_OR_ESCALATING_RISK,
        reason="Low risk cases are managed through Early Help; the lead worker refers any new or escalating risk "
        "back to the front door (procedure 2.4).",
    )


# --- Flags and reasons -----------------------------------------------------------------------------


def _flags(facts: RoutingInput) -> frozenset[Flag]:
    flags = set()
    if facts.front_door_referral_required:
        flags.add(Flag.FRONT_DOOR_REFERRAL_REQUIRED)
    if len(facts.warning_signs) >= CAUSE_FOR_CONCERN_THRESHOLD:
        flags.add(Flag.CAUSE_FOR_CONCERN)
    if facts.stepped_down:
        flags.add(Flag.STEP_DOWN)
    if facts.learning_disability_not_known:
        flags.add(Flag.LEARNING_DISABILITY_NOT_KNOWN)
    return frozenset(flags)


def _reasons(facts: RoutingInput, meg_referral: Task | None) -> Iterable[str]:
    status = CaseStatus(facts.case_status).label
    yield f"Case status: {status}; confirmed risk level: {facts.risk_level}."
    if facts.immediate_risk:
        yield "Immediate risk: the first action is to contact the police on 999 (procedure 2.2)."
    if facts.placed_out_of_area:
        yield (
            "Placed out of area: the case-holding social worker liaises with the host authority, as well as "
            "everything the case status routes (procedure 2.2)."
        )
    if facts.front_door_referral_required:
        yield (
            f"The child {facts.vulnerability_words}: any CSE concern must be referred to the front door and cannot "
            "be closed by a single agency (procedure 2.2, note)."
        )
    if len(facts.warning_signs) >= CAUSE_FOR_CONCERN_THRESHOLD:
        yield (
            f"Cause for concern: {len(facts.warning_signs)} warning signs seen; three or more could be cause "
            "for concern (procedure 3.3)."
        )
    if facts.stepped_down:
        yield f"Step-down: risk fell from {facts.previous_risk_level} to low (procedure 2.2)."
    if meg_referral is None:
        yield "Not referred to the MEG: it oversees medium and high risk cases (procedure 2.4)."
    elif meg_referral.condition == Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH:
        yield (
            "The MEG referral waits for the social worker's risk assessment: the child joins the MEG if it finds "
            "medium or high risk (procedure 2.2)."
        )
    elif meg_referral.condition:
        yield "The MEG referral waits for the meeting to confirm medium or high risk (procedure 2.2)."
    else:
        yield "The child goes on the next MEG agenda (procedure 2.4)."
