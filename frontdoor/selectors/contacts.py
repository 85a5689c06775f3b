"""Reads of contacts. Each shows child-identifiable data, so each writes one access event."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import child_ids_visible
from core.request_context import AccessContext
from frontdoor.access import access_contact
from frontdoor.models import Contact, ContactLinkedChild, Screening, Task


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


def contact_detail_read(*, user: User, contact_id: int, context: AccessContext) -> ContactRecord:
    with transaction.atomic():
        contact = access_contact(user, contact_id)
        linked = list(contact.linked_children.select_related("child"))
        shown = child_ids_visible(user, (link.child_id for link in linked))
        screening_contacts = {
            screened.screening_of_id: screened for screened in Contact.objects.filter(screening_of__in=linked)
        }
        record = ContactRecord(
            contact=contact,
            linked_children=[
                LinkedChildRow(link, screening_contacts.get(link.pk), child_shown=link.child_id in shown)
                for link in linked
            ],
            screening=Screening.objects.filter(contact=contact).select_related("assessment").first(),
            tasks=list(contact.tasks.select_related("team", "assigned_to").order_by("id")),
        )
        access_event_record(
            user=user,
            action=AccessAction.VIEW,
            object_type="child",
            object_ids=[contact.child_id, *(link.child_id for link in linked if link.child_id in shown)],
            context=context,
        )
    return record
