"""Referrals to the front door by any professional, about a child known or new (decision 0031).

A referral names the child only as the referrer knows them, and nothing about the child records is
told back: the front door matches it, and the match records the contact it screens as any other."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, Team, TeamKind, User
from accounts.standing import agency_of
from children.models import Gender
from children.services import NewChild
from core.references import reference_next
from frontdoor.access import access_referral, may_make_referral, may_match_referral
from frontdoor.inputs import ReferralInput
from frontdoor.models import Contact, Referral, ReporterRelationship
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.warning_signs import WarningSign

MAX_TEXT = 20_000
ADULT_AGE = 18
NOT_A_PROFESSIONAL = "Only a professional of a partner agency can refer a child to the front door."
ADULT = (
    "The procedure is for children and young people under 18. For someone aged 18 or over, contact adult "
    "social care, or the police on 999 if they are in immediate danger"
)
CHOOSE_AREA = "Choose the area where the child lives: your agency works across the whole partnership"


def referral_front_door_of_area(area: Area) -> Team | None:
    """The front door that receives an area's referrals: its council's front door team (the first made,
    as for a lead worker's referral, when there are several)."""
    team: Team | None = (
        Team.objects.filter(kind=TeamKind.FRONT_DOOR, agency__area=area)
        .select_related("agency__area")
        .order_by("id")
        .first()
    )
    return team


def referral_area_of(referrer: User) -> Area | None:
    """The area a referral goes to when the referrer does not choose one: their agency's area. None
    when the agency serves no one area (the police force, the partnership's own staff)."""
    agency = agency_of(referrer)
    return agency.area if agency is not None else None


def _age_on(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _errors(data: ReferralInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    named = any(part.strip() for part in (data.first_name, data.last_name, data.known_as))
    if not named and not data.description.strip():
        errors["first_name"] = (
            "Enter the child's name, or describe them (what they look like, where they are seen) if you do not know it"
        )
    today = timezone.localdate()
    if data.date_of_birth is not None:
        if data.date_of_birth > today:
            errors["date_of_birth"] = "The date of birth must be today or in the past"
        elif _age_on(data.date_of_birth, today) >= ADULT_AGE:
            errors["date_of_birth"] = ADULT
    if data.age_estimate is not None:
        if data.age_estimate < 0:
            errors["age_estimate"] = "The age must be a whole number of years, like 14"
        elif data.age_estimate >= ADULT_AGE:
            errors["age_estimate"] = ADULT
    if data.gender not in Gender.values:
        errors["gender"] = "Select the child's gender, or not known"
    if not data.concern.strip():
        errors["concern"] = "Enter your concern, in your own words"
    elif len(data.concern) > MAX_TEXT:
        errors["concern"] = f"Enter your concern in {MAX_TEXT:,} characters or fewer"
    if any(sign not in WarningSign.values for sign in data.warning_signs):
        errors["warning_signs"] = "Choose warning signs from the list"
    return errors


def _front_door(*, referrer: User, area_id: int | None) -> Team:
    if area_id is not None:
        area = Area.objects.filter(pk=area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Choose the area where the child lives from the list"})
    else:
        area = referral_area_of(referrer)
        if area is None:
            raise ValidationError({"area_id": CHOOSE_AREA})
    front_door = referral_front_door_of_area(area)
    if front_door is None:
        raise ValidationError({"area_id": f"{area.name} has no front door to refer to: choose another area"})
    return front_door


@transaction.atomic
def referral_make(*, referrer: User, data: ReferralInput) -> Referral:
    """Send a referral to the front door of the child's area: the referrer's agency's area, unless they
    choose another (and they must when their agency serves no one area). Any signed-in member of a
    partner agency may refer, about any child; nothing about existing children is read or told."""
    agency = agency_of(referrer) if may_make_referral(referrer) else None
    if agency is None:
        raise PermissionDenied(NOT_A_PROFESSIONAL)
    errors = _errors(data)
    try:
        front_door = _front_door(referrer=referrer, area_id=data.area_id)
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    area = front_door.agency.area
    assert area is not None
    Area.objects.select_for_update().get(pk=area.pk)
    referral: Referral = Referral.objects.create(
        reference=reference_next(queryset=Referral.objects.all(), field="reference", prefix=f"RF-{area.code.upper()}"),
        front_door=front_door,
        referred_by=referrer,
        referrer_agency=agency,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        known_as=data.known_as.strip(),
        date_of_birth=data.date_of_birth,
        age_estimate=data.age_estimate,
        gender=data.gender,
        school=data.school.strip(),
        address=data.address.strip(),
        description=data.description.strip(),
        concern=data.concern.strip(),
        warning_signs=sorted(data.warning_signs),
        immediate_risk=data.immediate_risk,
        other_children=data.other_children.strip(),
    )
    return referral


def _new_child(referral: Referral) -> NewChild:
    return NewChild(
        first_name=referral.first_name or "Unknown",
        last_name=referral.last_name or "Unknown",
        known_as=referral.known_as,
        date_of_birth=referral.date_of_birth,
        gender=referral.gender,
        school=referral.school,
    )


def _contact_details(referral: Referral) -> ContactDetails:
    referrer = referral.referred_by
    return ContactDetails(
        received_at=referral.referred_at,
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_name=referrer.display_name,
        reporter_role=referrer.job_title,
        reporter_agency=referral.referrer_agency,
        reporter_email=referrer.email,
        concern=referral.concern,
        immediate_risk=referral.immediate_risk,
        warning_signs=frozenset(WarningSign(sign) for sign in referral.warning_signs),
    )


@transaction.atomic
def referral_match(*, actor: User, referral_id: int, child_id: uuid.UUID | None) -> Referral:
    """Match a referral to the child it is about: an existing child the screener may see (`child_id`),
    or, with None, a new child made from what the referrer wrote. The match records the contact, in
    the same transaction, so that screening proceeds as for any contact. Only a screener of the front
    door it was sent to matches it, and only once: a second match, or a retried one, is refused and
    makes nothing."""
    found = access_referral(actor, referral_id)
    if not may_match_referral(actor, found):
        raise PermissionDenied(f"Only a screener of {found.front_door.name} can match this referral.")
    # Locked, so that two screeners (or one request sent twice) cannot both match it.
    referral: Referral = (
        Referral.objects.select_for_update().select_related("referred_by", "referrer_agency").get(pk=found.pk)
    )
    if referral.contact_id is not None:
        contact_reference = Contact.objects.filter(pk=referral.contact_id).values_list("reference", flat=True).get()
        raise ValidationError(
            f"Referral {referral.reference} has already been matched, in contact {contact_reference}: "
            "it cannot be matched again.",
            code="already_matched",
        )
    contact = contact_create(
        recorded_by=actor,
        details=_contact_details(referral),
        child_id=child_id,
        new_child=_new_child(referral) if child_id is None else None,
        front_door=found.front_door,
    )
    referral.contact = contact
    referral.matched_by = actor
    referral.matched_at = timezone.now()
    referral.save(update_fields=["contact", "matched_by", "matched_at"])
    return referral
