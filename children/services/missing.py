"""Missing from home: the episode when the child is reported missing, its return (when and where the
child was found), and the return home interview. Each write checks that its actor holds the child
(children/access.py), saves the episode and its chronology line in one transaction, or nothing.

The rules (decision 0024): a child is missing once at a time, so a new episode waits for the open
one's return; nothing happens in the future; a child comes back after going missing and is
interviewed after coming back; an episode has one return and one return home interview.
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.standing import agency_of
from children.access import access_child_to_write, access_missing_episode
from children.inputs.missing import MissingEpisodeInput, MissingEpisodeReturnInput, ReturnInterviewInput
from children.models import Child, ChronologyKind, MissingEpisode, ReporterKind
from children.services import chronology_entry_create

REPORTER_KINDS = tuple(kind for kind in ReporterKind if kind != ReporterKind.NOT_RECORDED)
REPORTED_BY_MAX = 200
WHERE_FOUND_MAX = 300
INTERVIEWED_BY_MAX = 200
SUMMARY_MAX = 10_000


def _when(moment: dt.datetime) -> str:
    """'3 March 2026 at 14:05', in the partnership's time."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y at %H:%M}"


def _reporter(*, kind: str, name: str) -> str:
    label = ReporterKind(kind).label
    return f"{label} ({name})" if name else label


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _return_errors(
    errors: dict[str, list[str]], *, started_at: dt.datetime, ended_at: dt.datetime, where_found: str, now: dt.datetime
) -> None:
    if ended_at > now:
        _add(errors, "ended_at", "The time the child came back must be in the past")
    elif ended_at < started_at:
        _add(
            errors,
            "ended_at",
            f"The time the child came back must be after they went missing ({_when(started_at)})",
        )
    if not where_found.strip():
        _add(errors, "where_found", "Enter where the child was found")
    elif len(where_found.strip()) > WHERE_FOUND_MAX:
        _add(errors, "where_found", f"Where the child was found must be {WHERE_FOUND_MAX} characters or fewer")


