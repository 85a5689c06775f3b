"""Security codes for tests: the one an authenticator app shows now, and one it never would."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice, drift: int | None = None) -> str:
    """The code the user's authenticator app shows now."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift if drift is None else drift,
    )
    return f"{value:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that no window the device accepts would show.

    A fixed "000000" is accepted about three times in a million runs; this never is."""
    accepted = {current_code(device, drift=device.drift + offset) for offset in range(-2, 3)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555") if code not in accepted)
