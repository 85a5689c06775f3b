"""The front door's routing rule, tested against the procedure, not against the code.

Every expectation below is written from, in this order of authority:

1. seed 003 (Child Sexual Exploitation Procedure and Practice Guidance), sections 2.2, 2.4, 3.3;
2. DESIGN.md, "Rules from the procedure", rules 1-12 and the two tables under rule 5;
3. docs/decisions/0007-routing-along-the-process-maps.md, which fills the seed's gaps (owners'
   teams, conditions, the MEG, step-down, referral back to the front door, flags, bad input).

The oracle is a set of tables that read like the procedure; the only "logic" is the handful of
sentences that apply in every status (999 first, step-down, back to the front door, flags).
It is then compared with `route()` over every combination of the categorical inputs and all 512
sets of warning signs, checked for the invariants the procedure states (Hypothesis), and fed bad
input.
"""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from frontdoor.routing import (
    Condition,
    DueBy,
    Flag,
    Owner,
    RoutingDecision,
    RoutingInput,
    RoutingInputError,
    TaskCode,
    Team,
    route,
)
from frontdoor.warning_signs import WarningSign

# ---------------------------------------------------------------------------------------------
# The oracle
# ---------------------------------------------------------------------------------------------


class Expected(NamedTuple):
    """One expected task: everything a task carries except its free-text reason."""

    code: TaskCode
    owner: Owner
    team: Team | None
    condition: Condition | None = None
    due_hours: int | None = None
    due_by: DueBy | None = None
    support_months: int | None = None


LOW = "low"
MEDIUM_OR_HIGH = "medium or high"

# Shorthands, so that the table below reads like the procedure.
EH_OPEN = CaseStatus.OPEN_EARLY_HELP
SC_OPEN = CaseStatus.OPEN_SOCIAL_CARE
NEW = CaseStatus.NEW_CASE
FROM_ELSEWHERE = CaseStatus.OUT_OF_AUTHORITY

SOCIAL_WORKER = Owner.CASE_HOLDING_SOCIAL_WORKER
NEW_CONCERNS = Condition.NEW_CONCERNS_IDENTIFIED
MULTI_AGENCY_MEETING = Condition.MULTI_AGENCY_MEETING_ARRANGED
MEETING_CONFIRMS = Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH
ASSESSED_MEDIUM_OR_HIGH = Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH
PLACING_LA_DECIDES = Condition.PLACING_AUTHORITY_DECIDES_TO_REFER


def meg_referral(owner: Owner, team: Team | None, condition: Condition | None = None) -> Expected:
    """Rule 5 task table: `refer_to_meg` is due "before the next MEG"."""
    return Expected(TaskCode.REFER_TO_MEG, owner, team, condition, due_by=DueBy.NEXT_MEG)


# Seed 003, 2.2 ("Open case to Social Care", both levels):
#   "The CAP will forward to the case holding social worker with 24 hours, the social worker will
#   complete the CSE risk assessment form ... If new concerns are identified the social worker will
#   discuss with his/her team manager to establish if it meets the threshold for a strategy meeting
#   or other multi-agency meeting ... If a multi-agency meeting is to be arranged the Social Worker
#   must contact Durham Constabulary to obtain Police intelligence. If medium or high risk the Social
#   Worker must refer to the Designated CSE worker and Darlington Safeguarding Partnership Missing and
#   Exploited Children Group."
# The level that decides the referrals is the one the social worker's assessment determines, not the
# one the front door screened: the referrals wait for that assessment at every screened level (0028).
# 0007: the case-holding social worker sits "in a social care team otherwise".
SOCIAL_CARE_MAP = (
    Expected(TaskCode.FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER, Owner.FRONT_DOOR, Team.FRONT_DOOR, due_hours=24),
    Expected(TaskCode.COMPLETE_RISK_ASSESSMENT, SOCIAL_WORKER, Team.SOCIAL_CARE),
    Expected(TaskCode.DISCUSS_NEW_CONCERNS_WITH_TEAM_MANAGER, SOCIAL_WORKER, Team.SOCIAL_CARE, NEW_CONCERNS),
    Expected(TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING, Owner.TEAM_MANAGER, Team.SOCIAL_CARE, NEW_CONCERNS),
    Expected(TaskCode.REQUEST_POLICE_INTELLIGENCE, SOCIAL_WORKER, Team.SOCIAL_CARE, MULTI_AGENCY_MEETING),
    Expected(TaskCode.REFER_TO_DESIGNATED_CSE_WORKER, SOCIAL_WORKER, Team.SOCIAL_CARE, ASSESSED_MEDIUM_OR_HIGH),
    meg_referral(SOCIAL_WORKER, Team.SOCIAL_CARE, ASSESSED_MEDIUM_OR_HIGH),
)

# Seed 003, 2.2 ("If a child is from out of authority, living in Darlington", any level):
#   "The CAP will inform the child's placing social worker. The placing Local Authority can make a
#   referral to the Designated CSE Worker and a referral should be made to the ... (MEG)."
# 0007: the MEG referral is made by the front door "on behalf of the placing authority"; the placing
# authority's tasks "belong to no team here".
OUT_OF_AUTHORITY_MAP = (
    Expected(TaskCode.INFORM_PLACING_SOCIAL_WORKER, Owner.FRONT_DOOR, Team.FRONT_DOOR),
    Expected(TaskCode.REFER_TO_DESIGNATED_CSE_WORKER, Owner.PLACING_AUTHORITY, None, PLACING_LA_DECIDES),
    meg_referral(Owner.FRONT_DOOR, Team.FRONT_DOOR),
)

