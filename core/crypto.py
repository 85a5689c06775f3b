"""Field encryption for what must be unreadable even to someone holding a copy of the database: a
community reporter's identity. Fernet (AES-128-CBC with HMAC-SHA256) from `cryptography`; the keys
come from settings.FIELD_ENCRYPTION_KEYS, newest first, so that an old key can be retired by adding
a new one in front (MultiFernet decrypts with any and encrypts with the first)."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    pass


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt_text(text: str) -> bytes:
    return _fernet().encrypt(text.encode())


def decrypt_text(token: bytes) -> str:
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken as invalid:
        raise DecryptionError("This value cannot be decrypted with the configured keys.") from invalid


def new_key() -> str:
    return Fernet.generate_key().decode()
