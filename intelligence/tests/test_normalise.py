"""The exact-key rules: registrations, phones, online accounts and places, and registration patterns."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intelligence.models import EntityKind
from intelligence.normalise import (
    AnchorFits,
    RegistrationAnchors,
    account_key,
    anchor_fits,
    fold,
    house_numbers,
    is_partial_registration,
    known_characters,
    location_key,
    mention_anchors,
    mention_key,
    mention_search_text,
    overlap_regexes,
    overlap_regexes_match,
    patterns_overlap,
    phone_display,
    phone_key,
    phone_unread,
    platform_key,
    postcode_key,
    registration_anchors,
    registration_display,
    registration_format,
    registration_key,
    registration_tokens,
    tokens_like,
    tokens_regex,
)

# Registrations


@pytest.mark.parametrize(
    ("written", "key", "kind", "display"),
    [
        ("ab12 cde", "AB12CDE", "current", "AB12 CDE"),
        ("AB12-CDE", "AB12CDE", "current", "AB12 CDE"),
        (" yx 70 vcz ", "YX70VCZ", "current", "YX70 VCZ"),
        ("A123 BCD", "A123BCD", "prefix", "A123 BCD"),
        ("p7 abc", "P7ABC", "prefix", "P7 ABC"),
        ("ABC 123D", "ABC123D", "suffix", "ABC 123D"),
        ("xyz1a", "XYZ1A", "suffix", "XYZ 1A"),
        ("ABC 123", "ABC123", "dateless", "ABC 123"),
        ("1 A", "1A", "dateless", "1 A"),
        ("1234 AB", "1234AB", "dateless", "1234 AB"),
        ("ABZ 1234", "ABZ1234", "dateless", "ABZ 1234"),
        ("B MW 1234X", "BMW1234X", None, "BMW1234X"),
        ("AB12CDEF", "AB12CDEF", None, "AB12CDEF"),
    ],
)
def test_registrations_are_normalised_and_their_format_recognised(written, key, kind, display):
    assert registration_key(written) == key
    assert registration_format(key) == kind
    assert registration_display(key) == display
    assert mention_key(EntityKind.VEHICLE, {"registration": written}) == key


@pytest.mark.parametrize(
    ("written", "key"),
    [("AB1? C*", "AB1?C*"), ("ab1__c", "AB1??C"), ("*70 VC*", "*70VC*"), ("AB** 1", "AB*1")],
)
def test_partial_registrations_keep_their_unknown_characters(written, key):
    assert registration_key(written) == key
    assert is_partial_registration(key)
    assert registration_format(key) is None
    assert mention_key(EntityKind.VEHICLE, {"registration": written}) == key


@pytest.mark.parametrize("written", ["unknown", "NOT SEEN", "*", "A*", "?", ""])
def test_a_registration_without_enough_to_go_on_has_no_key(written):
    assert mention_key(EntityKind.VEHICLE, {"registration": written}) == ""


@given(st.text(alphabet="abcdeXYZ0123456789 -?*_.", max_size=12))
def test_a_registration_key_is_idempotent_and_ignores_spaces_and_case(text):
    key = registration_key(text)
    assert registration_key(key) == key
    assert registration_key(text.lower()) == registration_key(text.upper().replace(" ", "")) == key
    if registration_format(key):
        assert registration_key(registration_display(key)) == key


# Phones


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("0044 7700 900 123", "+447700900123"),
        ("(07700) 900-123", "+447700900123"),
        ("7700900123", "+447700900123"),
        ("mob 07700900123", "+447700900123"),
        ("0114 496 0000", "+441144960000"),
        ("+353 85 123 4567", "+353851234567"),
        ("+1 202 555 0143", "+12025550143"),
    ],
)
def test_phones_are_read_to_e164(written, key):
    assert phone_key(written) == key
    assert not phone_unread(key)
    assert mention_key(EntityKind.PHONE, {"number": written}) == key


@pytest.mark.parametrize(("written", "key"), [("07700 900", "07700900"), ("+999 123", "+999123"), ("900123", "900123")])
def test_a_number_that_cannot_be_read_keeps_its_digits_and_is_flagged(written, key):
    assert phone_key(written) == key
    assert phone_unread(key)
    assert phone_display(key) == key


def test_too_few_digits_resolve_nothing():
    assert phone_key("ends 123") == ""
    assert not phone_unread("")


def test_phones_are_shown_as_people_write_them():
    assert phone_display("+447700900123") == "07700 900123"
    assert phone_display("+12025550143") == "+1 202-555-0143"


def test_a_number_whose_reading_reads_differently_again_keeps_its_digits():
    # phonenumbers reads '00000000000' as '+44000000000', and that as '+440000000000'.
    assert phone_key("00000000000") == "00000000000"
    assert phone_key(phone_key("00000000000")) == "00000000000"


@given(st.text(alphabet="0123456789 +()-x", max_size=20))
def test_a_phone_key_is_idempotent_and_ignores_spaces(text):
    key = phone_key(text)
    assert phone_key(key) == key
    assert phone_key(text.replace(" ", "")) == key


# Online accounts


@pytest.mark.parametrize(
    ("platform", "handle", "key"),
    [
        ("Snapchat", "@Deano_99", "snapchat:deano_99"),
        ("snap", "deano_99", "snapchat:deano_99"),
        ("SC", " @@DEANO_99 ", "snapchat:deano_99"),
        ("Insta", "Deano.99", "instagram:deano.99"),
        ("IG", "https://www.instagram.com/Deano_99/?hl=en", "instagram:deano_99"),
        ("Tik Tok", "tiktok.com/@dean", "tiktok:dean"),
        ("Twitter", "@dean", "x:dean"),
        ("WhatsApp", "07700 900123", "whatsapp:+447700900123"),
        ("whats app", "+44 7700 900123", "whatsapp:+447700900123"),
        ("Signal", "dean.01", "signal:dean.01"),
        ("", "deano", "unknown:deano"),
        ("Wizz", "Zoë", "wizz:zoe"),
        ("snapchat", "", ""),
    ],
)
def test_online_accounts_are_platform_and_case_folded_handle(platform, handle, key):
    assert account_key(platform, handle) == key
    assert mention_key(EntityKind.ONLINE_ACCOUNT, {"platform": platform, "handle": handle}) == key


@given(st.sampled_from(["snap", "Snapchat", "IG", "insta", "TikTok", "whatsapp", "Kik", ""]), st.text(max_size=20))
def test_an_account_key_is_idempotent_and_ignores_case(platform, handle):
    key = account_key(platform, handle)
    if key:
        normal_platform, _, normal_handle = key.partition(":")
        assert account_key(normal_platform, normal_handle) == key
        assert platform_key(normal_platform) == normal_platform
    assert account_key(platform.upper(), handle.upper()) == account_key(platform.lower(), handle.lower()) or (
        fold(handle.upper()) != fold(handle.lower())  # a few letters fold differently by case (Turkish İ)
    )


# Places


@pytest.mark.parametrize(
    ("written", "code"),
    [("s12ab", "S1 2AB"), ("S1  2AB", "S1 2AB"), ("sw1a 1aa", "SW1A 1AA"), ("DL1 5QZ", "DL1 5QZ"), ("12 High St", "")],
)
def test_postcodes_are_normalised(written, code):
    assert postcode_key(written) == code
    assert postcode_key(code) == code


@pytest.mark.parametrize(
    ("attributes", "key"),
    [
        ({"address": "12 High Street", "postcode": "dl1 5qz"}, "DL1 5QZ|12"),
        ({"name": "The Crown", "address": "12a High St", "postcode": "DL15QZ"}, "DL1 5QZ|12A"),
        ({"address": "Flat 3, 12 High Street, DL1 5QZ"}, "DL1 5QZ|3-12"),
        ({"name": "The Crown Inn", "postcode": "DL1 5QZ"}, "DL1 5QZ|crown inn"),
        ({"postcode": "DL1 5QZ"}, "DL1 5QZ"),
        ({"name": "The Crown Inn."}, "crown inn"),
        ({"name": "Crown  Inn"}, "crown inn"),
        ({"address": "High Street, 2nd floor"}, "high street 2nd floor"),
        ({"name": "Theatre Royal", "postcode": "not known"}, "theatre royal"),
        ({}, ""),
    ],
)
def test_places_resolve_by_postcode_and_number_or_venue_name(attributes, key):
    assert location_key(**attributes) == key
    assert mention_key(EntityKind.LOCATION, attributes) == key


def test_house_numbers_skip_the_postcode_and_ordinals():
    assert house_numbers("Unit 4, 22 Mill Lane, 3rd floor, DL1 5QZ") == "4-22"


@given(st.text(alphabet="abcDEF 0123456789,.-", max_size=30), st.sampled_from(["", "dl1 5qz", "DL15QZ", "S1 2AB"]))
def test_a_place_key_ignores_spaces_and_case(text, postcode):
    assert location_key(name=text, postcode=postcode) == location_key(name=text.upper(), postcode=postcode.lower())
    assert location_key(address=text, postcode=postcode) == location_key(
        address=f"  {text.lower()} ", postcode=postcode.replace(" ", "")
    )


# Search text


def test_search_text_is_folded_and_holds_what_a_search_looks_for():
    person = mention_search_text(EntityKind.PERSON, {"name": "Zoë  Example", "nickname": "ZED", "age_estimate": 30})
    assert person == "zoe example zed"
    vehicle = mention_search_text(EntityKind.VEHICLE, {"registration": "ab12 cde", "make": "Ford", "colour": "Silver"})
    assert vehicle == "ab12cde ford silver"
    place = mention_search_text(EntityKind.LOCATION, {"name": "The Crown", "postcode": "dl15qz"})
    assert place == "the crown dl1 5qz"


# Registration patterns


@pytest.mark.parametrize(
    ("left", "right", "overlap"),
    [
        ("AB12CDE", "AB12CDE", True),
        ("AB1?CDE", "AB12CDE", True),
        ("AB1?C*", "AB12CDE", True),
        ("AB1?C*", "AB12XDE", False),
        ("*2CD?", "AB1?C*", True),  # two partial reports that could be the same plate
        ("*2CD?", "AB1?X", False),
        ("*2CD?", "AB1?X*", True),  # AB12X2CDE fits both
        ("AB1?C", "AB12CDE", False),  # '?' is exactly one character
        ("*", "", True),
        ("?", "", False),
        ("A*E", "AB12CDE", True),
        ("*75VC*", "YX75VCZ", True),
    ],
)
def test_patterns_overlap_in_both_directions(left, right, overlap):
    assert patterns_overlap(tuple(left), tuple(right)) is overlap
    assert patterns_overlap(tuple(right), tuple(left)) is overlap


def test_look_alike_characters_widen_a_pattern():
    tokens = registration_tokens("ab12 cde", lookalikes=True)
    assert tokens == ("A", "8B", "1I", "2Z", "C", "D", "E")
    assert patterns_overlap(tokens, tuple("A8I2CDE"))
    assert not patterns_overlap(registration_tokens("ab12 cde"), tuple("A8I2CDE"))
    assert tokens_like(tokens) is None
    assert tokens_regex(("*", "A", "8B", "?", "*")) == "^.*A[8B]..*$"
    assert known_characters(("*", "A", "8B", "?", "*")) == 2


def test_a_pattern_translates_to_sql_like():
    assert tokens_like(registration_tokens("AB1? C*")) == "AB1_C%"


@given(st.text(alphabet="AB12?*", max_size=7), st.text(alphabet="AB12", max_size=7))
def test_overlap_with_a_full_registration_agrees_with_a_regular_expression(pattern, plate):
    import re

    tokens = registration_tokens(pattern)
    assert patterns_overlap(tokens, tuple(plate)) == bool(re.fullmatch(tokens_regex(tokens)[1:-1], plate))


# Partial registrations in the database: anchors, and which anchors a search admits


@pytest.mark.parametrize(
    ("key", "run", "start", "end"),
    [
        ("?X7?V*", "X7", "?X7", ""),
        ("*VBN", "VBN", "", "NBV"),
        ("KX*N?", "KX", "KX", "?N"),
        ("AB1?CDE", "AB1", "AB1", "EDC"),  # the first of the longest
        ("A?12?CDE", "CDE", "A", "EDC"),
        ("??*?", "", "", ""),  # no known character: fits every search
        ("AB12CDE", "", "", ""),  # a full registration has no anchors
        ("ab?", "", "", ""),  # not a key: none rather than wrong ones
    ],
)
def test_a_partial_registration_is_stored_with_its_anchors(key, run, start, end):
    assert registration_anchors(key) == RegistrationAnchors(run=run, start=start, end=end)


def test_only_a_vehicle_mention_has_anchors():
    assert mention_anchors(EntityKind.VEHICLE, "AB1?C*").start == "AB1"
    assert mention_anchors(EntityKind.ONLINE_ACCOUNT, "AB1?C*") == RegistrationAnchors()


patterns = st.text(alphabet="AB128?* ", max_size=9)


@given(patterns, st.booleans(), st.text(alphabet="AB128?*", max_size=9))
def test_every_partial_key_that_fits_a_search_has_anchors_it_admits(search, lookalikes, written):
    tokens = registration_tokens(search, lookalikes=lookalikes)
    key = registration_key(written)
    if patterns_overlap(tokens, tuple(key)):
        assert anchor_fits(tokens).admits(registration_anchors(key))


@given(patterns, st.booleans(), st.text(alphabet="AB128?*", max_size=9))
def test_the_overlap_regular_expressions_are_patterns_overlap(search, lookalikes, written):
    tokens = registration_tokens(search, lookalikes=lookalikes)
    key = registration_key(written)
    regexes = overlap_regexes(tokens)
    assert regexes is not None
    assert overlap_regexes_match(regexes, key) is patterns_overlap(tokens, tuple(key))


def test_a_whole_registration_admits_few_anchors():
    fits = anchor_fits(registration_tokens("KX72VBN"))
    for fitting in ("KX7?V*", "?X72VB?", "*VBN", "KX72*", "K?7*BN"):
        assert patterns_overlap(registration_tokens("KX72VBN"), tuple(fitting))
        assert fits.admits(registration_anchors(fitting)), fitting
    for other in ("ZZ*", "AB1?C*", "*VBQ", "KQ72VB?", "*X2*"):
        assert not fits.admits(registration_anchors(other)), other


def test_a_search_open_at_both_ends_puts_no_condition_on_the_anchors():
    assert anchor_fits(registration_tokens("*75VC*")) == AnchorFits(start=None, end=None, run=None)


def test_a_long_search_drops_what_would_list_too_much_but_not_what_it_finds():
    tokens = registration_tokens("B8S5O0I2Z1" * 10, lookalikes=True)
    fits = anchor_fits(tokens)
    assert (fits.start, fits.end, fits.run) == (None, None, None)
    assert overlap_regexes(tokens) is None  # patterns_overlap decides instead
    assert patterns_overlap(tokens, tuple("B8*"))
    assert fits.admits(registration_anchors("B8*"))
