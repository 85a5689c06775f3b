"""The front door's case statuses (DESIGN.md rule 4). The codes are a stable interface:
route_preview and the API use them.

A child of ours placed out of area is not a status: it is a fact recorded on the child
(`Child.placed_out_of_area`) that adds the liaison with the host authority to whatever the status
routes (procedure correction 5, decision 0034). The code it had is refused with a message naming the
field that replaced it."""

from django.db import models


class CaseStatus(models.TextChoices):
    OPEN_EARLY_HELP = "open_early_help", "Open to Early Help"
    OPEN_SOCIAL_CARE = "open_social_care", "Open to Children's Social Care"
    NEW_CASE = "new_case", "New case"
    OUT_OF_AUTHORITY = "out_of_authority", "From another authority, living here"


# The code of the former fifth status, and what a request that still sends it is told.
FORMER_PLACED_OUT_OF_AREA = "placed_out_of_area"
FORMER_PLACED_OUT_OF_AREA_EXPLANATION = (
    'case_status "placed_out_of_area" is no longer a case status: a child of ours placed out of area keeps '
    "the status of their case (usually open_social_care) and is recorded with placed_out_of_area: true and "
    "host_authority (the host authority's name), which add the liaison with the host authority to the routing "
    "(procedure 2.2)."
)
