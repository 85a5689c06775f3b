"""No record the demo makes is out of its users' reach (issue 11, done when): every model the demo
generator fills has a way for the person who makes such a record to make it.

The demo is run, and every model with rows afterwards must be in `WAYS_IN`: made by a named service
that a page (and, where the partnership's systems need it, the API) calls, or set up by a system
administrator in the admin site (the partnership's structure), or made by the system itself as part of
a user's action, which names the action. The test checks that each named service exists and that each
named page or API module calls it, so a way in that is taken away fails here; a model the demo starts
to fill without a way in fails too.
"""

import importlib
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command


@dataclass(frozen=True)
class Service:
    """Made by `service` ("module.function"), which these page and API modules call."""

    service: str
    pages: tuple[str, ...]
    api: tuple[str, ...] = ()


@dataclass(frozen=True)
class Admin:
    """Set up by a system administrator in the admin site (registered there, or inline in `via`)."""

    via: str = ""


@dataclass(frozen=True)
class Command:
    """Made by a management command that the partnership's system administrator runs (`name`), which
    calls `service`."""

    name: str
    service: str


@dataclass(frozen=True)
class Consequence:
    """Made by the system as part of a user's action: `of` is the service that the action calls."""

    of: Service
    why: str


WayIn = Service | Admin | Command | Consequence

# Django's and the libraries' own bookkeeping, which no person makes as a record.
NOT_RECORDS = {"auth.Permission", "contenttypes.ContentType", "django_tasks_database.DBTaskResult"}

CONTACT = Service(
    "frontdoor.services.contacts.contact_create", ("frontdoor.views.contacts",), ("frontdoor.api.contacts",)
)
SCREENING = Service(
    "frontdoor.services.screening.screening_start", ("frontdoor.views.screenings",), ("frontdoor.api.screenings",)
)
DECISION = Service(
    "frontdoor.services.screening.screening_decide", ("frontdoor.views.screenings",), ("frontdoor.api.screenings",)
)
HOLD = Service("meetings.services.records.meeting_hold", ("meetings.views.records",))
MINUTES = Service("meetings.services.minutes.minutes_draft_save", ("meetings.views.minutes",))
SUBMISSION = Service(
    "intelligence.services.submissions.submission_record",
    ("intelligence.views.sharing", "intelligence.views.public"),
    ("intelligence.api.views",),
)

