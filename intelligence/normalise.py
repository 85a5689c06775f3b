"""Resolution keys for the things people report, as pure functions (no database).

Every rule is idempotent (normalising a key again changes nothing) and ignores spaces and case.

- Vehicles: the registration in upper case with only letters and digits: 'ab12 cde' -> 'AB12CDE'. A
  partial registration keeps '?' (one unknown character; '_' is read as '?') and '*' (any run of
  unknown characters; runs collapse to one '*'): its key is the pattern, kept so that search can match
  it, but `Mention.partial` is set and it resolves to no vehicle. A registration needs a digit to
  resolve ('UNKNOWN', 'NOT SEEN' resolve nothing); UK formats are recognised by `registration_format`
  and shown spaced by `registration_display`, but a foreign plate in no UK format still resolves.
- Phones: E.164 via phonenumbers, UK (GB) by default. A number is read when phonenumbers finds it
  valid, or possible with at least 9 national digits (the fictional 07700 900xxx numbers are not
  'valid'). Otherwise the key is the digits as written, with a leading '+' if one was given: such a
  key never looks like a read number of the same digits, and `phone_unread` flags it. Fewer than 5
  digits resolve nothing.
- Online accounts: 'platform:handle', both case-folded, a leading '@' dropped, the platform's common
  names folded to one ('snap' -> 'snapchat', 'ig' -> 'instagram'). WhatsApp and Signal accounts are
  phone numbers: their handle is the phone's key, so 'whatsapp:+447700900123' (search by phone finds
  them too). An account with no platform is 'unknown:handle'.
- Places: a UK postcode ('s12ab' -> 'S1 2AB', checked loosely by shape, taken from the address when
  the postcode box is empty) with the house numbers from the address ('S1 2AB|12', 'Flat 3, 12 High
  Street' -> 'S1 2AB|3-12'), or with the venue name when there is no number ('S1 2AB|the crown'), or
  the postcode alone; with no postcode, the case-folded venue name, else the case-folded address.
  Postcodes are upper case and names lower case, so the two kinds of key never collide.
"""

import functools
import itertools
import math
import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import phonenumbers

from intelligence.models import EntityKind

DEFAULT_REGION = "GB"

_REGISTRATION_FORMATS = {
    "current": re.compile(r"[A-Z]{2}[0-9]{2}[A-Z]{3}"),  # AB12 CDE, since 2001
    "prefix": re.compile(r"[A-Z][0-9]{1,3}[A-Z]{3}"),  # A123 BCD, 1983-2001
    "suffix": re.compile(r"[A-Z]{3}[0-9]{1,3}[A-Z]"),  # ABC 123D, 1963-1983
    "dateless": re.compile(r"[A-Z]{1,4}[0-9]{1,4}|[0-9]{1,4}[A-Z]{1,4}"),  # ABC 123, 1234 AB
}
_DISPLAY_SPLIT = {
    "current": re.compile(r"([A-Z]{2}[0-9]{2})([A-Z]{3})"),
    "prefix": re.compile(r"([A-Z][0-9]{1,3})([A-Z]{3})"),
    "suffix": re.compile(r"([A-Z]{3})([0-9]{1,3}[A-Z])"),
    "dateless": re.compile(r"([A-Z]+|[0-9]+)([0-9]+|[A-Z]+)"),
}
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")
_HOUSE_NUMBER = re.compile(r"\b(\d{1,5}[A-Z]?)\b")
PLATFORM_ALIASES = {
    "snap": "snapchat",
    "snapchat": "snapchat",
    "sc": "snapchat",
    "insta": "instagram",
    "ig": "instagram",
    "instagram": "instagram",
    "tiktok": "tiktok",
    "tt": "tiktok",
    "whatsapp": "whatsapp",
    "whats": "whatsapp",
    "wa": "whatsapp",
    "facebook": "facebook",
    "fb": "facebook",
    "messenger": "facebook",
    "twitter": "x",
    "x": "x",
    "telegram": "telegram",
    "signal": "signal",
    "discord": "discord",
    "kik": "kik",
    "youtube": "youtube",
    "yt": "youtube",
    "yubo": "yubo",
    "wizz": "wizz",
    "threads": "threads",
    "onlyfans": "onlyfans",
}
PHONE_PLATFORMS = frozenset({"whatsapp", "signal"})