# The process maps: (case status, low / medium or high) -> the ordered tasks of that map.
PROCESS_MAPS: dict[tuple[CaseStatus, str], tuple[Expected, ...]] = {
    # Map 1. "if low risk the case will remain open to Early Help Services and forwarded to the
    # relevant Early Help practitioner."
    (EH_OPEN, LOW): (Expected(TaskCode.FORWARD_TO_EARLY_HELP_PRACTITIONER, Owner.FRONT_DOOR, Team.FRONT_DOOR),),
    # Map 1. "If medium or high risk the case will be transferred to the Children's First Response
    # Team to determine whether a strategy or other multi-agency meeting should be arranged."
    # Rule 9: the MEG oversees all medium and high risk cases; 0007: the case-holding social worker
    # sits "in the Children's First Response Team for a case open to Early Help at medium/high".
    (EH_OPEN, MEDIUM_OR_HIGH): (
        Expected(TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM, Owner.FRONT_DOOR, Team.FRONT_DOOR),
        Expected(TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING, Owner.FIRST_RESPONSE_TEAM, Team.FIRST_RESPONSE),
        meg_referral(SOCIAL_WORKER, Team.FIRST_RESPONSE),
    ),
    # Map 2, at either screened level: the Social Care steps above, whose referrals wait for the
    # social worker's assessment.
    (SC_OPEN, LOW): SOCIAL_CARE_MAP,
    (SC_OPEN, MEDIUM_OR_HIGH): SOCIAL_CARE_MAP,
    # Map 3. "if low risk the case will be transferred to Early Help Services for an Early Help
    # Assessment (EHA)."
    (NEW, LOW): (Expected(TaskCode.EARLY_HELP_ASSESSMENT, Owner.EARLY_HELP, Team.EARLY_HELP),),
    # Map 3. "If medium or high the case will be transferred to the Children's First Response Team
    # to determine whether a strategy or other multi-agency meeting should be arranged. If a
    # Strategy or multi agency meeting determines the level of risk is medium or high the case
    # should be referred to the Children and Families Assessment Team and the Designated CSE worker.
    # All medium and high risk cases should be referred to the ... Missing and Exploited Group."
    # 0007: after the meeting the social worker sits in the Children and Families Assessment Team.
    (NEW, MEDIUM_OR_HIGH): (
        Expected(TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM, Owner.FRONT_DOOR, Team.FRONT_DOOR),
        Expected(TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING, Owner.FIRST_RESPONSE_TEAM, Team.FIRST_RESPONSE),
        Expected(
            TaskCode.REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM,
            Owner.FIRST_RESPONSE_TEAM,
            Team.FIRST_RESPONSE,
            MEETING_CONFIRMS,
        ),
        Expected(TaskCode.REFER_TO_DESIGNATED_CSE_WORKER, SOCIAL_WORKER, Team.FAMILIES_ASSESSMENT, MEETING_CONFIRMS),
        meg_referral(SOCIAL_WORKER, Team.FAMILIES_ASSESSMENT, MEETING_CONFIRMS),
    ),
    # Map 4: the same at every level.
    (FROM_ELSEWHERE, LOW): OUT_OF_AUTHORITY_MAP,
    (FROM_ELSEWHERE, MEDIUM_OR_HIGH): OUT_OF_AUTHORITY_MAP,
}

# Seed 003, 2.2: "Likewise, if a Darlington child is placed out of area, the case holding social worker
# will liaise with the host Local Authority." Procedure correction 5 (0034): a duty ADDED to whatever the
# status and the level route, right after the process map's own tasks; it drops none of them (the
# 24-hour forward, the assessment, the referrals). The child is placed by Children's Social Care, so
# the liaison lands on a social care team. "Likewise" mirrors the child from out of authority living in
# Darlington: a child cannot be both, so that status refuses it.
LIAISE_WITH_HOST_AUTHORITY = Expected(TaskCode.LIAISE_WITH_HOST_AUTHORITY, SOCIAL_WORKER, Team.SOCIAL_CARE)
MAY_BE_PLACED_AWAY = {EH_OPEN, SC_OPEN, NEW}

# Rule 9 / 0007 "MEG": (on the MEG agenda?, the condition it waits for).
# "The MEG will have management oversight of all medium and high risk cases"; a child from
# another authority is always referred; a new case waits for the meeting to confirm the level; a
# case open to Social Care waits for the social worker's assessment to find medium or high.
MEG_AGENDA: dict[tuple[CaseStatus, str], tuple[bool, Condition | None]] = {
    (EH_OPEN, LOW): (False, None),
    (EH_OPEN, MEDIUM_OR_HIGH): (True, None),
    (SC_OPEN, LOW): (True, ASSESSED_MEDIUM_OR_HIGH),
    (SC_OPEN, MEDIUM_OR_HIGH): (True, ASSESSED_MEDIUM_OR_HIGH),
    (NEW, LOW): (False, None),
    (NEW, MEDIUM_OR_HIGH): (True, MEETING_CONFIRMS),
    (FROM_ELSEWHERE, LOW): (True, None),
    (FROM_ELSEWHERE, MEDIUM_OR_HIGH): (True, None),
}

