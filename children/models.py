"""The child record, its chronology and missing-from-home episodes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Area, Role, Team
from children.case_status import CaseStatus
from children.inputs.placement import PlacementInput
from children.learning_disability import LearningDisability, needs_caution
from core.append_only import AppendOnlyModel


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Describes themselves in another way"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    # The 2021 census high-level groups, which is how partnership statistics report ethnicity.
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


class SpecialEducationalNeeds(models.TextChoices):
    NONE = "none", "None"
    SEN_SUPPORT = "sen_support", "SEN support"
    EHC_PLAN = "ehc_plan", "Education, health and care plan"
    NOT_KNOWN = "not_known", "Not known"


class Child(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True, help_text="Preferred name, nickname or street name.")
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, default=Ethnicity.NOT_STATED)
    nhs_number = models.CharField(max_length=10, blank=True)
    home_authority = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="home_children")
    responsible_authority = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="responsible_children")
    looked_after = models.BooleanField(default=False)
    learning_disability = models.CharField(
        max_length=10,
        choices=LearningDisability.choices,
        default=LearningDisability.NOT_KNOWN,
        help_text="Not known stays not known until answered, and is treated as yes (procedure 2.2, note).",
    )
    special_educational_needs = models.CharField(
        max_length=20, choices=SpecialEducationalNeeds.choices, default=SpecialEducationalNeeds.NOT_KNOWN
    )
    school = models.CharField(max_length=150, blank=True)
    case_status = models.CharField(max_length=30, choices=CaseStatus.choices, default=CaseStatus.NEW_CASE)
    # A duty added to the case status, not a status (procedure 2.2; decision 0034). The host authority
    # and its social worker are often outside the partnership: free text.
    placed_out_of_area = models.BooleanField(
        default=False,
        help_text="A child of ours placed out of area: the case-holding social worker liaises with the host "
        "authority (procedure 2.2).",
    )
    host_authority = models.CharField(max_length=200, blank=True, help_text="The host authority's name.")
    host_social_worker = models.CharField(max_length=200, blank=True, help_text="The host authority's social worker.")
    host_social_worker_contact = models.CharField(
        max_length=200, blank=True, help_text="How to reach the host authority's social worker."
    )
    holding_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="held_children", help_text="The team that holds the case."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    risk_level = models.CharField(
        max_length=10,
        blank=True,
        default="",
        editable=False,
        help_text="The current confirmed level of risk ('' when none): the newest of the child's level records, "
        "kept by assessments.services.risk_level_record in the same transaction as each record.",
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the case was closed; empty while it is open (decision 0024)."
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~models.Q(nhs_number=""), name="child_nhs_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="child_name"),
            models.Index(fields=["date_of_birth"], name="child_date_of_birth"),
            # The MEG agenda: an area's medium and high risk children, without reading every child's records.
            models.Index(fields=["responsible_authority", "risk_level"], name="child_area_risk_level"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age_years(self) -> int | None:
        if self.date_of_birth is None:
            return None
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @property
    def placement(self) -> PlacementInput:
        return PlacementInput(
            placed_out_of_area=self.placed_out_of_area,
            host_authority=self.host_authority,
            host_social_worker=self.host_social_worker,
            host_social_worker_contact=self.host_social_worker_contact,
        )

    @property
    def is_under_13(self) -> bool:
        # Rule 7: a CSE concern about a child under 13 must go to the front door.
        age = self.age_years
        return age is not None and age < 13

    @property
    def learning_disability_not_known(self) -> bool:
        return self.learning_disability == LearningDisability.NOT_KNOWN

    @property
    def learning_disability_caution(self) -> bool:
        """Rule 7 applies: a learning disability, or not known whether there is one."""
        return needs_caution(self.learning_disability)

    @property
    def front_door_referral_required(self) -> bool:
        """Rule 7: any CSE concern about this child goes to the front door, never closed by one agency."""
        return self.is_under_13 or self.learning_disability_caution


class CaseAllocation(models.Model):
    """A worker allocated to a child's case, from any agency (for example a school lead worker)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="allocations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=30, choices=Role.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Who allocated and who ended (empty for allocations recorded before they were kept, and for the
    # demo's history); why it ended (decision 0030).
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "user", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="allocation_one_open_per_role",
            ),
            # One case-holding social worker at a time (decision 0030).
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_at__isnull=True, role="social_worker"),
                name="allocation_one_case_holding_social_worker",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="allocation_ends_after_start",
            ),
        ]
        indexes = [
            # Caseloads: a worker's open allocations.
            models.Index(fields=["user"], condition=models.Q(ended_at__isnull=True), name="allocation_open_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.child}"


class ChronologyKind(models.TextChoices):
    NOTE = "note", "Note"
    CHILD_RECORDED = "child_recorded", "Child recorded"
    MISSING_EPISODE = "missing_episode", "Missing episode"
    CASE_STATUS = "case_status", "Case status"
    ALLOCATION = "allocation", "Allocation"
    CONTACT = "contact", "Contact"
    ASSESSMENT = "assessment", "Assessment"
    MEETING = "meeting", "Meeting"
    TASK = "task", "Task"
    RISK_LEVEL = "risk_level", "Risk level"
    CHALLENGE = "challenge", "Professional challenge"
    CORRECTION = "correction", "Correction to the record"


class NoteSource(models.TextChoices):
    """Who gave the information a case note records (rule 13: every record keeps its source)."""

    CHILD = "child", "The child"
    PARENT_OR_CARER = "parent_or_carer", "A parent or carer"
    PROFESSIONAL = "professional", "A professional of an agency"
    OWN_OBSERVATION = "own_observation", "My own observation"
    SOMEONE_ELSE = "someone_else", "Someone else"


class ChronologyEntry(AppendOnlyModel):
    """One line of the child's timeline. Append-only: a correction is a new entry."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="chronology")
    occurred_at = models.DateTimeField(help_text="When the event happened.")
    recorded_at = models.DateTimeField(default=timezone.now, help_text="When it was written down.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(max_length=200, help_text="Where the information came from (rule 13).")
    kind = models.CharField(max_length=20, choices=ChronologyKind.choices)
    summary = models.TextField()
    # A case note's source, kept as values as well as in words (`source`): who gave the information,
    # the recorded parent or carer when it was one, and what the recorder added about it.
    source_kind = models.CharField(max_length=20, choices=NoteSource.choices, blank=True, default="")
    source_carer = models.ForeignKey("Carer", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_detail = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = "chronology entries"


class ReporterKind(models.TextChoices):
    """Who reported the child missing: the kinds a practitioner chooses from (decision 0024)."""

    PARENT_OR_CARER = "parent_or_carer", "Parent or carer"
    FOSTER_OR_RESIDENTIAL_CARER = "foster_or_residential_carer", "Foster carer or residential care staff"
    POLICE = "police", "Police"
    SCHOOL = "school", "School or college"
    PROFESSIONAL = "professional", "Another professional"
    OTHER = "other", "Someone else"
    NOT_RECORDED = "not_recorded", "Not recorded"  # episodes written before the kind was asked


class MissingEpisode(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="missing_episodes")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reported_by_kind = models.CharField(max_length=30, choices=ReporterKind.choices, default=ReporterKind.NOT_RECORDED)
    reported_by = models.CharField(max_length=200, help_text="Who reported the child missing.")
    where_found = models.CharField(max_length=300, blank=True)
    return_interview_completed_at = models.DateTimeField(null=True, blank=True)
    return_interview_by = models.CharField(
        max_length=200, blank=True, help_text="Who held the return home interview: name and organisation."
    )
    return_interview_summary = models.TextField(blank=True)
    return_interview_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="missing_episode_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(return_interview_completed_at__isnull=True) | models.Q(ended_at__isnull=False),
                name="return_interview_after_the_return",
            ),
        ]
        indexes = [
            # The front door's missing-episodes prompt counts each child's recent episodes (decision 0033):
            # the window's episodes are read from this index alone, however many children there are.
            models.Index(fields=["started_at", "child"], name="missing_episode_start_child"),
        ]

    def __str__(self) -> str:
        return f"{self.child} missing from {self.started_at:%Y-%m-%d %H:%M}"


class CarerRelationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    RESIDENTIAL_KEY_WORKER = "residential_key_worker", "Residential key worker"
    OTHER = "other", "Other relative or carer"


class Carer(models.Model):
    """A parent or carer of the child: who letters go to, and who may give the family's feedback."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="carers")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=30, choices=CarerRelationship.choices)
    address = models.TextField(blank=True)
    has_parental_responsibility = models.BooleanField(default=True)
    lives_with_child = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["child", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"


class ChildCorrection(AppendOnlyModel):
    """One detail of the child's record put right: what it was, what it became, why, who and when.
    Append-only: the history of a child's details is never rewritten (decision 0025)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(max_length=40, help_text="The name of the corrected field of the child's record.")
    old_value = models.CharField(max_length=200, blank=True, help_text="As the record showed it, in words.")
    new_value = models.CharField(max_length=200, blank=True, help_text="As the record shows it now, in words.")
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-corrected_at", "-id"]

    def __str__(self) -> str:
        return f"{self.child} {self.field}: {self.old_value} -> {self.new_value}"

    @property
    def field_label(self) -> str:
        label = getattr(Child._meta.get_field(self.field), "verbose_name", self.field)
        return str(label).capitalize().replace("Nhs", "NHS")
