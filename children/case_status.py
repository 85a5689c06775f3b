"""The front door's case statuses (DESIGN.md rule 4). The codes are a stable interface:
route_preview and the API use them."""

from django.db import models


class CaseStatus(models.TextChoices):
    OPEN_EARLY_HELP = "open_early_help", "Open to Early Help"
    OPEN_SOCIAL_CARE = "open_social_care", "Open to Children's Social Care"
    NEW_CASE = "new_case", "New case"
    OUT_OF_AUTHORITY = "out_of_authority", "From another authority, living here"
    PLACED_OUT_OF_AREA = "placed_out_of_area", "Placed out of area"
