"""Reads of contacts. Each shows child-identifiable data, so each writes one access event."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import child_ids_visible
from core.request_context import AccessContext
from frontdoor.access import access_contact, may_screen
from frontdoor.models import Contact, ContactClosure, ContactLinkedChild, Screening, Task


@dataclass(frozen=True)
class LinkedChildRow:
    link: ContactLinkedChild
    screening_contact: Contact | None  # the contact that screens this child in turn, once started
    # False when the reader may not see the linked child: the contact says another child may be
    # involved, and how, but not who (every page that names a child asks the child gate).
    child_shown: bool = True


@dataclass(frozen=True)
class ContactRecord:
    contact: Contact
    linked_children: list[LinkedChildRow]
    screening: Screening | None
    tasks: list[Task]
    # When this contact screens a child named in another contact (rule 2): that contact, and whether the
    # reader may see the child it is about (its page names that child only through the gate).
    named_in: Contact | None = None
    named_in_shown: bool = False
    # Closed without a screening, the young person being 18 or over (decision 0039): who, when, why.
    closure: ContactClosure | None = None
    may_screen: bool = False  # whether the reader may screen the contact, or close it so


def contact_detail_read(*, user: User, contact_id: int, context: AccessContext) -> ContactRecord:
    with transaction.atomic():
        contact = access_contact(user, contact_id)
        linked = list(contact.linked_children.select_related("child"))
        named_in = (
            Contact.objects.select_related("child").get(pk=contact.screening_of.contact_id)
            if contact.screening_of is not None
            else None
        )
        shown = child_ids_visible(
            user, [*(link.child_id for link in linked), *([named_in.child_id] if named_in else [])]
        )
        screening_contacts = {
            screened.screening_of_id: screened for screened in Contact.objects.filter(screening_of__in=linked)
        }
        closure = (
            ContactClosure.objects.select_related("closed_by", "passed_to_agency").filter(contact=contact).first()
            if contact.closed_at is not None
            else None
        )
        record = ContactRecord(
            contact=contact,
            linked_children=[
                LinkedChildRow(link, screening_contacts.get(link.pk), child_shown=link.child_id in shown)
                for link in linked
            ],
            screening=Screening.objects.filter(contact=contact).select_related("assessment").first(),
            tasks=list(contact.tasks.select_related("team", "assigned_to").order_by("id")),
            named_in=named_in,
            named_in_shown=named_in is not None and named_in.child_id in shown,
            closure=closure,
            may_screen=may_screen(user, child_id=contact.child_id),
        )
        access_event_record(
            user=user,
            action=AccessAction.VIEW,
            object_type="child",
            object_ids=[contact.child_id, *(link.child_id for link in linked if link.child_id in shown)],
            context=context,
        )
    return record