# Rules 7 and 8 / 0007: the case is "left with an Early Help lead worker at low risk" in these maps
# (and after any step-down, whatever the status).
LEFT_WITH_EARLY_HELP_LEAD_WORKER = {(EH_OPEN, LOW), (NEW, LOW)}

# Seed 2.2: "If a child is at immediate risk, you must contact the Police in the first instance on
# 999." 0007: owner "whoever records the contact; due at once, 0 hours" (a person: no team).
CONTACT_POLICE_999 = Expected(TaskCode.CONTACT_POLICE_999, Owner.CONTACT_RECORDER, None, due_hours=0)

# Seed 2.2: "In all circumstances when the risk is reduced from either high or medium to low, the
# case holding Social Worker should always ensure that the case is either stepped down or worked
# alongside Social Care to ensure additional low level support is offered by an Early Help
# practitioner for a period of up to 3 months".
#
# Who is "the case holding Social Worker" is a gap: 0007 names the case-holding social worker and
# places them "in the Children's First Response Team for a case open to Early Help at medium/high,
# in the Children and Families Assessment Team for a new case after the meeting, and in a social
# care team otherwise". A step-down happens because the case WAS medium or high, so the one who
# holds it is the social worker of the medium/high map. For a child from another authority the
# case-holding social worker is the child's placing social worker (seed 2.2, and its mirror,
# "the case holding social worker will liaise with the host Local Authority"), whose tasks
# "belong to no team here" (0007). (0007 does not spell this reading out; it should.)
CASE_HOLDING_SOCIAL_WORKER_AT_MEDIUM_OR_HIGH: dict[CaseStatus, tuple[Owner, Team | None]] = {
    EH_OPEN: (SOCIAL_WORKER, Team.FIRST_RESPONSE),
    SC_OPEN: (SOCIAL_WORKER, Team.SOCIAL_CARE),
    NEW: (SOCIAL_WORKER, Team.FAMILIES_ASSESSMENT),
    FROM_ELSEWHERE: (Owner.PLACING_AUTHORITY, None),
}


def step_down_to_early_help(case_status: CaseStatus) -> Expected:
    owner, team = CASE_HOLDING_SOCIAL_WORKER_AT_MEDIUM_OR_HIGH[case_status]
    return Expected(TaskCode.STEP_DOWN_TO_EARLY_HELP, owner, team, support_months=3)


def refer_to_front_door(under_13_or_learning_disability: bool) -> Expected:
    """Seed 2.4: "If at any point a low risk case identifies a new or escalating risk the lead
    worker e.g. Early Help practitioner, teacher must refer to the CAP". Seed 2.2 note: "where a
    child is under the age of 13 years, and /or has learning disability and there are concerns
    regarding sexual exploitation, a referral to Children's Access Point is required" (any concern).
    0007: the case is left "with an Early Help lead worker", so the task lands on Early Help."""
    condition = Condition.ANY_NEW_CONCERN if under_13_or_learning_disability else Condition.NEW_OR_ESCALATING_RISK
    return Expected(TaskCode.REFER_TO_FRONT_DOOR, Owner.LEAD_WORKER, Team.EARLY_HELP, condition)


def band(level: RiskLevel) -> str:
    return LOW if level == RiskLevel.LOW else MEDIUM_OR_HIGH


def is_step_down(risk_level: RiskLevel, previous: RiskLevel | None) -> bool:
    """Seed 2.2: "when the risk is reduced from either high or medium to low"."""
    return previous in (RiskLevel.MEDIUM, RiskLevel.HIGH) and risk_level == RiskLevel.LOW


NOT_KNOWN = "not_known"  # procedure correction 7: whether the child has a learning disability is not known


def vulnerable(age_years: int, learning_disability: bool | str) -> bool:
    """Seed 2.2 note: "under the age of 13 years, and /or has learning disability". Correction 7: not
    known stays not known and is treated with the same caution as a learning disability."""
    return age_years < 13 or learning_disability is True or learning_disability == NOT_KNOWN


class ExpectedDecision(NamedTuple):
    tasks: tuple[Expected, ...]
    meg_agenda: bool
    meg_agenda_condition: Condition | None
    flags: frozenset[Flag]


def expected_decision(
    *,
    case_status: CaseStatus,
    risk_level: RiskLevel,
    previous_risk_level: RiskLevel | None,
    age_years: int,
    learning_disability: bool | str,
    immediate_risk: bool,
    warning_signs: frozenset[WarningSign],
    placed_out_of_area: bool = False,
) -> ExpectedDecision:
    key = (case_status, band(risk_level))
    step_down = is_step_down(risk_level, previous_risk_level)
    child_is_vulnerable = vulnerable(age_years, learning_disability)

    tasks = (
        ((CONTACT_POLICE_999,) if immediate_risk else ())
        + PROCESS_MAPS[key]
        + ((LIAISE_WITH_HOST_AUTHORITY,) if placed_out_of_area else ())
        + ((step_down_to_early_help(case_status),) if step_down else ())
        + ((refer_to_front_door(child_is_vulnerable),) if key in LEFT_WITH_EARLY_HELP_LEAD_WORKER or step_down else ())
    )
    on_agenda, agenda_condition = MEG_AGENDA[key]
    flags = (
        ({Flag.FRONT_DOOR_REFERRAL_REQUIRED} if child_is_vulnerable else set())
        | (  # seed 3.3: "three or more of the following warning signs"
            {Flag.CAUSE_FOR_CONCERN} if len(warning_signs) >= 3 else set()
        )
        | ({Flag.STEP_DOWN} if step_down else set())
        | ({Flag.LEARNING_DISABILITY_NOT_KNOWN} if learning_disability == NOT_KNOWN else set())
    )
    return ExpectedDecision(tasks, on_agenda, agenda_condition, frozenset(flags))


