"""Accepting the missing-episodes prompt: the front door starts a contact about the child, to screen it
as it screens any other (decision 0033)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone

from accounts.models import User
from accounts.standing import agency_of
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import access_child
from children.models import Child, MissingEpisode
from core.request_context import AccessContext
from frontdoor.concern_codes import VulnerabilityFactor
from frontdoor.missing_prompt import prompt_reason
from frontdoor.models import WAITING_TO_BE_SCREENED, Contact, ReporterRelationship
from frontdoor.selectors.missing_prompt import missing_rule_current
from frontdoor.services.contacts import ContactDetails, contact_create, front_door_team_of
from frontdoor.warning_signs import WarningSign


def _episode_line(episode: MissingEpisode) -> str:
    started = formats.date_format(timezone.localtime(episode.started_at), "j F Y H:i")
    ended = (
        formats.date_format(timezone.localtime(episode.ended_at), "j F Y H:i") if episode.ended_at else "not yet found"
    )
    found = episode.where_found or "where found not recorded"
    return f"- Missing {started} to {ended}; {found}; reported by {episode.reported_by}."


@transaction.atomic
def missing_prompt_accept(*, actor: User, child_id: uuid.UUID, context: AccessContext) -> Contact:
    """A front door screener accepts the prompt for a child: a contact about the child, recorded by the
    screener, whose concern gives the rule's reason and every episode it counted, and which the screener
    then screens. A child who already has a contact waiting to be screened gets no second one: that
    contact is returned. Refused when the rule no longer holds (the child has been assessed meanwhile,
    or the episodes have left the window), and for a young person whose contact the front door closed
    because they are 18 or over (decision 0039)."""
    front_door_team_of(actor)  # only front door screeners: "Only front door screeners can record a contact."
    child = access_child(actor, child_id)
    Child.objects.select_for_update().filter(pk=child.pk).first()  # two screeners accepting at once: one contact
    waiting = Contact.objects.filter(WAITING_TO_BE_SCREENED, child=child).order_by("received_at", "pk").first()
    if waiting is not None:
        return waiting
    closed = Contact.objects.filter(child=child, closed_at__isnull=False).order_by("-closed_at").first()
    if closed is not None:
        raise ValidationError(
            f"The prompt does not apply to {child.full_name}: the front door closed contact {closed.reference} "
            "because they are 18 or over, and the procedure is for children. Record a contact if there is "
            "a new concern."
        )
    now = timezone.now()
    rule = missing_rule_current()
    episodes = list(
        MissingEpisode.objects.filter(
            child=child, started_at__gte=rule.window_start(now), started_at__lte=now
        ).order_by("started_at")
    )
    assessed = bool(Child.objects.filter(pk=child.pk).values_list("risk_level", flat=True).first())
    if not rule.holds(episode_starts=[episode.started_at for episode in episodes], now=now, assessed=assessed):
        raise ValidationError(
            f"The prompt no longer applies to {child.full_name}: the rule is {rule.in_words()}. "
            "Record a contact if there is a new concern."
        )
    access_event_record(
        user=actor, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
    )
    reason = prompt_reason(rule=rule, episodes=len(episodes), latest=episodes[-1].started_at)
    concern = "\n".join(
        [f"From the front door's missing-episodes prompt: {reason}", *(_episode_line(e) for e in episodes)]
    )
    return contact_create(
        recorded_by=actor,
        child_id=child.id,
        details=ContactDetails(
            received_at=now,
            reporter_relationship=ReporterRelationship.PROFESSIONAL,
            reporter_name=actor.display_name,
            reporter_role=actor.job_title,
            reporter_agency=agency_of(actor),
            reporter_email=actor.email,
            concern=concern,
            immediate_risk=False,
            warning_signs=frozenset({WarningSign.GOING_MISSING}),
            vulnerability_factors=frozenset({VulnerabilityFactor.HISTORY_OF_GOING_MISSING}),
        ),
    )
