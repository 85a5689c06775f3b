from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


def totp_device_pending_get_or_create(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator a user is setting up; one at a time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True
