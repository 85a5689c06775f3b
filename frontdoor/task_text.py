"""What tasks, owners and conditions are called on screen. Pure: no database."""

from frontdoor.routing import Condition, Owner, TaskCode

TASK_TITLES: dict[str, str] = {
    TaskCode.CONTACT_POLICE_999: "Contact the police on 999",
    TaskCode.FORWARD_TO_EARLY_HELP_PRACTITIONER: "Forward to the Early Help practitioner",
    TaskCode.EARLY_HELP_ASSESSMENT: "Complete an Early Help Assessment",
    TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM: "Transfer to the Children's First Response Team",
    TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING: "Decide on a strategy meeting or a multi-agency meeting",
    TaskCode.FORWARD_TO_CASE_HOLDING_SOCIAL_WORKER: "Forward to the case-holding social worker",
    TaskCode.COMPLETE_RISK_ASSESSMENT: "Complete the CSE risk assessment",
    TaskCode.DISCUSS_NEW_CONCERNS_WITH_TEAM_MANAGER: "Discuss the new concerns with the team manager",
    TaskCode.REQUEST_POLICE_INTELLIGENCE: "Request police intelligence",
    TaskCode.REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM: "Refer to the Children and Families Assessment Team",
    TaskCode.REFER_TO_DESIGNATED_CSE_WORKER: "Refer to the Designated CSE worker",
    TaskCode.REFER_TO_MEG: "Refer to the Missing and Exploited Group (MEG)",
    TaskCode.INFORM_PLACING_SOCIAL_WORKER: "Inform the child's placing social worker",
    TaskCode.LIAISE_WITH_HOST_AUTHORITY: "Liaise with the host authority",
    TaskCode.STEP_DOWN_TO_EARLY_HELP: "Step down to Early Help support",
    TaskCode.REVIEW_END_OF_EARLY_HELP_SUPPORT: "Review the child as the Early Help support ends",
    TaskCode.REFER_TO_FRONT_DOOR: "Refer to the front door",
}

OWNER_NAMES: dict[str, str] = {
    Owner.CONTACT_RECORDER: "Whoever recorded the contact",
    Owner.FRONT_DOOR: "Children's Access Point (front door)",
    Owner.EARLY_HELP: "Early Help",
    Owner.FIRST_RESPONSE_TEAM: "Children's First Response Team",
    Owner.TEAM_MANAGER: "Team manager",
    Owner.CASE_HOLDING_SOCIAL_WORKER: "Case-holding social worker",
    Owner.PLACING_AUTHORITY: "The placing authority",
    Owner.LEAD_WORKER: "Lead worker",
}

CONDITION_TEXT: dict[str, str] = {
    Condition.NEW_CONCERNS_IDENTIFIED: "if the risk assessment identifies new concerns",
    Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH: "if the social worker's risk assessment finds medium or high risk",
    Condition.MULTI_AGENCY_MEETING_ARRANGED: "if a multi-agency meeting is arranged",
    Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH: "if the meeting confirms medium or high risk",
    Condition.PLACING_AUTHORITY_DECIDES_TO_REFER: "if the placing authority decides to refer",
    Condition.NEW_OR_ESCALATING_RISK: "if there is a new or escalating risk",
    Condition.ANY_NEW_CONCERN: "if there is any new concern",
}


def task_title(code: str) -> str:
    return TASK_TITLES.get(code, code.replace("_", " ").capitalize())
