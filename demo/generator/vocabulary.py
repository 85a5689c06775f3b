"""The demo partnership's constant data: its fictional places, agencies, teams and staff, the
children's names and the weights they are drawn with, and what their chronologies say."""

from dataclasses import dataclass

from accounts.models import AgencyKind, Role, TeamKind
from children.case_status import CaseStatus
from children.models import ChronologyKind, Ethnicity, Gender

DEMO_PASSWORD = "Demo-password-2026"  # noqa: S105 - published on purpose: demo accounts only, refused unless DEBUG.
EMAIL_DOMAIN = "example.org"
PARTNERSHIP_NAME = "Northfield and Southdale Safeguarding Children Partnership"
POLICE_NAME = "Northfield and Southdale Police"
DEVICE_NAME = "Authenticator app"
HISTORY_DAYS = 730  # chronologies cover the last two years


# --- The partnership's shape -------------------------------------------------------------------


@dataclass(frozen=True)
class AreaSpec:
    name: str
    code: str
    schools_primary: tuple[str, ...]
    schools_secondary: tuple[str, ...]
    colleges: tuple[str, ...]
    places: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def academy(self) -> str:
        # The school that is a partner agency with its own lead worker in the demo.
        return self.schools_secondary[0]


AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        name="Northfield",
        code="NFD",
        schools_primary=("Northfield Park Primary School", "St Cuthbert's Primary School", "Moorside Primary School"),
        schools_secondary=(
            "Northfield Academy",
            "Northfield High School",
            "St Aidan's Catholic High School",
            "Moorside Community College",
            "Northfield Pupil Referral Unit",
        ),
        colleges=("Northfield College", "Northfield Academy Sixth Form"),
        places=(
            "a takeaway on Station Road in Northfield town centre",
            "Northfield bus station",
            "the car park of the Northfield retail park",
            "a flat above a shop on Northfield High Street",
            "a house on the Moorside estate",
            "a hotel near the Northfield ring road",
            "the canal towpath behind Mill Lane",
            "a shisha lounge on Victoria Street",
        ),
    ),
    AreaSpec(
        name="Southdale",
        code="SDL",
        schools_primary=(
            "Southdale Infant and Junior School",
            "Riverside Primary School",
            "Holy Trinity Primary School",
        ),
        schools_secondary=(
            "Southdale Academy",
            "Southdale Grammar School",
            "Riverside School",
            "Southdale Alternative Provision",
        ),
        colleges=("Southdale College", "Southdale Academy Sixth Form"),
        places=(
            "a kebab shop near Southdale railway station",
            "Southdale railway station",
            "a car wash on the Southdale bypass",
            "a flat in Riverside Court",
            "the multi-storey car park in Southdale town centre",
            "a guest house on Marine Parade",
            "the skate park in Southdale Memorial Park",
            "a house party on the Greenbank estate",
        ),
    ),
)


# Teams of an area's children's services, by slot: (slot, name, kind).
CHILDRENS_SERVICES_TEAMS: tuple[tuple[str, str, TeamKind], ...] = (
    ("front_door", "Children's Access Point", TeamKind.FRONT_DOOR),
    ("early_help", "Early Help Team", TeamKind.EARLY_HELP),
    ("first_response", "Children's First Response Team", TeamKind.FIRST_RESPONSE),
    ("families_assessment", "Children and Families Assessment Team", TeamKind.FAMILIES_ASSESSMENT),
    ("social_care_1", "Social Care Team East", TeamKind.SOCIAL_CARE),
    ("social_care_2", "Social Care Team West", TeamKind.SOCIAL_CARE),
    ("designated_cse", "Designated CSE Worker Service", TeamKind.DESIGNATED_CSE),
    ("meg_support", "MEG Business Support", TeamKind.MEG_SUPPORT),
)

# Partner agencies of an area: (slot, agency kind, agency name pattern, team name).
PARTNER_AGENCIES: tuple[tuple[str, AgencyKind, str, str], ...] = (
    ("school", AgencyKind.EDUCATION, "{academy}", "Safeguarding Team"),
    ("health", AgencyKind.HEALTH, "{area} Community Health Services", "School Nursing and Sexual Health Team"),
    ("voluntary", AgencyKind.VOLUNTARY, "{area} Youth Project", "Outreach Team"),
    ("licensing", AgencyKind.LICENSING, "{area} Council Licensing Service", "Taxi and Premises Licensing Team"),
)


