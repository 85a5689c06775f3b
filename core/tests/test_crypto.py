import pytest

from core.crypto import DecryptionError, decrypt_text, encrypt_text, new_key


def test_text_round_trips_and_is_not_stored_in_the_clear():
    token = encrypt_text("Jordan Example, 07700 900123")
    assert b"Jordan" not in token
    assert decrypt_text(token) == "Jordan Example, 07700 900123"


def test_an_old_key_still_decrypts_after_a_new_one_is_put_in_front(settings):
    old = new_key()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = encrypt_text("reporter")
    settings.FIELD_ENCRYPTION_KEYS = [new_key(), old]
    assert decrypt_text(token) == "reporter"


def test_a_value_from_another_key_is_refused_by_name(settings):
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]
    token = encrypt_text("reporter")
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(DecryptionError, match="cannot be decrypted"):
        decrypt_text(token)
