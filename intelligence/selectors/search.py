"""Search: has this vehicle, person, phone, place or online account been mentioned before?

- Registrations: '?' is one unknown character and '*' any run of them; a search with neither finds the
  registrations that contain what was typed. A full mention is found when it fits the search; a
  partial mention ('AB1?C*') when it could be the same plate as the search, whichever of the two has
  the gaps (`patterns_overlap`). Look-alike characters (0/O, 1/I, 2/Z, 5/S, 8/B) widen each such
  character to its pair. Full mentions are matched in the database (LIKE, or a regular expression
  with look-alikes); partial ones by `patterns_overlap`, once for each distinct partial registration
  recorded, however old: none is left out for being old.
- Names and nicknames: on PostgreSQL with pg_trgm, a substring or trigram word similarity (GIN
  indexes, migration 0002); otherwise substrings of the words' first and last three letters pick the
  candidates, all of them, that rapidfuzz ranks.
- Phones: the number read to E.164 (WhatsApp and Signal accounts of that number too), or the
  numbers that end in the digits typed. Places: postcode, district, venue name or address.
- At least 3 known characters for a search that is not anchored at its start (DESIGN.md: shorter
  fragments scan every row); 2 for a registration pattern anchored at its start.

Each search writes one access event naming the submissions it found and the search terms."""

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Q, Value
from rapidfuzz import fuzz

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from intelligence.models import EntityKind, Mention
from intelligence.normalise import (
    PHONE_PLATFORMS,
    account_key,
    fold,
    handle_key,
    known_characters,
    patterns_overlap,
    phone_key,
    phone_unread,
    postcode_key,
    registration_key,
    registration_tokens,
    tokens_like,
    tokens_regex,
)
from intelligence.selectors.entities import MentionRow, mention_rows, with_grading

ALL = "all"
PER_KIND_LIMIT = 100
CANDIDATE_CHUNK = 2000  # rows read at a time while every candidate is checked
NAME_SCORE = 80
_OUTWARD = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kind: str = ALL
    lookalikes: bool = False

    def as_log(self) -> dict[str, Any]:
        return {"query": self.text, "kind": self.kind, "lookalikes": self.lookalikes}