def fold(text: str) -> str:
    """Case- and accent-folded, with single spaces: 'Zoë  SMITH ' -> 'zoe smith'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


# Vehicles


def registration_key(registration: str) -> str:
    key = re.sub(r"[^A-Z0-9?*]", "", registration.upper().replace("_", "?"))
    return re.sub(r"\*+", "*", key)


def is_partial_registration(key: str) -> bool:
    return "?" in key or "*" in key


def registration_format(key: str) -> str | None:
    """'current', 'prefix', 'suffix' or 'dateless' for a full UK registration key; None otherwise."""
    for name, pattern in _REGISTRATION_FORMATS.items():
        if pattern.fullmatch(key):
            return name
    return None


def registration_display(key: str) -> str:
    """A registration as it is written on the plate: 'AB12CDE' -> 'AB12 CDE'."""
    kind = registration_format(key)
    match = _DISPLAY_SPLIT[kind].fullmatch(key) if kind else None
    return f"{match.group(1)} {match.group(2)}" if match else key


def registration_resolves(key: str) -> bool:
    return bool(key) and not is_partial_registration(key) and any(char.isdigit() for char in key)


# Phones

# Reading a number is the slowest step of a mention's key (a bulk import reads each several times):
# the numbers read last are remembered. Pure, so a remembered answer is the answer.
PHONES_CACHED = 50_000


@functools.lru_cache(maxsize=PHONES_CACHED)
def _phone_read(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    national = phonenumbers.national_significant_number(number)
    readable = phonenumbers.is_valid_number(number) or (
        phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE
        and len(national) >= 9
    )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if readable else None


def phone_key(number: str, region: str = DEFAULT_REGION) -> str:
    number = re.sub(r"\s", "", number)  # spaces are how a number is written, never part of it
    digits = re.sub(r"\D", "", number)
    if len(digits) < 5:
        return ""
    written = ("+" if number.strip().startswith("+") else "") + digits
    # The digits as written are tried too, so that a key kept unread reads the same way again. A reading
    # is the key only when reading it again gives itself ('00000000000' reads as '+44000000000', which
    # reads as '+440000000000'): a key must be its own key, or the same number would resolve apart.
    for text in (number, written):
        read = _phone_read(text, region)
        if read is not None and _phone_read(read, region) == read:
            return read
    return written


def phone_unread(key: str, region: str = DEFAULT_REGION) -> bool:
    """True for the key of a number phonenumbers could not read: its digits as written."""
    return bool(key) and _phone_read(key, region) != key


@functools.lru_cache(maxsize=PHONES_CACHED)
def phone_display(key: str, region: str = DEFAULT_REGION) -> str:
    """'+447700900123' -> '07700 900123'; a foreign number in international form."""
    if phone_unread(key, region):
        return key
    number = phonenumbers.parse(key, region)
    home = phonenumbers.region_code_for_country_code(number.country_code or 0) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


# Online accounts


def platform_key(platform: str) -> str:
    compact = re.sub(r"[^a-z0-9]", "", fold(platform))
    return PLATFORM_ALIASES.get(compact, compact) or "unknown"


def handle_key(handle: str, platform: str = "") -> str:
    text = fold(handle)
    if "/" in text:  # a profile link: the handle is the first part of its path
        parts = [part for part in text.split("?")[0].split("/") if part and ":" not in part and "." not in part]
        text = parts[0] if parts else text.replace("/", "")
    text = re.sub(r"\s+", "", text).lstrip("@")
    if platform_key(platform) in PHONE_PLATFORMS and re.fullmatch(r"\+?[\d()\-.]{5,}", text):
        return phone_key(text) or text
    return text


def account_key(platform: str, handle: str) -> str:
    platform_name = platform_key(platform)
    handle_name = handle_key(handle, platform_name)
    return f"{platform_name}:{handle_name}" if handle_name else ""


# Places


def postcode_key(text: str) -> str:
    """'s1 2ab' -> 'S1 2AB'; '' when the text holds no whole UK postcode."""
    match = _POSTCODE.search(re.sub(r"\s+", " ", text.upper()))
    return f"{match.group(1)} {match.group(2)}" if match else ""


def house_numbers(address: str) -> str:
    """The numbers of an address, in order, without its postcode: 'Flat 3, 12 High St' -> '3-12'."""
    without_postcode = _POSTCODE.sub(" ", address.upper())
    return "-".join(_HOUSE_NUMBER.findall(without_postcode))


def place_name_key(name: str) -> str:
    """'The Crown Inn.' -> 'crown inn': witnesses say 'The Crown' and 'Crown' for the same pub."""
    words = " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())
    return re.sub(r"^(the )+", "", words)


def location_key(*, name: str = "", address: str = "", postcode: str = "") -> str:
    code = postcode_key(postcode) or postcode_key(address)
    number, venue = house_numbers(address), place_name_key(name)
    if code:
        detail = number or venue
        return f"{code}|{detail}" if detail else code
    return venue or place_name_key(address)


# Mentions


def mention_key(kind: str, attributes: Mapping[str, object]) -> str:
    """The exact key a mention resolves by; empty when it has none (people resolve by linkage). A
    partial registration's key is its pattern; it is searchable and resolves to no vehicle."""

    def text(name: str) -> str:
        return str(attributes.get(name) or "")

    if kind == EntityKind.VEHICLE:
        key = registration_key(text("registration"))
        known = sum(char.isalnum() for char in key)
        return key if registration_resolves(key) or (is_partial_registration(key) and known >= 2) else ""
    if kind == EntityKind.PHONE:
        return phone_key(text("number"))
    if kind == EntityKind.ONLINE_ACCOUNT:
        return account_key(text("platform"), text("handle"))
    if kind == EntityKind.LOCATION:
        return location_key(name=text("name"), address=text("address"), postcode=text("postcode"))
    return ""