def actual_tasks(decision: RoutingDecision) -> tuple[Expected, ...]:
    return tuple(
        Expected(t.code, t.owner, t.team, t.condition, t.due_hours, t.due_by, t.support_months) for t in decision.tasks
    )


# ---------------------------------------------------------------------------------------------
# Sanity of the oracle itself (it must say what the procedure says, before it judges anything)
# ---------------------------------------------------------------------------------------------


def test_the_oracle_covers_every_status_at_both_bands():
    keys = {(status, b) for status in CaseStatus for b in (LOW, MEDIUM_OR_HIGH)}
    assert set(PROCESS_MAPS) == keys
    assert set(MEG_AGENDA) == keys


def test_the_oracle_refers_to_the_meg_exactly_where_it_puts_the_child_on_the_agenda():
    for key, tasks in PROCESS_MAPS.items():
        refers = [t for t in tasks if t.code == TaskCode.REFER_TO_MEG]
        on_agenda, condition = MEG_AGENDA[key]
        assert bool(refers) == on_agenda, key
        if refers:
            assert refers[0].condition == condition, key


# ---------------------------------------------------------------------------------------------
# Full enumeration
# ---------------------------------------------------------------------------------------------

ALL_SIGN_SETS: tuple[frozenset[WarningSign], ...] = tuple(
    frozenset(combo) for r in range(len(WarningSign) + 1) for combo in itertools.combinations(WarningSign, r)
)
# Either side of 13 (rule 7) and up to 17, the oldest the procedure is for: 8 ages, so that the
# personal combinations deal evenly into the hands of warning signs below.
AGES = (0, 5, 12, 13, 14, 15, 16, 17)
PREVIOUS_LEVELS = (None, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)

NUMBER_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def reason_problems(facts: dict[str, Any], decision: RoutingDecision) -> list[str]:
    """What is wrong with the decision's reasons (empty when they are as the procedure needs)."""
    problems = []
    reasons = decision.reasons
    if not reasons or not all(isinstance(r, str) and r.strip() for r in reasons):
        problems.append(f"reasons must be non-empty strings: {reasons!r}")
    for task in decision.tasks:
        if not (isinstance(task.reason, str) and "procedure" in task.reason.lower()):
            problems.append(f"{task.code}: reason does not cite the procedure: {task.reason!r}")
    text = " ".join(r for r in reasons if isinstance(r, str)).lower()
    if facts["immediate_risk"] and "999" not in text:
        problems.append("immediate risk, but the reasons do not mention 999")
    if facts["age_years"] < 13 and "under 13" not in text:
        problems.append("age under 13, but the reasons do not say 'under 13'")
    if facts["learning_disability"] is True and "has a learning disability" not in text:
        problems.append("learning disability, but the reasons do not say so")
    if facts["learning_disability"] == NOT_KNOWN and not ("learning disability" in text and "not known" in text):
        problems.append("learning disability not known, but the reasons do not say 'not known'")
    if facts.get("placed_out_of_area") and "host authority" not in text:
        problems.append("placed out of area, but the reasons do not mention the host authority")
    if facts["learning_disability"] is False and "learning disability" in text:
        problems.append("no learning disability, but the reasons speak of one")
    n = len(facts["warning_signs"])
    if n >= 3 and not any(
        phrase in text
        for phrase in ("three or more", "3 or more", f"{n} warning sign", f"{NUMBER_WORDS[n]} warning sign")
    ):
        problems.append(f"{n} warning signs, but the reasons do not say 'three or more' or {n}")
    return problems


def decision_problems(facts: dict[str, Any], decision: RoutingDecision) -> list[str]:
    expected = expected_decision(**facts)
    problems = []
    got_tasks = actual_tasks(decision)
    if got_tasks != expected.tasks:
        problems.append(f"tasks:\n    expected {list(expected.tasks)}\n    actual   {list(got_tasks)}")
    if decision.meg_agenda != expected.meg_agenda:
        problems.append(f"meg_agenda: expected {expected.meg_agenda}, actual {decision.meg_agenda}")
    if decision.meg_agenda_condition != expected.meg_agenda_condition:
        problems.append(
            f"meg_agenda_condition: expected {expected.meg_agenda_condition}, actual {decision.meg_agenda_condition}"
        )
    if frozenset(decision.flags) != expected.flags:
        problems.append(f"flags: expected {sorted(expected.flags)}, actual {sorted(decision.flags)}")
    return problems + reason_problems(facts, decision)


# Status x level x previous level x placed out of area (not for a child from another authority):
# (4 + 3) x 3 x 4 = 84.
CATEGORICAL = [
    (status, level, previous, placed)
    for status, level, previous, placed in itertools.product(CaseStatus, RiskLevel, PREVIOUS_LEVELS, (False, True))
    if not placed or status in MAY_BE_PLACED_AWAY
]
PERSONAL = list(itertools.product((False, True, NOT_KNOWN), (False, True), AGES))  # LD x immediate risk x age = 48