WAYS_IN: dict[str, WayIn] = {
    # The partnership's structure and accounts: the system administrator's admin site (accounts/admin.py).
    "accounts.Area": Admin(),
    "accounts.Agency": Admin(),
    "accounts.Team": Admin(),
    "accounts.User": Admin(),
    "accounts.Membership": Admin(via="accounts.User"),
    "meetings.MegSchedule": Admin(),
    "otp_totp.TOTPDevice": Service("accounts.services.totp_device_confirm", ("accounts.views",)),
    "assessments.AssessmentTool": Command("load_assessment_tool", "assessments.services.assessment_tool_load"),
    # The child's record.
    "children.Child": Consequence(CONTACT, "a contact about a child the partnership does not know records the child"),
    "children.CaseAllocation": Service(
        "children.services.allocations.allocation_start", ("children.views.allocations",), ("children.api.allocations",)
    ),
    "children.ChronologyEntry": Service(
        "children.services.notes.case_note_record", ("children.views.notes",), ("children.api.notes",)
    ),
    "children.MissingEpisode": Service(
        "children.services.missing.missing_episode_record", ("children.views.missing",), ("children.api.missing",)
    ),
    "children.Carer": Service("meetings.services.letters.carer_add", ("meetings.views.letters",)),
    # The front door.
    "frontdoor.Contact": CONTACT,
    "frontdoor.ContactLinkedChild": Service(
        "frontdoor.services.contacts.contact_linked_child_add", ("frontdoor.views.contacts",)
    ),
    "frontdoor.Screening": SCREENING,
    "assessments.Assessment": Consequence(SCREENING, "a screening is made with its assessment in the tool"),
    "assessments.RiskLevelRecord": Consequence(DECISION, "the screener's decision confirms the level"),
    "frontdoor.Task": Consequence(DECISION, "the decision's routing sets the tasks the procedure implies"),
    # Meetings and the MEG.
    "meetings.Meeting": Service("meetings.services.records.meeting_arrange", ("meetings.views.records",)),
    "meetings.MeetingParticipant": Service("meetings.services.records.participant_invite", ("meetings.views.records",)),
    "meetings.AgencyRequest": Service("meetings.services.records.agency_request_create", ("meetings.views.records",)),
    "meetings.AgendaItem": Consequence(HOLD, "holding a meeting freezes its agenda"),
    "meetings.ContextualItem": Service(
        "meetings.services.contextual.contextual_item_create", ("meetings.views.contextual",)
    ),
    "meetings.ContextualItemEntity": Service(
        "meetings.services.contextual_entities.contextual_item_entity_link", ("meetings.views.entity_links",)
    ),
    "meetings.LetterTemplate": Service(
        "meetings.services.letters.letter_templates_ensure", ("meetings.views.letters",)
    ),
    "meetings.Letter": Service("meetings.services.letters.meeting_letters_request", ("meetings.views.letters",)),
    "meetings.Feedback": Service("meetings.services.letters.feedback_record", ("meetings.views.letters",)),
    "meetings.Minutes": MINUTES,
    "meetings.MinuteItem": Consequence(MINUTES, "the minutes hold one item for each item of the agenda"),
    "meetings.Plan": Service("meetings.services.plans.plan_for_child_get_or_create", ("meetings.views.plans",)),
    "meetings.Action": Service("meetings.services.plans.action_create", ("meetings.views.plans",)),
    "meetings.ActionUpdate": Service(
        "meetings.services.plans.action_update_record", ("meetings.views.actions",), ("meetings.api.actions",)
    ),
    # Intelligence.
    "intelligence.Submission": SUBMISSION,
    "intelligence.SubmissionChild": Consequence(SUBMISSION, "a report names the children it is about"),
    "intelligence.Mention": Consequence(SUBMISSION, "a report's people, vehicles, places and numbers"),
    "intelligence.Entity": Consequence(SUBMISSION, "what the report mentions is resolved to one thing"),
    "intelligence.MatchCandidate": Consequence(SUBMISSION, "the linking that follows a stored report"),
    "intelligence.Grading": Service("intelligence.services.grading.submission_grade", ("intelligence.views.grading",)),
    "intelligence.NetworkOverviewRun": Service(
        "intelligence.services.overview.network_overview_refresh_ask", ("intelligence.views.network",)
    ),
}


def _function(dotted: str) -> object:
    module, name = dotted.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name, None)
    assert callable(function), f"{dotted} is not a function of {module}"
    return function


def _calls(module: str, service: str) -> bool:
    """Whether the module's source calls the service (by its name, imported or through its module)."""
    source = Path(importlib.import_module(module).__file__ or "").read_text()
    return re.search(rf"\b{re.escape(service.rsplit('.', 1)[1])}\(", source) is not None


def _check_service(way: Service) -> list[str]:
    _function(way.service)
    modules = (*way.pages, *way.api)
    problems = [f"{module} does not call {way.service}" for module in modules if not _calls(module, way.service)]
    if not way.pages:
        problems.append(f"no page calls {way.service}")
    return problems


def _check(label: str, way: WayIn) -> list[str]:
    model = apps.get_model(label)
    if isinstance(way, Admin):
        registered = admin.site._registry
        if way.via:
            inlines = getattr(registered.get(apps.get_model(way.via)), "inlines", [])
            return [] if any(inline.model is model for inline in inlines) else [f"{label} is not inline in {way.via}"]
        return [] if model in registered else [f"{label} is not in the admin site"]
    if isinstance(way, Command):
        module = f"{model._meta.app_label}.management.commands.{way.name}"
        _function(way.service)
        return [] if _calls(module, way.service) else [f"the {way.name} command does not call {way.service}"]
    if isinstance(way, Consequence):
        return _check_service(way.of)
    return _check_service(way)


@pytest.mark.django_db
def test_every_model_the_demo_fills_has_a_way_in_for_its_user(settings, assessment_tool):
    settings.DEBUG = True
    call_command("seed_demo", children_per_area=3, stdout=StringIO())
    filled = {model._meta.label for model in apps.get_models() if model._default_manager.exists()} - NOT_RECORDS
    assert filled - WAYS_IN.keys() == set(), "the demo fills these, with no way in named for their users"
    problems = [problem for label in sorted(filled) for problem in _check(label, WAYS_IN[label])]
    assert problems == []


def test_every_way_in_names_a_model_and_what_makes_it():
    problems = [problem for label, way in WAYS_IN.items() for problem in _check(label, way)]
    assert problems == []