class Like(Func):
    """`left LIKE right`: Django has no lookup whose pattern is a column (a partial mention's key)."""

    arg_joiner = " LIKE "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class WordSimilar(Func):
    """pg_trgm's `query <% text` (word similarity above the threshold), which a GIN index serves."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def registration_search_tokens(query: SearchQuery) -> tuple[str, ...]:
    tokens = registration_tokens(query.text, lookalikes=query.lookalikes)
    return tokens if "?" in tokens or "*" in tokens else ("*", *tokens, "*")


def _problem(kind: str, query: SearchQuery) -> str | None:
    text = query.text.strip()
    if kind == EntityKind.VEHICLE:
        tokens = registration_search_tokens(query)
        if known_characters(tokens) < 2:
            return "Enter at least 2 letters or numbers of the registration"
        if tokens[0] == "*" and known_characters(tokens) < 3:
            return "Enter at least 3 letters or numbers of the registration, or use ? for each one you do not know"
        return None
    if kind == EntityKind.PHONE:
        return None if len(re.sub(r"\D", "", text)) >= 4 else "Enter at least 4 digits of the phone number"
    if kind == EntityKind.LOCATION:
        if postcode_key(text) or _OUTWARD.fullmatch(text.upper()) or len(fold(text)) >= 3:
            return None
        return "Enter a postcode, or at least 3 letters of the place's name or address"
    if kind == EntityKind.ONLINE_ACCOUNT:
        return None if len(handle_key(account_parts(text)[1])) >= 3 else "Enter at least 3 characters of the handle"
    return None if len(fold(text)) >= 3 else "Enter at least 3 letters of the name or nickname"


def _applies(kind: str, text: str) -> bool:
    """For a search of everything: which kinds the text could be."""
    letters = sum(char.isalpha() for char in text)
    if kind == EntityKind.VEHICLE:
        key = registration_key(text)
        return re.fullmatch(r"[\w?* -]+", text) is not None and any(c.isdigit() or c in "?*" for c in key)
    if kind == EntityKind.PHONE:
        return letters == 0
    if kind == EntityKind.PERSON:
        return letters >= 3
    return letters > 0


def search_kinds(query: SearchQuery) -> list[str]:
    if query.kind != ALL:
        return [query.kind]
    return [kind for kind in EntityKind.values if _applies(kind, query.text) and _problem(kind, query) is None]


def search_problem(query: SearchQuery) -> str | None:
    """Why the search cannot run, as the page says it; None when it can."""
    if not query.text.strip():
        return "Enter a registration, name, phone number, place or online account"
    if query.kind == ALL:
        return None if search_kinds(query) else "Enter at least 3 letters or numbers"
    return _problem(query.kind, query)


def _vehicles(query: SearchQuery) -> dict[int, str]:
    tokens = registration_search_tokens(query)
    plain = registration_search_tokens(SearchQuery(text=query.text))
    exact, like = registration_key(query.text), tokens_like(tokens)
    full = Mention.objects.filter(kind=EntityKind.VEHICLE, partial=False).exclude(key="")
    full = full.filter(Like(F("key"), Value(like))) if like else full.filter(key__regex=tokens_regex(tokens))
    rows = sorted(full.order_by("-id").values_list("id", "key")[:PER_KIND_LIMIT], key=lambda row: row[1] != exact)

    def why(key: str) -> str:
        if key == exact:
            return "Same registration"
        return "Registration fits" if patterns_overlap(plain, tuple(key)) else "Fits with look-alike characters"

    found = {pk: why(key) for pk, key in rows}
    partial = Mention.objects.filter(kind=EntityKind.VEHICLE, partial=True).exclude(key="")
    # Every distinct partial registration ever recorded is checked (far fewer than the mentions);
    # then the newest mentions of those that fit.
    keys = partial.values_list("key", flat=True).distinct().order_by()
    fitting = [key for key in keys.iterator(chunk_size=CANDIDATE_CHUNK) if patterns_overlap(tokens, tuple(key))]
    newest: list[int] = []
    for start in range(0, len(fitting), CANDIDATE_CHUNK):  # a bounded IN list, however many fit
        batch = partial.filter(key__in=fitting[start : start + CANDIDATE_CHUNK])
        newest = sorted([*newest, *batch.order_by("-id").values_list("id", flat=True)[:PER_KIND_LIMIT]])[::-1]
        newest = newest[:PER_KIND_LIMIT]
    return found | dict.fromkeys(newest, "Partial registration that could be this vehicle")


def _trigram_ready() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _people(query: SearchQuery) -> dict[int, str]:
    text = fold(query.text)
    people = Mention.objects.filter(kind=EntityKind.PERSON)
    if _trigram_ready():
        from django.contrib.postgres.search import TrigramWordSimilarity

        rows = (
            people.filter(Q(search_text__contains=text) | WordSimilar(Value(text), F("search_text")))
            .annotate(similarity=TrigramWordSimilarity(text, "search_text"))
            .order_by("-similarity", "-id")
            .values_list("id", "search_text")[:PER_KIND_LIMIT]
        )
        return {pk: "Name or nickname" if text in found else "Similar name or nickname" for pk, found in rows}
    fragments = Q()
    for word in (word for word in text.split() if len(word) >= 3):
        fragments |= Q(search_text__contains=word[:3]) | Q(search_text__contains=word[-3:])
    candidates = people.filter(fragments).order_by("-id").values_list("id", "search_text")
    scored = []
    for pk, found in candidates.iterator(chunk_size=CANDIDATE_CHUNK):
        score = 100.0 if text in found else max(fuzz.partial_ratio(text, found), fuzz.token_set_ratio(text, found))
        if score >= NAME_SCORE:
            scored.append((score, pk, "Name or nickname" if text in found else "Similar name or nickname"))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return {pk: why for _, pk, why in scored[:PER_KIND_LIMIT]}


def _phones(query: SearchQuery) -> dict[int, str]:
    digits = re.sub(r"\D", "", query.text)
    key = phone_key(query.text)
    read = bool(key) and not phone_unread(key)
    # A read UK number is also found where it was written without its 0 or +44 and could not be read.
    ending = key.removeprefix("+44") if read else digits
    condition = Q(kind=EntityKind.PHONE, key__endswith=ending)
    condition |= Q(kind=EntityKind.ONLINE_ACCOUNT, key__regex=rf"^({'|'.join(sorted(PHONE_PLATFORMS))}):.*{ending}$")
    rows = Mention.objects.filter(condition).order_by("-id").values_list("id", "key")[:PER_KIND_LIMIT]
    same = {key, *(f"{platform}:{key}" for platform in PHONE_PLATFORMS)} if read else set()
    return {pk: "Same number" if found in same else f"Number ends in {ending}" for pk, found in rows}


def _places(query: SearchQuery) -> dict[int, str]:
    text, code = query.text.strip(), postcode_key(query.text)
    outward = "" if code or not _OUTWARD.fullmatch(text.upper()) else text.upper()
    condition = Q(search_text__contains=fold(text)) if len(fold(text)) >= 3 else Q(pk__in=[])
    if code:
        condition |= Q(key=code) | Q(key__startswith=f"{code}|")
    if outward:
        condition |= Q(key__startswith=f"{outward} ")
    rows = Mention.objects.filter(condition, kind=EntityKind.LOCATION).order_by("-id").values_list("id", "key")

    def why(key: str) -> str:
        if code and (key == code or key.startswith(f"{code}|")):
            return "Same postcode"
        return "Same postcode district" if outward and key.startswith(f"{outward} ") else "Name or address"

    return {pk: why(key) for pk, key in rows[:PER_KIND_LIMIT]}


def account_parts(text: str) -> tuple[str, str]:
    """'snap:deano_99' -> ('snap', 'deano_99'); a handle or a profile link alone has no platform."""
    platform, colon, handle = text.strip().partition(":")
    return (platform, handle) if colon and "/" not in text else ("", text.strip())


def _accounts(query: SearchQuery) -> dict[int, str]:
    platform, handle = account_parts(query.text)
    wanted = handle_key(handle, platform)
    if platform:
        condition = Q(key=account_key(platform, handle))
    else:
        condition = Q(key__endswith=f":{wanted}") | Q(search_text__contains=wanted)
    accounts = Mention.objects.filter(condition, kind=EntityKind.ONLINE_ACCOUNT).order_by("-id")
    rows = accounts.values_list("id", "key")[:PER_KIND_LIMIT]
    return {pk: "Same handle" if key.endswith(f":{wanted}") else "Handle contains the search" for pk, key in rows}


_MATCHERS = {
    EntityKind.VEHICLE: _vehicles,
    EntityKind.PERSON: _people,
    EntityKind.PHONE: _phones,
    EntityKind.LOCATION: _places,
    EntityKind.ONLINE_ACCOUNT: _accounts,
}


def intelligence_search(*, user: User, query: SearchQuery, context: AccessContext) -> list[MentionRow]:
    """The mentions that answer the search, best matches of each kind first, with the submission each
    came from and its grading. The caller has checked `require_intelligence_officer` and
    `search_problem`."""
    with transaction.atomic():
        found: dict[int, str] = {}
        for kind in search_kinds(query):
            found |= _MATCHERS[EntityKind(kind)](query)
        order = {pk: position for position, pk in enumerate(found)}
        mentions = sorted(with_grading(Mention.objects.filter(pk__in=list(found))), key=lambda m: order[m.pk])
        rows = mention_rows(mentions, found)
        access_event_record(
            user=user,
            action=AccessAction.SEARCH,
            object_type="submission",
            object_ids=sorted({row.mention.submission_id for row in rows}),
            query=query.as_log(),
            context=context,
        )
    return rows
