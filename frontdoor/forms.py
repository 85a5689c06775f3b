"""Forms for the front door's pages. They parse input; the services decide and save."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.http import urlencode

from accounts.models import Agency, User
from assessments.levels import RiskLevel
from assessments.tool_definition import Domain, ToolDefinition
from children.case_status import CaseStatus
from children.inputs.placement import HOST_TEXT_MAX, PlacementInput
from children.learning_disability import LearningDisability
from children.models import Gender
from children.services import NewChild
from core.forms import DatePartsMixin, date_part, time_from_text
from frontdoor.concern_codes import GroomingModel, GroomingStage, Setting, VulnerabilityFactor
from frontdoor.inputs import ReferralInput
from frontdoor.models import Involvement, ReporterRelationship, Task
from frontdoor.routing import MAX_AGE_YEARS, MIN_AGE_YEARS, OVER_AGE_EXPLANATION, TaskCode
from frontdoor.selectors.caseload import MISSING_WINDOW_DAYS, CaseloadQuery, CaseloadSort, LevelFilter
from frontdoor.services.contacts import ContactDetails, LinkedChildDetails
from frontdoor.task_release import MeetingDecision, Outcome
from frontdoor.warning_signs import WarningSign

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]


class NewChildFieldsMixin(DatePartsMixin):
    """The few details the front door needs to start a record for a child it does not know."""

    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    known_as = forms.CharField(label="Known as (optional)", max_length=100, required=False)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        initial=Gender.NOT_KNOWN,
        error_messages={"required": "Select the child's gender, or not known"},
    )
    learning_disability = forms.ChoiceField(
        label="Does the child have a learning disability?",
        choices=LearningDisability.choices,
        initial=LearningDisability.NOT_KNOWN,
    )
    school = forms.CharField(label="School or college (optional)", max_length=150, required=False)

    def new_child(self) -> NewChild:
        data = self.cleaned_data
        return NewChild(
            first_name=data["first_name"],
            last_name=data["last_name"],
            known_as=data.get("known_as", ""),
            date_of_birth=data.get("date_of_birth"),
            gender=data["gender"],
            # Not known stays not known: the child page asks again, and until then it routes as yes.
            learning_disability=data.get("learning_disability") or LearningDisability.NOT_KNOWN,
            school=data.get("school", ""),
        )

    def clean_new_child(self) -> None:
        data = self.cleaned_data
        if not data.get("first_name", "").strip():
            self.add_error("first_name", "Enter the child's first name, or 'Unknown'")
        if not data.get("last_name", "").strip():
            self.add_error("last_name", "Enter the child's last name, or 'Unknown'")
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)


class ContactForm(NewChildFieldsMixin):
    received_day = date_part(2)
    received_month = date_part(2)
    received_year = date_part(4)
    received_time = forms.CharField(label="Time received", max_length=5, required=False)

    reporter_relationship = forms.ChoiceField(
        label="Who reported the concern?",
        choices=ReporterRelationship.choices,
        error_messages={"required": "Select who reported the concern"},
    )
    reporter_name = forms.CharField(label="Their name (optional)", max_length=150, required=False)
    reporter_role = forms.CharField(label="Their job title (optional)", max_length=150, required=False)
    reporter_agency = forms.ChoiceField(label="Their agency, if a partner agency", required=False)
    reporter_organisation = forms.CharField(label="Or their organisation", max_length=150, required=False)
    reporter_phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    reporter_email = forms.EmailField(
        label="Email (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the right format, like name@example.org"},
    )

    concern = forms.CharField(
        label="What is the concern?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the concern, in the reporter's words"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )
    warning_signs = forms.MultipleChoiceField(label="Warning signs seen", choices=WarningSign.choices, required=False)
    vulnerability_factors = forms.MultipleChoiceField(
        label="Vulnerability factors known", choices=VulnerabilityFactor.choices, required=False
    )
    grooming_models = forms.MultipleChoiceField(
        label="Grooming model, if known", choices=GroomingModel.choices, required=False
    )
    grooming_stage = forms.ChoiceField(label="Grooming stage, if known", choices=GroomingStage.choices, required=False)
    setting = forms.ChoiceField(label="Where is it happening?", choices=Setting.choices, initial=Setting.NOT_KNOWN)
    platforms = forms.CharField(label="Apps, sites or games named (optional)", max_length=500, required=False)
    other_children = forms.ChoiceField(
        label="Are any other children or young people involved, as victims or perpetrators?",
        choices=YES_NO_NOT_KNOWN,
        error_messages={"required": "Select whether any other children or young people are involved"},
    )

    def __init__(self, *args: Any, new_child: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_new_child = new_child
        agencies = Agency.objects.order_by("name").values_list("id", "name")
        agency_field = self.fields["reporter_agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [("", "Not a partner agency"), *((str(pk), name) for pk, name in agencies)]
        if not new_child:
            for name in ("first_name", "last_name", "known_as", "gender", "learning_disability", "school"):
                del self.fields[name]
            for part in ("day", "month", "year"):
                del self.fields[f"dob_{part}"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_new_child:
            self.clean_new_child()
        received_on = self.date_from_parts("received", label="Date received", required=True)
        received_time = time_from_text(data.get("received_time", ""))
        if not data.get("received_time", "").strip():
            self.add_error("received_time", "Enter the time the concern was received, like 14:30")
        elif received_time is None:
            self.add_error("received_time", "Enter the time as hours and minutes, like 14:30")
        if received_on and received_time:
            data["received_at"] = timezone.make_aware(dt.datetime.combine(received_on, received_time))
        return data

    def contact_details(self) -> ContactDetails:
        data = self.cleaned_data
        agency_id = data.get("reporter_agency")
        return ContactDetails(
            received_at=data["received_at"],
            reporter_relationship=ReporterRelationship(data["reporter_relationship"]),
            reporter_name=data.get("reporter_name", ""),
            reporter_role=data.get("reporter_role", ""),
            reporter_agency=Agency.objects.get(pk=agency_id) if agency_id else None,
            reporter_organisation=data.get("reporter_organisation", ""),
            reporter_phone=data.get("reporter_phone", ""),
            reporter_email=data.get("reporter_email", ""),
            concern=data["concern"],
            immediate_risk=data["immediate_risk"] == "yes",
            warning_signs=frozenset(WarningSign(sign) for sign in data.get("warning_signs", [])),
            vulnerability_factors=frozenset(VulnerabilityFactor(v) for v in data.get("vulnerability_factors", [])),
            grooming_models=frozenset(GroomingModel(model) for model in data.get("grooming_models", [])),
            grooming_stage=GroomingStage(data.get("grooming_stage") or ""),
            setting=Setting(data.get("setting") or Setting.NOT_KNOWN),
            platforms=tuple(part.strip() for part in data.get("platforms", "").split(",") if part.strip()),
        )


class LinkedChildForm(NewChildFieldsMixin):
    existing_reference = forms.CharField(
        label="CSE Hub reference, if they already have a record", max_length=20, required=False
    )
    involvement = forms.ChoiceField(
        label="How may they be involved?",
        choices=Involvement.choices,
        error_messages={"required": "Select how the child may be involved"},
    )
    notes = forms.CharField(label="What is known about them (optional)", widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("existing_reference", "").strip():
            self.clean_new_child()
        return data

    def linked_child(self) -> LinkedChildDetails:
        return LinkedChildDetails(
            involvement=Involvement(self.cleaned_data["involvement"]),
            new_child=self.new_child(),
            notes=self.cleaned_data.get("notes", ""),
        )


class TaskCompleteForm(forms.Form):
    new_concerns = forms.ChoiceField(label="Did the assessment identify new concerns?", choices=YES_NO, required=False)
    meeting = forms.ChoiceField(
        label="What did you decide?",
        choices=[
            (MeetingDecision.STRATEGY_MEETING.value, "Hold a strategy meeting (child protection procedures)"),
            (MeetingDecision.MULTI_AGENCY_MEETING.value, "Hold a multi-agency meeting"),
            (MeetingDecision.NEITHER.value, "Neither"),
        ],
        required=False,
    )
    confirmed_level = forms.ChoiceField(
        label="If neither, what level of risk do you confirm?", choices=RiskLevel.choices, required=False
    )
    stepped_down = forms.ChoiceField(
        label="How will Early Help support the child?",
        choices=[("yes", "Stepped down to Early Help"), ("no", "Early Help works alongside Social Care")],
        required=False,
    )
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False, max_length=5000)

    QUESTIONS: dict[str, tuple[str, ...]] = {
        TaskCode.COMPLETE_RISK_ASSESSMENT: ("new_concerns",),
        TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING: ("meeting", "confirmed_level"),
        TaskCode.STEP_DOWN_TO_EARLY_HELP: ("stepped_down",),
    }
    MISSING = {
        "new_concerns": "Select whether the assessment identified new concerns",
        "meeting": "Select which meeting you decided on, or neither",
        "confirmed_level": "No meeting will be held: select the level of risk you confirm",
        "stepped_down": "Select how Early Help will support the child",
    }

    def __init__(self, *args: Any, task: Task, designated_cse_workers: Sequence[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = self.QUESTIONS.get(task.code, ())
        for name in ("new_concerns", "meeting", "confirmed_level", "stepped_down"):
            if name not in self.questions:
                del self.fields[name]
        # Decision 0030: where the area has several Designated CSE workers, the referrer chooses one.
        if task.code == TaskCode.REFER_TO_DESIGNATED_CSE_WORKER and len(designated_cse_workers) > 1:
            self.fields["designated_cse_worker"] = forms.ChoiceField(
                label="Which Designated CSE worker is the child referred to?",
                choices=[(str(worker.pk), worker.display_name) for worker in designated_cse_workers],
                error_messages={"required": "Select the Designated CSE worker the child is referred to"},
            )

    def designated_cse_worker_id(self) -> int | None:
        chosen = self.cleaned_data.get("designated_cse_worker")
        return int(chosen) if chosen else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.questions:
            # A meeting determines the level itself (seed 003, 2.2): only "neither" needs one here.
            if name == "confirmed_level" and data.get("meeting") != MeetingDecision.NEITHER:
                continue
            if not data.get(name):
                self.add_error(name, self.MISSING[name])
        return data

    def outcome(self) -> Outcome:
        data = self.cleaned_data
        return Outcome(
            new_concerns=data["new_concerns"] == "yes" if data.get("new_concerns") else None,
            meeting=MeetingDecision(data["meeting"]) if data.get("meeting") else None,
            confirmed_level=RiskLevel(data["confirmed_level"]) if data.get("confirmed_level") else None,
            stepped_down=data["stepped_down"] == "yes" if data.get("stepped_down") else None,
        )


class TaskCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is this task not needed?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why the task is not needed"},
    )


class AssessmentForm(forms.Form):
    """The risk assessment tool's domains, built from the tool version the assessment uses."""

    def __init__(self, *args: Any, tool: ToolDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        for number, domain in enumerate(tool.domains, start=1):
            self.fields[f"domain_{domain.code}"] = forms.MultipleChoiceField(
                label=f"{number}. {domain.title}",
                choices=[(indicator.code, indicator.text) for indicator in domain.indicators],
                required=False,
            )
            self.fields[f"notes_{domain.code}"] = forms.CharField(
                label=f"Notes on {domain.title.lower()} (optional)",
                widget=forms.Textarea,
                required=False,
                max_length=5000,
            )

    @staticmethod
    def initial_for(tool: ToolDefinition, chosen: set[str], notes: dict[str, str]) -> dict[str, object]:
        """Initial values that tick the chosen indicators and fill the notes, domain by domain."""
        initial: dict[str, object] = {}
        for domain in tool.domains:
            initial[f"domain_{domain.code}"] = [i.code for i in domain.indicators if i.code in chosen]
            initial[f"notes_{domain.code}"] = notes.get(domain.code, "")
        return initial

    def domain_fields(self) -> list[tuple[Domain, forms.BoundField, forms.BoundField]]:
        return [(domain, self[f"domain_{domain.code}"], self[f"notes_{domain.code}"]) for domain in self.tool.domains]

    def selected(self) -> frozenset[str]:
        return frozenset(code for domain in self.tool.domains for code in self.cleaned_data[f"domain_{domain.code}"])

    def domain_notes(self) -> dict[str, str]:
        return {domain.code: self.cleaned_data[f"notes_{domain.code}"] for domain in self.tool.domains}


class ScreeningForm(AssessmentForm):
    """The front door's screening: the case status, then the tool's domains."""

    case_status = forms.ChoiceField(
        label="What is the case status?",
        choices=CaseStatus.choices,
        error_messages={"required": "Select the case status"},
    )
    # "Likewise, if a Darlington child is placed out of area, the case holding social worker will liaise with
    # the host Local Authority" (procedure 2.2): asked as well as the status, not as a status.
    placed_out_of_area = forms.ChoiceField(
        label="Is the child one of ours placed out of area?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is placed out of area"},
    )
    host_authority = forms.CharField(label="Host authority", required=False, max_length=HOST_TEXT_MAX)
    host_social_worker = forms.CharField(
        label="The host authority's social worker (optional)", required=False, max_length=HOST_TEXT_MAX
    )
    host_social_worker_contact = forms.CharField(
        label="Their phone number or email (optional)", required=False, max_length=HOST_TEXT_MAX
    )

    field_order = ["case_status", "placed_out_of_area", "host_authority", "host_social_worker"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "placed_out_of_area" in data:
            for name, message in self.placement().problems().items():
                self.add_error(name, message)
        return data

    def placement(self) -> PlacementInput:
        data = self.cleaned_data
        return PlacementInput(
            placed_out_of_area=data.get("placed_out_of_area") == "yes",
            host_authority=data.get("host_authority", ""),
            host_social_worker=data.get("host_social_worker", ""),
            host_social_worker_contact=data.get("host_social_worker_contact", ""),
        )

    @staticmethod
    def placement_initial(placement: PlacementInput) -> dict[str, object]:
        return {
            "placed_out_of_area": "yes" if placement.placed_out_of_area else "no",
            "host_authority": placement.host_authority,
            "host_social_worker": placement.host_social_worker,
            "host_social_worker_contact": placement.host_social_worker_contact,
        }


class ConfirmLevelForm(DatePartsMixin):
    confirmed_level = forms.ChoiceField(
        label="What level of risk do you confirm?",
        choices=RiskLevel.choices,
        error_messages={"required": "Select the level of risk you confirm"},
    )
    reason = forms.CharField(label="Your reason", widget=forms.Textarea, required=False, max_length=5000)
    review_day = date_part(2)
    review_month = date_part(2)
    review_year = date_part(4)
    age_estimate = forms.IntegerField(
        label="The child's age, as best you know it",
        required=False,
        min_value=MIN_AGE_YEARS,
        max_value=MAX_AGE_YEARS,
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 14",
            "min_value": f"The age must be from {MIN_AGE_YEARS} to {MAX_AGE_YEARS}",
            "max_value": OVER_AGE_EXPLANATION,
        },
    )

    def __init__(self, *args: Any, suggested_level: str, age_known: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not pre-selected: the practitioner confirms a level, the tool only suggests one.
        self.suggested_level = suggested_level
        if age_known:
            del self.fields["age_estimate"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("confirmed_level")
        if level and level != self.suggested_level and not data.get("reason", "").strip():
            self.add_error("reason", f"Enter why you confirm {level} when the tool suggests {self.suggested_level}")
        data["review_due_on"] = self.date_from_parts("review", label="Review date", required=True, allow_future=True)
        if "age_estimate" in self.fields and data.get("age_estimate") is None and "age_estimate" not in self.errors:
            self.add_error("age_estimate", "The date of birth is not known: enter the child's age, as best you can")
        return data

    def answers(self) -> dict[str, Any]:
        """The confirmation, as the screening and review services take it."""
        data = self.cleaned_data
        return {
            "confirmed_level": RiskLevel(data["confirmed_level"]),
            "reason": data.get("reason", ""),
            "review_due_on": data["review_due_on"],
            "age_estimate": data.get("age_estimate"),
        }


class FrontDoorReferralForm(forms.Form):
    concern = forms.CharField(
        label="What is the new or escalating risk?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the new or escalating risk"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )


class CaseloadFilterForm(forms.Form):
    """The filters and sorting of a caseload (decision 0030); anything not understood is left out."""

    level = forms.ChoiceField(
        label="Level of risk",
        required=False,
        choices=[
            ("", "Any level"),
            (LevelFilter.HIGH.value, "High"),
            (LevelFilter.MEDIUM.value, "Medium"),
            (LevelFilter.LOW.value, "Low"),
            (LevelFilter.NONE.value, "Not assessed"),
        ],
    )
    review_overdue = forms.BooleanField(label="Review overdue", required=False)
    missing = forms.BooleanField(label=f"Missing in the last {MISSING_WINDOW_DAYS} days", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            (CaseloadSort.LEVEL.value, "Level of risk, highest first"),
            (CaseloadSort.REVIEW.value, "Next review, soonest first"),
            (CaseloadSort.MISSING.value, "Missing episodes, most first"),
            (CaseloadSort.TASKS.value, "Open tasks, most first"),
            (CaseloadSort.NAME.value, "Name"),
        ],
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args: Any, teams: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.TypedChoiceField)
        team_field.choices = [("", "All your teams"), *((str(pk), name) for pk, name in teams)]

    def to_query(self, *, page: int) -> CaseloadQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return CaseloadQuery(
            level=LevelFilter(data["level"]) if data.get("level") else None,
            review_overdue=bool(data.get("review_overdue")),
            missing=bool(data.get("missing")),
            sort=CaseloadSort(data["sort"]) if data.get("sort") else CaseloadSort.LEVEL,
            team_id=data.get("team"),
            page=page,
        )

    def query_string(self) -> str:
        """The filters as a query string, for the links to other pages of the list."""
        data = self.cleaned_data if self.is_valid() else {}
        kept = {
            "level": data.get("level") or "",
            "review_overdue": "on" if data.get("review_overdue") else "",
            "missing": "on" if data.get("missing") else "",
            "sort": data.get("sort") or "",
            "team": str(data["team"]) if data.get("team") else "",
        }
        return urlencode({name: value for name, value in kept.items() if value})


class ReferralMakeForm(DatePartsMixin):
    """A referral by any professional: the child as they know them, and their concern (decision 0031)."""

    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    known_as = forms.CharField(label="Known as", max_length=100, required=False)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    age_estimate = forms.IntegerField(
        label="Or their age, as best you know it",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 14",
            "min_value": "Enter the age as a whole number of years, like 14",
            "max_value": "The procedure is for children and young people under 18",
        },
    )
    gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        initial=Gender.NOT_KNOWN,
        error_messages={"required": "Select the child's gender, or not known"},
    )
    school = forms.CharField(label="School or college (optional)", max_length=150, required=False)
    address = forms.CharField(
        label="Address or postcode (optional)", widget=forms.Textarea, max_length=1000, required=False
    )
    description = forms.CharField(
        label="Anything else that would help find them (optional)",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
    )
    area = forms.ChoiceField(label="Which area does the child live in?", required=False)

    concern = forms.CharField(
        label="What is your concern?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter your concern, in your own words"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )
    warning_signs = forms.MultipleChoiceField(label="Warning signs seen", choices=WarningSign.choices, required=False)
    other_children = forms.CharField(
        label="Other children or young people who may be involved (optional)",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]], own_area_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)
        first = [] if own_area_id is not None else [("", "Choose an area")]
        area_field.choices = [*first, *((str(pk), name) for pk, name in areas)]
        area_field.initial = str(own_area_id) if own_area_id is not None else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)
        return data

    def referral_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            known_as=data.get("known_as", ""),
            date_of_birth=data.get("date_of_birth"),
            age_estimate=data.get("age_estimate"),
            gender=data.get("gender") or Gender.NOT_KNOWN,
            school=data.get("school", ""),
            address=data.get("address", ""),
            description=data.get("description", ""),
            area_id=int(data["area"]) if data.get("area") else None,
            concern=data["concern"],
            immediate_risk=data["immediate_risk"] == "yes",
            warning_signs=frozenset(WarningSign(sign) for sign in data.get("warning_signs", [])),
            other_children=data.get("other_children", ""),
        )


class ReferralMatchForm(forms.Form):
    child = forms.ChoiceField(
        label="Which child is this referral about?",
        error_messages={"required": "Select the child this referral is about, or a new child"},
    )
    reference = forms.CharField(label="CSE Hub reference", max_length=20, required=False)

    NEW = "new"
    BY_REFERENCE = "reference"

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child_field = self.fields["child"]
        assert isinstance(child_field, forms.ChoiceField)
        child_field.choices = [
            *candidates,
            (self.BY_REFERENCE, "Another child, by their CSE Hub reference"),
            (self.NEW, "A child not yet recorded: make a new record from the referral"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("child") == self.BY_REFERENCE and not data.get("reference", "").strip():
            self.add_error("reference", "Enter the child's CSE Hub reference")
        return data