def mention_search_text(kind: str, attributes: Mapping[str, object]) -> str:
    """What a name or place search looks through: folded to lower case, without accents."""
    values = {name: str(value) for name, value in attributes.items() if value not in ("", None)}
    if kind == EntityKind.VEHICLE:
        parts = [registration_key(values.get("registration", ""))]
        parts += [values.get(name, "") for name in ("make", "model", "colour")]
    elif kind == EntityKind.LOCATION:
        parts = [values.get(name, "") for name in ("name", "address")]
        parts.append(postcode_key(values.get("postcode", "")) or values.get("postcode", ""))
    elif kind == EntityKind.PHONE:
        parts = [values.get("number", ""), phone_key(values.get("number", ""))]
    elif kind == EntityKind.ONLINE_ACCOUNT:
        parts = [account_key(values.get("platform", ""), values.get("handle", ""))]
    else:
        parts = [values.get("name", ""), values.get("nickname", "")]
    return fold(" ".join(part for part in parts if part))


# Registration patterns, for search. A pattern is a tuple of tokens: '?' (one unknown character), '*'
# (any run, possibly empty) or a string of the characters that may stand at that place ('B', or '8B'
# when look-alikes are included).

LOOKALIKES = ("0O", "1I", "2Z", "5S", "8B")  # the pairs witnesses confuse on a plate
_LOOKALIKE_OF = {char: group for group in LOOKALIKES for char in group}


def registration_tokens(pattern: str, *, lookalikes: bool = False) -> tuple[str, ...]:
    return tuple(_LOOKALIKE_OF.get(char, char) if lookalikes else char for char in registration_key(pattern))


def known_characters(tokens: Sequence[str]) -> int:
    return sum(token not in ("?", "*") for token in tokens)


def tokens_like(tokens: Sequence[str]) -> str | None:
    """The SQL LIKE pattern ('AB1_C%'), or None when a place allows several characters."""
    if any(len(token) > 1 for token in tokens):
        return None
    return "".join({"?": "_", "*": "%"}.get(token, token) for token in tokens)


def tokens_regex(tokens: Sequence[str]) -> str:
    """A regular expression that both PostgreSQL and SQLite (Python's re) read the same way."""
    parts = {"?": ".", "*": ".*"}
    return "^" + "".join(parts.get(token, f"[{token}]" if len(token) > 1 else token) for token in tokens) + "$"