@dataclass(frozen=True)
class UserSpec:
    """A demo account. `{code}` in the username stands for the area's lower-case code."""

    username: str
    job_title: str
    memberships: tuple[tuple[str, Role], ...]  # (team slot, role)


AREA_USERS: tuple[UserSpec, ...] = (
    UserSpec("screener.{code}", "Children's Access Point screener", (("front_door", Role.SCREENER),)),
    UserSpec("socialworker.{code}", "Social worker", (("social_care_1", Role.SOCIAL_WORKER),)),
    UserSpec("socialworker2.{code}", "Social worker", (("social_care_2", Role.SOCIAL_WORKER),)),
    UserSpec(
        "teammanager.{code}",
        "Social care team manager",
        (("social_care_1", Role.TEAM_MANAGER), ("social_care_2", Role.TEAM_MANAGER)),
    ),
    UserSpec(
        "frtmanager.{code}",
        "Team manager, First Response and Assessment",
        (("first_response", Role.TEAM_MANAGER), ("families_assessment", Role.TEAM_MANAGER)),
    ),
    UserSpec("ehmanager.{code}", "Team manager, Early Help", (("early_help", Role.TEAM_MANAGER),)),
    UserSpec("firstresponse.{code}", "Social worker, First Response", (("first_response", Role.SOCIAL_WORKER),)),
    UserSpec("assessment.{code}", "Social worker, Assessment", (("families_assessment", Role.SOCIAL_WORKER),)),
    UserSpec("earlyhelp.{code}", "Early Help practitioner", (("early_help", Role.LEAD_WORKER),)),
    UserSpec("teacher.{code}", "Designated safeguarding lead", (("school", Role.LEAD_WORKER),)),
    UserSpec("schoolnurse.{code}", "School nurse", (("health", Role.LEAD_WORKER),)),
    UserSpec("youthworker.{code}", "Youth worker", (("voluntary", Role.LEAD_WORKER),)),
    UserSpec("cseworker.{code}", "Designated CSE worker", (("designated_cse", Role.DESIGNATED_CSE_WORKER),)),
    UserSpec("megsupport.{code}", "MEG business support officer", (("meg_support", Role.MEG_BUSINESS_SUPPORT),)),
)

PARTNERSHIP_USERS: tuple[UserSpec, ...] = (
    UserSpec("megchair", "Detective Inspector, Public Protection Unit", (("police_safeguarding", Role.MEG_CHAIR),)),
    UserSpec("intel", "Police intelligence officer", (("police_intelligence", Role.POLICE_INTELLIGENCE),)),
    UserSpec("analyst", "Partnership analyst", (("analysts", Role.PARTNERSHIP_ANALYST),)),
)

ADMIN_USERNAME = "admin"

# Which worker of the area writes the notes of a child held by a team slot.
TEAM_WORKER = {
    "front_door": "screener",
    "early_help": "earlyhelp",
    "first_response": "firstresponse",
    "families_assessment": "assessment",
    "social_care_1": "socialworker",
    "social_care_2": "socialworker2",
}


# --- The children's details ---------------------------------------------------------------------

# Common names among children born in England 2007-2016 (published name statistics), mixed.
GIRLS_NAMES = (
    "Olivia", "Amelia", "Emily", "Isla", "Ava", "Jessica", "Lily", "Sophie", "Grace", "Chloe", "Mia",
    "Ruby", "Ella", "Evie", "Poppy", "Isabella", "Freya", "Charlotte", "Holly", "Millie", "Daisy",
    "Phoebe", "Erin", "Ellie", "Amber", "Megan", "Lacey", "Leah", "Aaliyah", "Maryam", "Zara", "Amira",
    "Layla", "Aisha", "Hannah", "Jasmine", "Skye", "Kayla", "Paige", "Summer", "Maisie", "Scarlett",
    "Niamh", "Keira", "Tia", "Nevaeh", "Zainab", "Hafsa", "Precious", "Amara", "Oliwia", "Zuzanna",
    "Caitlin", "Brooke", "Tegan", "Courtney", "Demi", "Shannon", "Abigail", "Madison",
)  # fmt: skip
BOYS_NAMES = (
    "Oliver", "Jack", "Harry", "Charlie", "Thomas", "Jacob", "Alfie", "Riley", "William", "James",
    "Joshua", "Mohammed", "Ethan", "Noah", "Kai", "Tyler", "Callum", "Liam", "Connor", "Kian", "Ryan",
    "Jayden", "Leon", "Ibrahim", "Yusuf", "Adam", "Kacper", "Reece", "Bailey", "Mason", "Logan",
    "Tobi", "Daniel", "Harvey", "Lewis", "Dylan", "Ayaan", "Zain", "Brandon", "Kyle",
)  # fmt: skip
OTHER_NAMES = ("Alex", "Charlie", "Jordan", "Sam", "Frankie", "Robin", "Jamie", "Riley", "Ash", "Kit")
KNOWN_AS = ("Jazz", "Kiki", "Lil J", "Bubbles", "Tink", "Roxy", "Princess", "Shorty", "Babyface", "Ace", "Smiley")

