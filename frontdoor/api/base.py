"""What only the front door's API views share."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions

from accounts.models import Team, User
from frontdoor.services.contacts import front_door_team_of


def screener_team(user: User) -> Team:
    """The user's front door team; 403 with the reason for anyone who is not a front door screener."""
    try:
        return front_door_team_of(user)
    except DjangoValidationError as refusal:
        raise exceptions.PermissionDenied(refusal.messages[0]) from refusal