def patterns_overlap(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether some registration fits both patterns: a partial mention 'AB1?C*' and a search for
    'AB12CDE', or for '*2CD?', both could be the same vehicle."""

    @functools.cache
    def fits(i: int, j: int) -> bool:
        if i == len(left) and j == len(right):
            return True
        if i < len(left) and left[i] == "*":
            return fits(i + 1, j) or (j < len(right) and fits(i, j + 1))
        if j < len(right) and right[j] == "*":
            return fits(i, j + 1) or (i < len(left) and fits(i + 1, j))
        if i == len(left) or j == len(right):
            return False
        a, b = left[i], right[j]
        return (a == "?" or b == "?" or bool(set(a) & set(b))) and fits(i + 1, j + 1)

    return fits(0, 0)


# Partial registrations in the database. Search cannot ask the database whether two patterns overlap,
# so each partial mention stores three anchors an index can look up (`registration_anchors`), and a
# search works out the anchors a partial key must have to fit it (`anchor_fits`): a small superset of
# the partial mentions that could be the same plate, each then confirmed by `patterns_overlap`. An
# empty anchor (a key without one, or a row stored without them) fits every search, so a mention is
# never missed for want of its anchors; it is only read more often than it needs to be.

REGISTRATION_CHARACTERS = frozenset(string.ascii_uppercase + string.digits)  # a key's known characters
WHOLE_REGISTRATION = 7  # every UK format has at most 7 characters: a search of 7 is a whole registration
ANCHOR_BUDGET = 1000  # the most values and prefixes one anchor's condition may list; beyond, it is dropped
_RUN = re.compile(r"[A-Z0-9]+")
_FIRST_RUN = re.compile(r"\?*[A-Z0-9]+")


@dataclass(frozen=True)
class RegistrationAnchors:
    """What an index looks up for a partial registration key, all empty for any other key."""

    run: str = ""  # the longest run of known characters (the first of the longest): 'V8N' in '*X7?V8N'
    start: str = ""  # the key up to the end of its first run, if no '*' comes before: '?X7' in '?X7?V*'
    end: str = ""  # the same from the end, reversed: 'NBV' for '*VBN', '?N' for 'KX*N?'


def mention_anchors(kind: str, key: str) -> RegistrationAnchors:
    """The anchors a mention is stored with: a partial registration's, else none."""
    return registration_anchors(key) if kind == EntityKind.VEHICLE else RegistrationAnchors()


def registration_anchors(key: str) -> RegistrationAnchors:
    if not is_partial_registration(key) or not set(key) <= REGISTRATION_CHARACTERS | {"?", "*"}:
        return RegistrationAnchors()
    start, end = _FIRST_RUN.match(key), _FIRST_RUN.match(key[::-1])
    return RegistrationAnchors(
        run=max(_RUN.findall(key), key=len, default=""),
        start=start.group(0) if start else "",
        end=end.group(0) if end else "",
    )


@dataclass(frozen=True)
class AnchorFit:
    """The anchors a partial key may have and still fit a search: empty, one of `values`, or one that
    begins with one of `prefixes`. For the run, values and prefixes are kept by the run's length, and
    `reversed_prefixes` begin the run read backwards; `any_length` are lengths any run of which fits."""

    values: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    reversed_prefixes: frozenset[str] = frozenset()
    length: int | None = None  # a run's length; None for the start and the end

    def admits(self, anchor: str) -> bool:
        if self.length is not None and len(anchor) != self.length:
            return False
        return (
            anchor in self.values
            or any(anchor.startswith(prefix) for prefix in self.prefixes)
            or any(anchor[::-1].startswith(prefix) for prefix in self.reversed_prefixes)
        )


@dataclass(frozen=True)
class AnchorFits:
    """For one search: the condition on each anchor, None where the search puts none on it (the
    condition would let through nearly everything, or list more than ANCHOR_BUDGET terms). A partial
    key can fit only if each of its anchors is admitted (an empty anchor always is)."""

    start: AnchorFit | None
    end: AnchorFit | None
    run: tuple[AnchorFit, ...] | None  # one fit for each run length the search lets through
    run_any_length: frozenset[int] = frozenset()  # lengths for which every run fits

    def admits(self, anchors: RegistrationAnchors) -> bool:
        def end_fits(fit: AnchorFit | None, anchor: str) -> bool:
            return fit is None or not anchor or fit.admits(anchor)

        run_fits = (
            self.run is None
            or not anchors.run
            or len(anchors.run) in self.run_any_length
            or any(fit.admits(anchors.run) for fit in self.run)
        )
        return end_fits(self.start, anchors.start) and end_fits(self.end, anchors.end) and run_fits


class _OverBudget(Exception):
    """A condition would list more than ANCHOR_BUDGET terms: it is dropped (the search puts none)."""


class _Terms:
    """Counts the terms a condition lists, so that it is dropped before it grows past the budget."""

    def __init__(self) -> None:
        self.count = 0

    def spellings(self, tokens: Sequence[str]) -> list[str]:
        """Every string the known tokens stand for: ('A', '8B') -> ['A8', 'AB']."""
        self.count += math.prod(len(token) for token in tokens)
        if self.count > ANCHOR_BUDGET:
            raise _OverBudget
        return ["".join(chars) for chars in itertools.product(*tokens)]


def _known_run(tokens: Sequence[str]) -> list[str]:
    return list(itertools.takewhile(lambda token: token not in ("?", "*"), tokens))


def _start_fit(tokens: Sequence[str]) -> AnchorFit | None:
    """The starts a partial key may have to fit the search. A start '?'*o + run fits where the run fits
    the search's fixed beginning (the tokens before its first '*') from place o on; a '?' in the search
    lets anything through from there."""
    fixed = "*" not in tokens
    beginning = list(tokens if fixed else tokens[: tokens.index("*")])
    values: set[str] = set()
    prefixes: set[str] = set()
    terms = _Terms()
    try:
        for offset in range(len(beginning) + 1):
            pad = "?" * offset
            if offset == len(beginning) or beginning[offset] == "?":
                # A run that begins here meets a '?' or the search's '*': any run fits. (None begins at
                # the end of a search without '*': a key that long is longer than the search.)
                if offset < len(beginning) or not fixed:
                    prefixes.add(pad)
                break
            known = _known_run(beginning[offset:])
            for length in range(1, len(known)):
                values.update(pad + spelling for spelling in terms.spellings(known[:length]))
            prefixes.update(pad + spelling for spelling in terms.spellings(known))
    except _OverBudget:
        return None
    if "" in prefixes:
        return None
    return AnchorFit(values=frozenset(values), prefixes=frozenset(prefixes))


def _run_fits(tokens: Sequence[str]) -> tuple[tuple[AnchorFit, ...], frozenset[int]] | None:
    """For a search without '*' (a fixed length): the runs that fit some window of it, by length. A
    window that begins with a known character gives the run's beginning; one that begins with '?' but
    ends with a known one gives its end (the run read backwards); one with '?' at both ends lets through
    every run of its length."""
    size = len(tokens)
    values: dict[int, set[str]] = {}
    prefixes: dict[int, set[str]] = {}
    backwards: dict[int, set[str]] = {}
    any_length: set[int] = set()
    terms = _Terms()
    try:
        for length in range(1, size + 1):
            for first in range(size - length + 1):
                window = tokens[first : first + length]
                if window[0] != "?":
                    known = _known_run(window)
                    target = values if len(known) == length else prefixes
                    target.setdefault(length, set()).update(terms.spellings(known))
                elif window[-1] != "?":
                    backwards.setdefault(length, set()).update(terms.spellings(_known_run(window[::-1])))
                else:
                    any_length.add(length)
                    break
    except _OverBudget:
        return None
    if len(any_length) == size:
        return None
    fits = tuple(
        AnchorFit(
            values=frozenset(values.get(length, ())),
            prefixes=frozenset(prefixes.get(length, ())),
            reversed_prefixes=frozenset(backwards.get(length, ())),
            length=length,
        )
        for length in range(1, size + 1)
        if length not in any_length
    )
    return fits, frozenset(any_length)


def anchor_fits(tokens: Sequence[str]) -> AnchorFits:
    """The anchors a partial key must have to fit a search pattern (tokens as `registration_tokens`
    gives them): every key that fits (`patterns_overlap`) is admitted; most that do not are not."""
    reversed_tokens = tuple(reversed(tokens))
    run = None if "*" in tokens else _run_fits(tokens)
    return AnchorFits(
        start=_start_fit(tokens),
        end=_start_fit(reversed_tokens),
        run=run[0] if run else None,
        run_any_length=run[1] if run else frozenset(),
    )


# Which partial keys fit a search, exactly, as regular expressions over the key that the database
# can check (PostgreSQL's and Python's, so SQLite's, read these the same way): `patterns_overlap` in a
# form a query can hold, cheap for each row. A search with a '*': a key without one fits where the
# search, read as a pattern over the key's characters, matches it; a key with one fits where its
# beginning fits the search's beginning and its end the search's end (what lies between two '*'s can
# always be made to fit). A search without '*' (a fixed length), by the shape of the key: without '*'
# place by place; with one '*', its beginning and end fit the search's, together no longer than it;
# '*' at both ends and none between, what lies between fits somewhere in the search; any other key
# with two or more, one expression that follows its '*'s over any number of the search's places (it
# doubles in length with each place, but only such keys are read with it).

OVERLAP_REGEX_BUDGET = 20_000  # characters; a longer search is checked by patterns_overlap instead
_TWO_STARS = r"\*[^*]*\*"
_NOT_BETWEEN_TWO_STARS = r"^[^*]|[^*]$|\*[^*]*\*[^*]*\*"


def _fits_place(place: str) -> str:
    """A key's character (known or '?') that could stand where the search has `place` (not '*')."""
    return r"[^*]" if place == "?" else "[" + "".join(sorted(set(place))) + "?]"


def _any_stars_regex(places: Sequence[str]) -> str | None:
    # rest: the rest of a key from the search's place j on; after: the rest of a key after a '*' that
    # has come to place j, with at least one more character (the '*' may also end the key).
    rest, after = r"\*?", ""
    for place in reversed(places):
        step = place + rest
        rest = f"(?:\\*?{step}|\\*(?:{after})?)" if after else f"(?:\\*?{step}|\\*)"
        after = f"{step}|{after}" if after else step
        if len(rest) > OVERLAP_REGEX_BUDGET:
            return None
    return f"^{rest}$"


def _fixed_length_regexes(tokens: Sequence[str]) -> tuple[tuple[str, ...], ...] | None:
    places = [_fits_place(token) for token in tokens]
    size = len(places)

    def ending(start: int) -> str:
        """The search's last places from `start` on, any number of them (none too)."""
        nested = ""
        for place in places[start:]:
            nested = f"(?:{nested}{place})?" if nested else f"(?:{place})?"
        return nested

    def beginning(start: int) -> str:
        """The search's places from `start` on, at least one, as many as the key has."""
        nested = ""
        for place in reversed(places[start:]):
            nested = f"{place}(?:{nested})?" if nested else place
        return nested

    one_star = "|".join("".join(places[:length]) + r"\*" + ending(length) for length in range(size + 1))
    between = "|".join(beginning(start) for start in range(size))
    general = _any_stars_regex(places)
    if general is None:
        return None
    return (
        ("^" + "".join(places) + "$",),
        (f"^(?:{one_star})$",),
        *(((f"^\\*(?:{between})\\*$",),) if size else ()),
        (_TWO_STARS, _NOT_BETWEEN_TWO_STARS, general),
    )


def overlap_regexes(tokens: Sequence[str]) -> tuple[tuple[str, ...], ...] | None:
    """Regular expressions over a partial key that hold exactly when it fits the search pattern
    (`patterns_overlap`): the key fits where it matches every expression of one of the tuples. None
    when the expressions would be longer than OVERLAP_REGEX_BUDGET."""
    if "*" not in tokens:
        return _fixed_length_regexes(tokens)
    places = "".join(r"[^*]*" if place == "*" else _fits_place(place) for place in tokens)
    starred: list[str] = [r"\*"]
    beginning = tokens[: tokens.index("*")]
    if beginning:
        nested = _fits_place(beginning[-1])
        for token in reversed(beginning[:-1]):
            nested = f"{_fits_place(token)}(?:\\*|{nested})"
        starred.append(f"^(?:\\*|{nested})")
    end = tokens[len(tokens) - tokens[::-1].index("*") :]
    if end:
        nested = _fits_place(end[0])
        for token in end[1:]:
            nested = f"(?:\\*|{nested}){_fits_place(token)}"
        starred.append(f"(?:\\*|{nested})$")
    return ((f"^{places}$",), tuple(starred))


def overlap_regexes_match(regexes: tuple[tuple[str, ...], ...], key: str) -> bool:
    return any(all(re.search(regex, key) for regex in conjunction) for conjunction in regexes)