AGE_WEIGHTS = {9: 1, 10: 3, 11: 5, 12: 8, 13: 12, 14: 17, 15: 20, 16: 20, 17: 14}
GENDER_WEIGHTS = {Gender.FEMALE: 74, Gender.MALE: 23, Gender.OTHER: 2, Gender.NOT_KNOWN: 1}
ETHNICITY_WEIGHTS = {
    Ethnicity.WHITE: 70,
    Ethnicity.ASIAN: 10,
    Ethnicity.MIXED: 8,
    Ethnicity.BLACK: 6,
    Ethnicity.OTHER: 2,
    Ethnicity.NOT_STATED: 4,
}
STATUS_WEIGHTS = {
    CaseStatus.OPEN_EARLY_HELP: 35,
    CaseStatus.OPEN_SOCIAL_CARE: 38,
    CaseStatus.NEW_CASE: 20,
    CaseStatus.OUT_OF_AUTHORITY: 7,
}
# Children of ours placed out of area: a fact on a case open to Social Care, not a status of its own
# (procedure correction 5): about 8 in every 100 children, as when it was a status.
PLACED_OUT_OF_AREA_SHARE = {CaseStatus.OPEN_SOCIAL_CARE: 8 / 38}
# Host authorities outside the partnership (fictional), and their social workers' contacts.
HOST_AUTHORITIES = (
    "Westmarsh Borough Council",
    "Harrowdale County Council",
    "Kilnbridge City Council",
    "Eastfold Metropolitan Borough Council",
)
# Which team holds a case with this status: (team slot, weight).
STATUS_TEAMS: dict[str, tuple[tuple[str, int], ...]] = {
    CaseStatus.NEW_CASE: (("front_door", 7), ("first_response", 3)),
    CaseStatus.OPEN_EARLY_HELP: (("early_help", 1),),
    CaseStatus.OPEN_SOCIAL_CARE: (("social_care_1", 4), ("social_care_2", 4), ("families_assessment", 2)),
    CaseStatus.OUT_OF_AUTHORITY: (("front_door", 1), ("social_care_2", 1)),
}
# A child of ours placed out of area is always looked after.
LOOKED_AFTER_SHARE = {
    CaseStatus.OUT_OF_AUTHORITY: 0.85,
    CaseStatus.OPEN_SOCIAL_CARE: 0.3,
}
NOT_IN_EDUCATION = ""


# --- What the chronology says -------------------------------------------------------------------

