"""Building a child's chronology: the opening entries, allocations, concerns from partner agencies
and the family, workers' notes, and missing episodes with their return interviews."""

import datetime as dt
from dataclasses import dataclass

from accounts.models import Agency, Team, TeamKind, User
from children.case_status import CaseStatus
from children.models import CaseAllocation, Child, ChronologyEntry, ChronologyKind, MissingEpisode
from demo.generator.children import Generation, _minutes, _other_area, carer_reporting
from demo.generator.structure import AreaStructure
from demo.generator.vocabulary import ALLOCATED_AS, CONCERNS, WORKER_NOTES

# --- Building the chronology --------------------------------------------------------------------


@dataclass(frozen=True)
class EntryDraft:
    occurred_at: dt.datetime
    kind: ChronologyKind
    summary: str
    source: str
    recorded_by: User
    source_agency: Agency | None = None
    not_before: dt.datetime | None = None  # the earliest it can have been written down


def _entry(gen: Generation, child: Child, draft: EntryDraft) -> ChronologyEntry:
    written = max(draft.occurred_at, draft.not_before or draft.occurred_at)
    # Foreign keys by id: entries are the bulk of the rows, so skip the related-object descriptors.
    return ChronologyEntry(
        child_id=child.id,
        occurred_at=draft.occurred_at,
        recorded_at=min(written + _minutes(gen.rng, 5, 48 * 60), gen.now),
        recorded_by_id=draft.recorded_by.pk,
        source_agency_id=draft.source_agency.pk if draft.source_agency else None,
        source=draft.source,
        kind=draft.kind,
        summary=draft.summary,
    )


def _status_summary(child: Child, here: AreaStructure, other: AreaStructure, team: Team) -> str:
    label = CaseStatus(child.case_status).label
    if child.case_status == CaseStatus.OUT_OF_AUTHORITY:
        return f"Case status set to {label}: home authority {other.spec.name}; placing social worker informed."
    if child.placed_out_of_area:
        return (
            f"Case status set to {label}: placed out of area in {child.host_authority}; "
            f"the case-holding social worker liaises with {child.host_authority} as host authority."
        )
    return f"Case status set to {label}; case held by {team.name}."


def _opening_drafts(gen: Generation, here: AreaStructure, child: Child) -> list[EntryDraft]:
    other = _other_area(gen, here)
    council, screener = here.agencies["childrens_services"], here.users["screener"]
    door = here.teams["front_door"]
    status_at = child.created_at + _minutes(gen.rng, 10, 2 * 24 * 60)
    return [
        EntryDraft(
            child.created_at,
            ChronologyKind.CHILD_RECORDED,
            f"Child recorded by the {door.name}.",
            door.name,
            screener,
            council,
        ),
        EntryDraft(
            status_at,
            ChronologyKind.CASE_STATUS,
            _status_summary(child, here, other, child.holding_team),
            door.name,
            screener,
            council,
        ),
    ]


def _allocation_drafts(here: AreaStructure, child: Child, allocations: list[CaseAllocation]) -> list[EntryDraft]:
    social_care = child.holding_team.kind == TeamKind.SOCIAL_CARE
    allocator = here.users["teammanager" if social_care else "screener"]
    council = here.agencies["childrens_services"]
    drafts = []
    for allocation in allocations:
        user, role = allocation.user, ALLOCATED_AS.get(allocation.role, "worker")
        summary = f"{user.display_name} ({user.job_title}) allocated as {role}."
        drafts.append(
            EntryDraft(allocation.started_at, ChronologyKind.ALLOCATION, summary, "Case allocation", allocator, council)
        )
        if allocation.ended_at is not None:
            ended = f"{user.display_name}'s involvement as {role} ended; allocation closed."
            drafts.append(
                EntryDraft(allocation.ended_at, ChronologyKind.ALLOCATION, ended, "Case allocation", allocator, council)
            )
    return drafts


def _concern_draft(gen: Generation, here: AreaStructure, child: Child, at: dt.datetime, recorder: User) -> EntryDraft:
    slot, who, kind, text = gen.rng.choice(CONCERNS)
    carer = carer_reporting(child)
    who = who.format(carer=carer)
    summary = text.format(first=child.first_name, place=gen.rng.choice(here.spec.places), carer=carer)
    agency: Agency | None
    if slot == "school":
        school = child.school or here.spec.academy
        agency = here.agencies["school"] if school == here.spec.academy else None
        return EntryDraft(at, kind, summary, f"{school}: {who}", recorder, agency)
    if slot in ("family", "public"):
        return EntryDraft(at, kind, summary, who, recorder, None)
    agency = gen.structure.police if slot == "police" else here.agencies[slot]
    return EntryDraft(at, kind, summary, f"{agency.name}: {who}", recorder, agency)


def _worker_draft(gen: Generation, here: AreaStructure, child: Child, at: dt.datetime, recorder: User) -> EntryDraft:
    kind, text = gen.rng.choice(WORKER_NOTES)
    summary = text.format(first=child.first_name, place=gen.rng.choice(here.spec.places))
    agency = here.agencies["childrens_services"]
    return EntryDraft(at, kind, summary, child.holding_team.name, recorder, agency)


def _episode_drafts(gen: Generation, here: AreaStructure, episodes: list[MissingEpisode]) -> list[EntryDraft]:
    """The missing person report (written once the child is found), and the return interview."""
    police, interviewers = gen.structure.police, here.agencies["voluntary"]
    report = f"{police.name}: missing person report"
    drafts = []
    for episode in episodes:
        reporter = episode.reported_by.lower()
        if episode.ended_at is None:
            summary = f"Reported missing by {reporter}; still missing."
        else:
            summary = f"Reported missing by {reporter}; found at {episode.where_found}."
        drafts.append(
            EntryDraft(
                episode.started_at,
                ChronologyKind.MISSING_EPISODE,
                summary,
                report,
                episode.recorded_by,
                police,
                not_before=episode.ended_at or episode.recorded_at,
            )
        )
        if episode.return_interview_completed_at is not None:
            drafts.append(
                EntryDraft(
                    episode.return_interview_completed_at,
                    ChronologyKind.MISSING_EPISODE,
                    f"Return home interview: {episode.return_interview_summary}",
                    f"{interviewers.name}: independent return home interview",
                    episode.recorded_by,
                    interviewers,
                )
            )
    return drafts


def _chronology_build(
    gen: Generation,
    here: AreaStructure,
    child: Child,
    recorder: User,
    allocations: list[CaseAllocation],
    episodes: list[MissingEpisode],
) -> list[ChronologyEntry]:
    """2-8 entries of the child's own story, plus one for each allocation and missing episode."""
    rng = gen.rng
    drafts = _opening_drafts(gen, here, child) + _allocation_drafts(here, child, allocations)
    span = (gen.now - child.created_at).total_seconds()
    for _ in range(max(0, rng.randint(2, 8) - len(drafts))):
        at = (child.created_at + dt.timedelta(seconds=rng.uniform(0, span))).replace(second=0, microsecond=0)
        if rng.random() < 0.6:
            drafts.append(_concern_draft(gen, here, child, at, here.users["screener"]))
        else:
            drafts.append(_worker_draft(gen, here, child, at, recorder))
    drafts.extend(_episode_drafts(gen, here, episodes))
    drafts = [draft for draft in drafts if draft.occurred_at <= gen.now]
    drafts.sort(key=lambda draft: draft.occurred_at)
    return [_entry(gen, child, draft) for draft in drafts]
