"""The partnership's structure: areas, agencies, teams, and the people who work in them."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Area(models.Model):
    """A local authority area. One deployment can serve several, for cross-border work."""

    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True, help_text="Short code used in references, e.g. NFD.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    CHILDRENS_SERVICES = "childrens_services", "Children's services"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary sector"
    LICENSING = "licensing", "Licensing"
    OTHER = "other", "Other"


class Agency(models.Model):
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="Empty for agencies that serve the whole partnership, such as the police force.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Children's Access Point (front door)"
    EARLY_HELP = "early_help", "Early Help"
    FIRST_RESPONSE = "first_response", "Children's First Response Team"
    FAMILIES_ASSESSMENT = "families_assessment", "Children and Families Assessment Team"
    SOCIAL_CARE = "social_care", "Social care team"
    DESIGNATED_CSE = "designated_cse", "Designated CSE worker"
    MEG_SUPPORT = "meg_support", "MEG business support"
    POLICE_INTELLIGENCE = "police_intelligence", "Police intelligence"
    POLICE_SAFEGUARDING = "police_safeguarding", "Police safeguarding"
    ANALYSTS = "analysts", "Partnership analysts"
    PARTNER = "partner", "Partner agency team (school, health, voluntary, licensing)"


class Team(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=TeamKind.choices)
    email = models.EmailField(blank=True, help_text="Shared mailbox for the team's reminders.")

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.name})"


class User(AbstractUser):
    """A member of staff. Members of the public never have an account."""

    job_title = models.CharField(max_length=150, blank=True)
    teams = models.ManyToManyField(Team, through="Membership", related_name="members")

    class Meta:
        ordering = ["last_name", "first_name"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def is_verified(self) -> bool:
        """Whether this session passed the second factor. django_otp's middleware replaces this
        on each request's user; anywhere else the answer is no, so a missed check fails closed."""
        return False


class Role(models.TextChoices):
    SCREENER = "screener", "Front door screener"
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    LEAD_WORKER = "lead_worker", "Lead worker (Early Help, school, health)"
    DESIGNATED_CSE_WORKER = "designated_cse_worker", "Designated CSE worker"
    MEG_CHAIR = "meg_chair", "MEG chair"
    MEG_BUSINESS_SUPPORT = "meg_business_support", "MEG business support officer"
    POLICE_INTELLIGENCE = "police_intelligence", "Police intelligence officer or analyst"
    PARTNERSHIP_ANALYST = "partnership_analyst", "Partnership analyst or strategic lead"


class Membership(models.Model):
    """A user's role in one team. A user may hold roles in several teams."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.team}"