# route() costs about 0.1 ms a call, so 84 x 48 x 512 (2,064,384 decisions) would take well over a
# minute. Instead, every one of the 84 x 48 = 4,032 combinations of the categorical inputs is
# checked with 64 sets of warning signs: the 512 sets are dealt into 8 hands (set i goes to hand
# i % 8) and the k-th personal combination gets hand k % 8. So, for each status, level and
# previous level, every one of the 512 sets is checked 6 times, each time with a different
# learning disability / immediate risk / age; and every hand holds sets of 2 and of 3 signs,
# both sides of the "three or more" threshold.
HANDS = 8
SIGN_HANDS: tuple[tuple[frozenset[WarningSign], ...], ...] = tuple(ALL_SIGN_SETS[h::HANDS] for h in range(HANDS))
CASES_PER_CATEGORICAL = len(PERSONAL) * len(ALL_SIGN_SETS) // HANDS  # 48 x 64 = 3,072
ENUMERATED_CASES = len(CATEGORICAL) * CASES_PER_CATEGORICAL  # 84 x 3,072 = 258,048


def test_the_sign_hands_cover_all_512_sets_and_the_threshold():
    assert len(ALL_SIGN_SETS) == 2 ** len(WarningSign) == 512
    assert len(set(ALL_SIGN_SETS)) == 512
    assert sorted(map(sorted, itertools.chain.from_iterable(SIGN_HANDS))) == sorted(map(sorted, ALL_SIGN_SETS))
    for hand in SIGN_HANDS:
        sizes = {len(signs) for signs in hand}
        assert {2, 3} <= sizes
    assert len(PERSONAL) % HANDS == 0  # each hand is dealt to the same number of combinations