def _episode_errors(*, child: Child, data: MissingEpisodeInput, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.started_at > now:
        _add(errors, "started_at", "The time the child went missing must be in the past")
    if data.reported_by_kind not in REPORTER_KINDS:
        _add(errors, "reported_by_kind", "Select who reported the child missing")
    elif data.reported_by_kind == ReporterKind.OTHER and not data.reported_by.strip():
        _add(errors, "reported_by", "Enter who reported the child missing")
    if len(data.reported_by.strip()) > REPORTED_BY_MAX:
        _add(errors, "reported_by", f"Who reported the child missing must be {REPORTED_BY_MAX} characters or fewer")
    if data.ended_at is not None:
        _return_errors(
            errors, started_at=data.started_at, ended_at=data.ended_at, where_found=data.where_found, now=now
        )
    elif data.where_found.strip():
        _add(errors, "ended_at", "Enter when the child came back, or leave where they were found empty")
    still_missing = child.missing_episodes.filter(ended_at__isnull=True).order_by("-started_at").first()
    if still_missing is not None:
        _add(
            errors,
            "__all__",
            f"{child.full_name} is already recorded as missing since {_when(still_missing.started_at)}: "
            "record their return on that episode first",
        )
    return errors


@transaction.atomic
def missing_episode_record(*, actor: User, child_id: uuid.UUID | str, data: MissingEpisodeInput) -> MissingEpisode:
    """A child reported missing, perhaps already back: the episode and its line in the chronology."""
    child = access_child_to_write(actor, child_id)
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one episode recorded at a time per child
    now = timezone.now()
    _refuse(_episode_errors(child=child, data=data, now=now))
    came_back = data.ended_at is not None
    episode = MissingEpisode.objects.create(
        child=child,
        started_at=data.started_at,
        ended_at=data.ended_at,
        reported_by_kind=data.reported_by_kind,
        reported_by=data.reported_by.strip(),
        where_found=data.where_found.strip() if came_back else "",
        recorded_by=actor,
        recorded_at=now,
    )
    reporter = _reporter(kind=episode.reported_by_kind, name=episode.reported_by)
    summary = f"Reported missing by {reporter[0].lower()}{reporter[1:]}."
    if data.ended_at is not None:
        summary += f" Came back {_when(data.ended_at)}; found at {episode.where_found}."
    else:
        summary += " Still missing."
    chronology_entry_create(
        child=child,
        recorded_by=actor,
        kind=ChronologyKind.MISSING_EPISODE,
        summary=summary,
        source=f"Missing episode reported by {reporter}"[:200],
        occurred_at=data.started_at,
        source_agency=agency_of(actor),
    )
    return episode


def _episode_to_record(actor: User, episode_id: int) -> MissingEpisode:
    """The episode, locked, for someone who holds its child; not found for whoever may not see the child."""
    episode = access_missing_episode(actor, episode_id, for_update=True)
    episode.child = access_child_to_write(actor, episode.child_id)
    return episode


@transaction.atomic
def missing_episode_return_record(*, actor: User, episode_id: int, data: MissingEpisodeReturnInput) -> MissingEpisode:
    """The child came back: when, and where they were found."""
    episode = _episode_to_record(actor, episode_id)
    errors: dict[str, list[str]] = {}
    if episode.ended_at is not None:
        _add(
            errors,
            "__all__",
            f"The return was already recorded: {episode.child.first_name} came back {_when(episode.ended_at)}",
        )
        _refuse(errors)
    _return_errors(
        errors, started_at=episode.started_at, ended_at=data.ended_at, where_found=data.where_found, now=timezone.now()
    )
    _refuse(errors)
    episode.ended_at = data.ended_at
    episode.where_found = data.where_found.strip()
    episode.save(update_fields=["ended_at", "where_found"])
    chronology_entry_create(
        child=episode.child,
        recorded_by=actor,
        kind=ChronologyKind.MISSING_EPISODE,
        summary=f"Came back after being missing since {_when(episode.started_at)}; found at {episode.where_found}.",
        source=f"Missing episode reported by {_reporter(kind=episode.reported_by_kind, name=episode.reported_by)}"[
            :200
        ],
        occurred_at=data.ended_at,
        source_agency=agency_of(actor),
    )
    return episode


@transaction.atomic
def return_interview_record(*, actor: User, episode_id: int, data: ReturnInterviewInput) -> MissingEpisode:
    """The return home interview held after the child came back: when, by whom, what was learnt."""
    episode = _episode_to_record(actor, episode_id)
    errors: dict[str, list[str]] = {}
    if episode.ended_at is None:
        _add(
            errors,
            "__all__",
            f"{episode.child.first_name} is still recorded as missing: record their return before the "
            "return home interview",
        )
    elif episode.return_interview_completed_at is not None:
        _add(errors, "__all__", "A return home interview is already recorded for this episode")
    _refuse(errors)
    assert episode.ended_at is not None
    if data.completed_at > timezone.now():
        _add(errors, "completed_at", "The date of the return home interview must be in the past")
    elif data.completed_at < episode.ended_at:
        _add(
            errors,
            "completed_at",
            f"The return home interview must be after the child came back ({_when(episode.ended_at)})",
        )
    interviewed_by, summary = data.interviewed_by.strip(), data.summary.strip()
    if not interviewed_by:
        _add(errors, "interviewed_by", "Enter who held the return home interview")
    elif len(interviewed_by) > INTERVIEWED_BY_MAX:
        _add(errors, "interviewed_by", f"Who held the interview must be {INTERVIEWED_BY_MAX} characters or fewer")
    if not summary:
        _add(errors, "summary", "Enter what the child said and what was learnt")
    elif len(summary) > SUMMARY_MAX:
        _add(errors, "summary", f"The summary must be {SUMMARY_MAX:,} characters or fewer")
    _refuse(errors)
    episode.return_interview_completed_at = data.completed_at
    episode.return_interview_by = interviewed_by
    episode.return_interview_summary = summary
    episode.return_interview_recorded_by = actor
    episode.save(
        update_fields=[
            "return_interview_completed_at",
            "return_interview_by",
            "return_interview_summary",
            "return_interview_recorded_by",
        ]
    )
    chronology_entry_create(
        child=episode.child,
        recorded_by=actor,
        kind=ChronologyKind.MISSING_EPISODE,
        summary=f"Return home interview after being missing since {_when(episode.started_at)}: {summary}",
        source=f"Return home interview by {interviewed_by}"[:200],
        occurred_at=data.completed_at,
        source_agency=agency_of(actor),
    )
    return episode