# (source slot, source description, kind, summary). Source slots: an agency slot of the area
# ("school" means the child's own school), "police", or "family" / "public" (no agency). In family
# entries, {carer} is the child's parent or, for a looked-after child, their carer.
CONCERNS: tuple[tuple[str, str, ChronologyKind, str], ...] = (
    ("school", "designated safeguarding lead", ChronologyKind.CONTACT,
     "School reports new phone and expensive trainers; {first} would not say where they came from."),
    ("school", "head of year", ChronologyKind.CONTACT,
     "Attendance down to 64% this term; seen being collected at the school gates by an older male in a car."),
    ("school", "form tutor", ChronologyKind.NOTE,
     "Overheard talking about parties at a flat with older men; became defensive when asked."),
    ("school", "designated safeguarding lead", ChronologyKind.NOTE,
     "Marks on forearms that {first} tried to cover with sleeves; says they were from a pet."),
    ("police", "missing person report", ChronologyKind.CONTACT,
     "Reported missing overnight; returned by police from {place}."),
    ("police", "response officers", ChronologyKind.CONTACT,
     "Found by officers in a car with two adult males at {place}; the males' details passed to intelligence."),
    ("police", "neighbourhood policing team", ChronologyKind.NOTE,
     "Seen at 01:30 near {place} in the company of older males known to police."),
    ("health", "sexual health clinic", ChronologyKind.CONTACT,
     "Attended the sexual health clinic; spoke of an older 'boyfriend' aged about 24."),
    ("health", "emergency department", ChronologyKind.CONTACT,
     "Brought to the emergency department intoxicated late at night by an adult who left before staff spoke to him."),
    ("health", "school nurse", ChronologyKind.NOTE,
     "Repeat requests for emergency contraception; tired and withdrawn at the drop-in."),
    ("voluntary", "youth worker", ChronologyKind.NOTE,
     "Youth worker reports {first} has a new street name and a group of new, older friends."),
    ("voluntary", "outreach team", ChronologyKind.CONTACT,
     "Outreach team saw {first} getting into taxis with different older males on three evenings."),
    ("licensing", "taxi licensing officer", ChronologyKind.CONTACT,
     "A licensed taxi driver reported taking {first} and an adult man from {place} at 02:00; passed to police."),
    ("licensing", "premises licensing officer", ChronologyKind.CONTACT,
     "Staff at {place} reported a young person brought in by older adults and given alcohol."),
    ("family", "{carer}", ChronologyKind.CONTACT,
     "{carer} reports {first} came home with alcohol and cigarettes and would not say who bought them."),
    ("family", "{carer}", ChronologyKind.CONTACT,
     "{carer} found messages from unknown adult numbers on a second phone hidden in {first}'s room."),
    ("family", "{carer}", ChronologyKind.NOTE,
     "{carer} reports late nights, sleeping through the day and sharp mood swings."),
    ("public", "Anonymous report from a member of the public", ChronologyKind.CONTACT,
     "Caller saw a young person of about 14 being given drinks by older men outside {place}."),
)  # fmt: skip

WORKER_NOTES: tuple[tuple[ChronologyKind, str], ...] = (
    (ChronologyKind.NOTE, "Home visit: {first} tired and withdrawn; carer reports late nights and a second phone."),
    (ChronologyKind.NOTE, "Direct work session on healthy relationships; {first} engaged for part of the session."),
    (ChronologyKind.NOTE, "Did not attend the planned meeting; no answer at the home address."),
    (ChronologyKind.ASSESSMENT, "CSE risk assessment completed with {first} and carer; to be reviewed in 6 weeks."),
    (ChronologyKind.ASSESSMENT, "CSE risk assessment reviewed after new information from school."),
    (ChronologyKind.MEETING, "Multi-agency meeting held; safety plan agreed, police to share intelligence."),
    (ChronologyKind.MEETING, "Strategy meeting held under child protection procedures; section 47 enquiries agreed."),
    (ChronologyKind.MEETING, "Discussed at the Missing and Exploited Group; disruption plan for {place} agreed."),
)

FAMILY_REPORTERS = ("Mother", "Father", "Grandmother", "Stepfather", "Aunt")
CARE_REPORTERS = ("Foster carer", "Residential children's home staff", "Supported lodgings provider")
ALLOCATED_AS: dict[str, str] = {
    Role.SOCIAL_WORKER: "case-holding social worker",
    Role.LEAD_WORKER: "lead worker",
    Role.DESIGNATED_CSE_WORKER: "Designated CSE worker",
}
RETURN_INTERVIEWS = (
    "Said they had been at a friend's house but would not name the friend.",
    "Said they stayed at a flat with older friends and were given alcohol; shared with police intelligence.",
    "Declined to talk about where they had been; agreed to meet the youth worker next week.",
    "Said an older male they met online collected them in a car; information sharing form sent to police.",
    "Said they were at a party and lost track of time; no concerns disclosed.",
)


def pronouns(gender: str) -> dict[str, str]:
    """The words a text uses for a child of this gender: {they} {them} {their} and capitalised forms.
    A child whose gender is other or not known is "they"."""
    words = {
        Gender.FEMALE: ("she", "her", "her"),
        Gender.MALE: ("he", "him", "his"),
    }.get(Gender(gender), ("they", "them", "their"))
    they, them, their = words
    return {"they": they, "them": them, "their": their, "They": they.capitalize(), "Their": their.capitalize()}