@pytest.mark.parametrize(
    ("case_status", "risk_level", "previous_risk_level", "placed_out_of_area"),
    CATEGORICAL,
    ids=[
        f"{s.value}-{r.value}-after-{p.value if p else 'none'}{'-placed-out-of-area' if placed else ''}"
        for s, r, p, placed in CATEGORICAL
    ],
)
def test_every_combination_matches_the_procedure(case_status, risk_level, previous_risk_level, placed_out_of_area):
    """Learning disability x immediate risk x 8 ages, each with 64 of the 512 sets of warning
    signs; all 512 sets six times over."""
    failures = []
    seen_sets: dict[frozenset[WarningSign], int] = {}
    checked = 0
    for k, (learning_disability, immediate_risk, age_years) in enumerate(PERSONAL):
        for warning_signs in SIGN_HANDS[k % HANDS]:
            facts: dict[str, Any] = dict(
                case_status=case_status,
                risk_level=risk_level,
                previous_risk_level=previous_risk_level,
                age_years=age_years,
                learning_disability=learning_disability,
                immediate_risk=immediate_risk,
                warning_signs=warning_signs,
                placed_out_of_area=placed_out_of_area,
            )
            problems = decision_problems(facts, route(RoutingInput(**facts)))
            checked += 1
            seen_sets[warning_signs] = seen_sets.get(warning_signs, 0) + 1
            if problems:
                failures.append((facts, problems))
    assert checked == CASES_PER_CATEGORICAL
    assert len(seen_sets) == 512
    assert set(seen_sets.values()) == {len(PERSONAL) // HANDS}
    if failures:
        facts, problems = failures[0]
        pytest.fail(
            f"{len(failures)} of {checked} decisions differ from the procedure; the first:\n"
            f"  input: {facts}\n  " + "\n  ".join(problems)
        )


# ---------------------------------------------------------------------------------------------
# A few cases spelt out in full, so that a reader can check the oracle by eye
# ---------------------------------------------------------------------------------------------


def _decide(**overrides) -> RoutingDecision:
    facts: dict[str, Any] = dict(
        case_status=CaseStatus.NEW_CASE,
        risk_level=RiskLevel.LOW,
        previous_risk_level=None,
        age_years=14,
        learning_disability=False,
        immediate_risk=False,
        warning_signs=frozenset(),
    )
    facts.update(overrides)
    return route(RoutingInput(**facts))


def test_new_case_at_high_risk_with_immediate_risk_spelt_out():
    decision = _decide(case_status=CaseStatus.NEW_CASE, risk_level=RiskLevel.HIGH, immediate_risk=True)
    assert [t.code for t in decision.tasks] == [
        "contact_police_999",
        "transfer_to_first_response_team",
        "decide_strategy_or_multi_agency_meeting",
        "refer_to_children_and_families_assessment_team",
        "refer_to_designated_cse_worker",
        "refer_to_meg",
    ]
    assert decision.tasks[0].due_hours == 0
    assert decision.meg_agenda is True
    assert decision.meg_agenda_condition == "meeting_confirms_medium_or_high"


def test_social_care_step_down_of_a_learning_disabled_eleven_year_old_spelt_out():
    decision = _decide(
        case_status=CaseStatus.OPEN_SOCIAL_CARE,
        risk_level=RiskLevel.LOW,
        previous_risk_level=RiskLevel.HIGH,
        age_years=11,
        learning_disability=True,
        warning_signs=frozenset({WarningSign.GOING_MISSING, WarningSign.OLDER_ASSOCIATES, WarningSign.CONCEALED_MARKS}),
    )
    assert [t.code for t in decision.tasks] == [
        "forward_to_case_holding_social_worker",
        "complete_risk_assessment",
        "discuss_new_concerns_with_team_manager",
        "decide_strategy_or_multi_agency_meeting",
        "request_police_intelligence",
        "refer_to_designated_cse_worker",
        "refer_to_meg",
        "step_down_to_early_help",
        "refer_to_front_door",
    ]
    assert decision.tasks[0].due_hours == 24
    # The social worker's assessment, not the screened level, decides the referrals (seed 2.2).
    assert {decision.tasks[5].condition, decision.tasks[6].condition} == {"assessment_finds_medium_or_high"}
    assert decision.tasks[7].support_months == 3
    assert decision.tasks[8].condition == "any_new_concern"
    assert decision.meg_agenda is True
    assert decision.meg_agenda_condition == "assessment_finds_medium_or_high"
    assert decision.flags == {"front_door_referral_required", "cause_for_concern", "step_down"}


def test_a_child_placed_out_of_area_keeps_everything_the_social_care_map_routes_and_adds_the_liaison():
    """Seed 003, 2.2: "Likewise, if a Darlington child is placed out of area, the case holding social worker
    will liaise with the host Local Authority" (procedure correction 5): not a status of its own, which
    dropped the 24-hour forward, the assessment and the referrals."""
    decision = _decide(case_status=CaseStatus.OPEN_SOCIAL_CARE, risk_level=RiskLevel.HIGH, placed_out_of_area=True)
    assert [t.code for t in decision.tasks] == [
        "forward_to_case_holding_social_worker",
        "complete_risk_assessment",
        "discuss_new_concerns_with_team_manager",
        "decide_strategy_or_multi_agency_meeting",
        "request_police_intelligence",
        "refer_to_designated_cse_worker",
        "refer_to_meg",
        "liaise_with_host_authority",
    ]
    assert decision.tasks[0].due_hours == 24
    assert decision.tasks[-1].owner == "case_holding_social_worker"
    assert decision.tasks[-1].condition is None
    assert decision.meg_agenda_condition == "assessment_finds_medium_or_high"
    assert any("host authority" in reason for reason in decision.reasons)
    # Not placed: the same route without the liaison.
    unplaced = _decide(case_status=CaseStatus.OPEN_SOCIAL_CARE, risk_level=RiskLevel.HIGH)
    assert [t.code for t in unplaced.tasks] == [t.code for t in decision.tasks][:-1]


def test_a_child_from_another_authority_cannot_be_placed_out_of_area_by_us():
    with pytest.raises(RoutingInputError, match="placed_out_of_area"):
        _decide(case_status=CaseStatus.OUT_OF_AUTHORITY, placed_out_of_area=True)


def test_the_former_status_placed_out_of_area_is_refused_naming_the_new_field():
    with pytest.raises(RoutingInputError) as refused:
        _decide(case_status="placed_out_of_area")
    assert "placed_out_of_area: true" in str(refused.value)
    assert "open_social_care" in str(refused.value)


def test_child_from_another_authority_at_low_risk_still_goes_to_the_meg():
    decision = _decide(case_status=CaseStatus.OUT_OF_AUTHORITY, risk_level=RiskLevel.LOW)
    assert [t.code for t in decision.tasks] == [
        "inform_placing_social_worker",
        "refer_to_designated_cse_worker",
        "refer_to_meg",
    ]
    assert decision.tasks[1].owner == "placing_authority"
    assert decision.tasks[1].condition == "placing_authority_decides_to_refer"
    assert decision.tasks[2].due_by == "next_meg"
    assert decision.meg_agenda is True


# ---------------------------------------------------------------------------------------------
# Properties the procedure states (Hypothesis), over the full input space
# ---------------------------------------------------------------------------------------------

routing_facts = st.fixed_dictionaries(
    {
        "case_status": st.sampled_from(CaseStatus),
        "risk_level": st.sampled_from(RiskLevel),
        "previous_risk_level": st.sampled_from(PREVIOUS_LEVELS),
        "age_years": st.integers(min_value=0, max_value=17),
        "learning_disability": st.sampled_from((False, True, NOT_KNOWN)),
        "immediate_risk": st.booleans(),
        "warning_signs": st.frozensets(st.sampled_from(WarningSign)),
        "placed_out_of_area": st.booleans(),
    }
).filter(lambda facts: not facts["placed_out_of_area"] or facts["case_status"] in MAY_BE_PLACED_AWAY)

# database=None: leave no .hypothesis directory behind; the autouse password-hasher fixture in
# conftest.py is function-scoped but irrelevant to a pure rule.
property_settings = settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def codes(decision: RoutingDecision) -> list[TaskCode]:
    return [t.code for t in decision.tasks]


@property_settings
@given(routing_facts)
def test_property_matches_the_oracle_at_every_age(facts):
    assert decision_problems(facts, route(RoutingInput(**facts))) == []


@property_settings
@given(routing_facts)
def test_property_999_is_first_if_and_only_if_immediate_risk(facts):
    """Seed 2.2: "If a child is at immediate risk, you must contact the Police in the first
    instance on 999." """
    decision = route(RoutingInput(**facts))
    first_is_999 = bool(decision.tasks) and decision.tasks[0].code == TaskCode.CONTACT_POLICE_999
    assert first_is_999 == facts["immediate_risk"]
    assert codes(decision).count(TaskCode.CONTACT_POLICE_999) == int(facts["immediate_risk"])
    if facts["immediate_risk"]:
        assert decision.tasks[0].due_hours == 0
        assert decision.tasks[0].condition is None


@property_settings
@given(routing_facts)
def test_property_medium_high_and_out_of_authority_go_on_the_meg_agenda(facts):
    """Seed 2.4: "The MEG will have management oversight of all medium and high risk cases";
    seed 2.2: for a child from out of authority "a referral should be made to the ... (MEG)"."""
    decision = route(RoutingInput(**facts))
    if (
        facts["risk_level"] in (RiskLevel.MEDIUM, RiskLevel.HIGH)
        or facts["case_status"] == CaseStatus.OUT_OF_AUTHORITY
        # seed 2.2: open to Social Care, "If medium or high risk" by the social worker's assessment
        or facts["case_status"] == CaseStatus.OPEN_SOCIAL_CARE
    ):
        assert decision.meg_agenda is True
        assert TaskCode.REFER_TO_MEG in codes(decision)
    # 0007: "meg_agenda is true whenever the decision refers to the MEG".
    assert decision.meg_agenda == (TaskCode.REFER_TO_MEG in codes(decision))
    for task in decision.tasks:
        if task.code == TaskCode.REFER_TO_MEG:
            assert task.due_by == DueBy.NEXT_MEG
            assert task.condition == decision.meg_agenda_condition
    if not decision.meg_agenda:
        assert decision.meg_agenda_condition is None


@property_settings
@given(routing_facts)
def test_property_low_risk_is_managed_through_early_help_not_the_meg(facts):
    """Seed 2.4: "Low risk cases are managed through the Early Help process"; the MEG's oversight
    is of medium and high risk cases (only a child from another authority is always referred)."""
    decision = route(RoutingInput(**facts))
    if facts["risk_level"] == RiskLevel.LOW and facts["case_status"] not in (
        CaseStatus.OUT_OF_AUTHORITY,
        CaseStatus.OPEN_SOCIAL_CARE,
    ):
        assert decision.meg_agenda is False
        assert TaskCode.REFER_TO_MEG not in codes(decision)
        assert TaskCode.REFER_TO_DESIGNATED_CSE_WORKER not in codes(decision)


@property_settings
@given(routing_facts)
def test_property_open_to_social_care_the_referrals_wait_for_the_social_workers_assessment(facts):
    """Seed 2.2: "the social worker will complete the CSE risk assessment form to determine the level of
    risk ... If medium or high risk the Social Worker must refer to the Designated CSE worker and ...
    Missing and Exploited Children Group": at any screened level, neither referral falls due before the
    social worker's assessment finds medium or high."""
    facts = {**facts, "case_status": CaseStatus.OPEN_SOCIAL_CARE}
    decision = route(RoutingInput(**facts))
    referrals = [
        t for t in decision.tasks if t.code in (TaskCode.REFER_TO_MEG, TaskCode.REFER_TO_DESIGNATED_CSE_WORKER)
    ]
    assert len(referrals) == 2
    assert {t.condition for t in referrals} == {Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH}
    assert decision.meg_agenda_condition == Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH


@property_settings
@given(routing_facts)
def test_property_no_task_appears_twice(facts):
    decision = route(RoutingInput(**facts))
    assert len(codes(decision)) == len(set(codes(decision)))


@property_settings
@given(routing_facts)
def test_property_step_down_only_when_the_level_fell_from_medium_or_high_to_low(facts):
    """Seed 2.2: "when the risk is reduced from either high or medium to low ... for a period of up
    to 3 months"."""
    decision = route(RoutingInput(**facts))
    fell = facts["previous_risk_level"] in (RiskLevel.MEDIUM, RiskLevel.HIGH) and facts["risk_level"] == RiskLevel.LOW
    assert (TaskCode.STEP_DOWN_TO_EARLY_HELP in codes(decision)) == fell
    assert (Flag.STEP_DOWN in decision.flags) == fell
    for task in decision.tasks:
        assert (task.support_months is not None) == (task.code == TaskCode.STEP_DOWN_TO_EARLY_HELP)
        if task.code == TaskCode.STEP_DOWN_TO_EARLY_HELP:
            assert task.support_months == 3
            assert task.condition is None
            # "the case holding Social Worker": ours, or the placing authority's for its child
            assert task.owner in (Owner.CASE_HOLDING_SOCIAL_WORKER, Owner.PLACING_AUTHORITY)


@property_settings
@given(routing_facts)
def test_property_only_low_risk_cases_go_back_to_the_front_door_and_vulnerable_children_on_any_concern(facts):
    """Seed 2.4 (low risk, new or escalating risk, lead worker) and the 2.2 note (under 13 and/or
    learning disability: a referral to the CAP is required)."""
    decision = route(RoutingInput(**facts))
    back = [t for t in decision.tasks if t.code == TaskCode.REFER_TO_FRONT_DOOR]
    if facts["risk_level"] != RiskLevel.LOW:
        assert back == []
    for task in back:
        assert task.owner == Owner.LEAD_WORKER
        expected = (
            Condition.ANY_NEW_CONCERN
            if vulnerable(facts["age_years"], facts["learning_disability"])
            else Condition.NEW_OR_ESCALATING_RISK
        )
        assert task.condition == expected
    assert (Flag.FRONT_DOOR_REFERRAL_REQUIRED in decision.flags) == vulnerable(
        facts["age_years"], facts["learning_disability"]
    )


@property_settings
@given(routing_facts)
def test_property_warning_signs_flag_cause_for_concern_but_do_not_change_the_route(facts):
    """Seed 3.3: "There could be cause for concern if a child is exhibiting three or more of the
    following warning signs". 0007: flags do not change the level; the practitioner confirms it."""
    decision = route(RoutingInput(**facts))
    assert (Flag.CAUSE_FOR_CONCERN in decision.flags) == (len(facts["warning_signs"]) >= 3)
    without_signs = route(RoutingInput(**{**facts, "warning_signs": frozenset()}))
    assert actual_tasks(decision) == actual_tasks(without_signs)
    assert decision.meg_agenda == without_signs.meg_agenda


@property_settings
@given(routing_facts)
def test_property_age_and_learning_disability_change_only_the_conditions_not_the_tasks(facts):
    decision = route(RoutingInput(**facts))
    adult_without_ld = route(RoutingInput(**{**facts, "age_years": 16, "learning_disability": False}))
    assert codes(decision) == codes(adult_without_ld)
    assert decision.meg_agenda == adult_without_ld.meg_agenda


@property_settings
@given(routing_facts)
def test_property_timings_are_only_where_the_procedure_sets_them(facts):
    """999 "in the first instance" (0 hours); the social worker "with[in] 24 hours"; the MEG
    referral before the next monthly MEG; nothing else carries a time."""
    decision = route(RoutingInput(**facts))
    for task in decision.tasks:
        expected_hours = {
            TaskCode.CONTACT_POLICE_999: 0,
            TaskCode.FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER: 24,
        }.get(task.code)
        assert task.due_hours == expected_hours, task.code
        assert (task.due_by is not None) == (task.code == TaskCode.REFER_TO_MEG), task.code
    assert (TaskCode.FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER in codes(decision)) == (
        facts["case_status"] == CaseStatus.OPEN_SOCIAL_CARE
    )


@property_settings
@given(routing_facts)
def test_property_every_task_and_decision_gives_a_reason_citing_the_procedure(facts):
    decision = route(RoutingInput(**facts))
    assert reason_problems(facts, decision) == []
    assert route(RoutingInput(**facts)) == decision  # a pure rule: same facts, same decision


# ---------------------------------------------------------------------------------------------
# Bad input: refused with a message naming the field (0007, "Bad input")
# ---------------------------------------------------------------------------------------------

GOOD: dict[str, Any] = dict(
    case_status=CaseStatus.NEW_CASE,
    risk_level=RiskLevel.MEDIUM,
    previous_risk_level=None,
    age_years=14,
    learning_disability=False,
    immediate_risk=False,
    warning_signs=frozenset(),
)


def test_good_input_is_accepted_at_both_ends_of_the_age_range():
    for age in (0, 17):
        RoutingInput(**{**GOOD, "age_years": age})


@pytest.mark.parametrize("age", [18, 19, 25])
def test_a_young_person_of_18_or_over_is_refused_with_where_to_go_instead(age):
    with pytest.raises(RoutingInputError) as refused:
        RoutingInput(**{**GOOD, "age_years": age})
    message = str(refused.value)
    assert message.startswith(f"age_years is {age}, not under 18: The CSE procedure is for children under 18")
    assert "Care leavers are supported by a separate service" in message


BAD_INPUTS = [
    ("case_status", "nowhere"),
    ("case_status", None),
    ("case_status", ""),
    ("risk_level", "severe"),
    ("risk_level", None),
    ("risk_level", "HIGH"),
    ("previous_risk_level", "extreme"),
    ("previous_risk_level", ""),
    ("age_years", -1),
    ("age_years", 26),
    ("age_years", 200),
    ("age_years", 12.5),
    ("age_years", 12.0),
    ("age_years", "12"),
    ("age_years", True),
    ("age_years", None),
    ("learning_disability", "yes"),
    ("learning_disability", 1),
    ("learning_disability", None),
    ("learning_disability", "not known"),
    ("learning_disability", "unknown"),
    ("immediate_risk", "no"),
    ("immediate_risk", 0),
    ("immediate_risk", None),
    ("warning_signs", frozenset({"crying"})),
    ("warning_signs", frozenset({WarningSign.GOING_MISSING, "staying_in"})),
    ("warning_signs", ("going_missing", "going_missing")),  # "a repeated sign"
    ("placed_out_of_area", "yes"),
    ("placed_out_of_area", 1),
    ("placed_out_of_area", None),
]


@pytest.mark.parametrize(("field_name", "value"), BAD_INPUTS, ids=[f"{f}={v!r}" for f, v in BAD_INPUTS])
def test_bad_input_is_refused_naming_the_field(field_name, value):
    with pytest.raises(RoutingInputError, match=field_name):
        RoutingInput(**{**GOOD, field_name: value})


@pytest.mark.parametrize("missing", ["case_status", "risk_level", "age_years", "learning_disability", "immediate_risk"])
def test_a_missing_field_is_refused_naming_it(missing):
    facts: dict[str, Any] = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises((RoutingInputError, TypeError), match=missing):
        RoutingInput(**facts)


def test_a_field_that_is_not_expected_is_refused_naming_it():
    with pytest.raises((RoutingInputError, TypeError), match="postcode"):
        RoutingInput(**GOOD, postcode="DL1 5QT")  # type: ignore[call-arg]
