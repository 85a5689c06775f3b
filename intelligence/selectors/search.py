"""Search: has this vehicle, person, phone, place or online account been mentioned before?

- Registrations: '?' is one unknown character and '*' any run of them; a search with neither finds the
  full registrations that contain what was typed. A full mention is found when it fits the search
  (LIKE, served by the btree with pattern ops when the search is anchored at its start and by pg_trgm's
  GIN index when it is not; a regular expression with look-alikes). A partial mention ('AB1?C*') is
  found when it could be the same plate as the search, whichever of the two has the gaps
  (`patterns_overlap`); typed without '?' or '*', a whole registration (7 characters or more) is that
  registration and anything shorter a part of one. Partial mentions are matched in the database
  (decision 0019): each stores anchors (`registration_anchors`: its longest known run, its start and
  its end) that indexes look up, so that only those whose anchors could fit the search are read
  (`anchor_fits`), and the database keeps those that fit (`overlap_regexes`, exactly
  `patterns_overlap`). None is left out for being old. Look-alike characters (0/O, 1/I, 2/Z, 5/S, 8/B)
  widen each such character to its pair.
- Names and nicknames: on PostgreSQL with pg_trgm, a substring or trigram word similarity (GIN
  indexes, migration 0002); otherwise substrings of the words' first and last three letters pick the
  candidates, all of them, that rapidfuzz ranks.
- Phones: the number read to E.164 (WhatsApp and Signal accounts of that number too), or the
  numbers that end in the digits typed. Places: postcode, district, venue name or address.
- At least 3 known characters for a search that is not anchored at its start (DESIGN.md: shorter
  fragments scan every row); 2 for a registration pattern anchored at its start.

Every match is counted, however old; at most PER_KIND_LIMIT of each kind (of full and of partial
registrations each) are shown: the closest first (the same registration; the partial ones with the
most known characters), then the newest. The page and the API say when there are more. Each search
writes one access event naming the submissions it shows and the search terms."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, F, Func, Q, QuerySet, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Replace
from rapidfuzz import fuzz

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from intelligence.models import EntityKind, Mention
from intelligence.normalise import (
    PHONE_PLATFORMS,
    WHOLE_REGISTRATION,
    AnchorFits,
    account_key,
    anchor_fits,
    fold,
    handle_key,
    known_characters,
    overlap_regexes,
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
PER_KIND_LIMIT = 50  # a page of each way of matching: the closest, then the newest; the page says how many more
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


@dataclass(frozen=True)
class Found:
    """What one kind's search found: the mentions shown, best first, each with why it was found (at
    most PER_KIND_LIMIT of each way of matching), and how many match in all."""

    shown: dict[int, str]
    total: int


@dataclass(frozen=True)
class KindFound:
    kind: str
    total: int  # every mention of this kind that matches, however old
    shown: int  # those among the rows

    @property
    def label(self) -> str:
        return EntityKind(self.kind).label.lower()


@dataclass(frozen=True)
class SearchResult:
    rows: list[MentionRow]
    kinds: list[KindFound]  # the kinds searched

    @property
    def total(self) -> int:
        return sum(kind.total for kind in self.kinds)

    @property
    def cut(self) -> list[KindFound]:
        """The kinds with more matches than are shown."""
        return [kind for kind in self.kinds if kind.total > kind.shown]

    @property
    def complete(self) -> bool:
        return not self.cut


def _found(rows: QuerySet[Mention], shown: dict[int, str]) -> Found:
    """`shown` read from `rows` at most PER_KIND_LIMIT at a time: the count is asked only when the
    limit was reached."""
    return Found(shown, rows.count() if len(shown) >= PER_KIND_LIMIT else len(shown))


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


def partial_search_tokens(query: SearchQuery) -> tuple[str, ...]:
    """What a partial mention must overlap to be found: the pattern typed. Typed without '?' or '*', a
    whole registration (WHOLE_REGISTRATION characters or more) is that registration, and anything
    shorter is a part of one: 'ZZ*' could contain '72VB', but it could not be KX72VBN."""
    tokens = registration_tokens(query.text, lookalikes=query.lookalikes)
    if "?" in tokens or "*" in tokens or len(tokens) >= WHOLE_REGISTRATION:
        return tokens
    return ("*", *tokens, "*")


def _one_of(column: str, values: Iterable[str], prefixes: Iterable[str], params: list[object]) -> list[str]:
    """SQL terms: the column is one of the values, or begins with one of the prefixes (keys hold only
    letters, digits, '?' and '*', none of them special to LIKE)."""
    terms = []
    listed = sorted(values)
    if listed:
        terms.append(f"{column} IN ({', '.join(['%s'] * len(listed))})")
        params += listed
    for prefix in sorted(prefixes):
        terms.append(f"{column} LIKE %s")
        params.append(f"{prefix}%")
    return terms


def _anchors_admitted(fits: AnchorFits) -> RawSQL | None:
    """`fits.admits` as SQL that the anchor indexes answer (migration 0003: the run by its length, as
    it is and read backwards); None when the search puts no condition on the anchors. Written out, not
    built from Q objects, which take longer to compile than the query takes to run."""
    table = Mention._meta.db_table
    conditions: list[str] = []
    params: list[object] = []
    for column, fit in (("anchor_start", fits.start), ("anchor_end", fits.end)):
        if fit is not None:
            conditions.append(" OR ".join(_one_of(f'"{table}"."{column}"', fit.values | {""}, fit.prefixes, params)))
    if fits.run is not None:
        run, length = f'"{table}"."anchor_run"', f'LENGTH("{table}"."anchor_run")'
        lengths = sorted({0, *fits.run_any_length})
        terms = [f"{length} IN ({', '.join(['%s'] * len(lengths))})"]
        params += lengths
        for fit in fits.run:
            params.append(fit.length)
            within = _one_of(run, fit.values, fit.prefixes, params)
            within += _one_of(f"REVERSE({run})", (), fit.reversed_prefixes, params)
            terms.append(f"({length} = %s AND ({' OR '.join(within)}))")
        conditions.append(" OR ".join(terms))
    if not conditions:
        return None
    sql = " AND ".join(f"({condition})" for condition in conditions)
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611 (every value is a parameter)


def partial_candidates(tokens: tuple[str, ...]) -> QuerySet[Mention]:
    """The partial vehicle mentions whose anchors the pattern admits: a superset, small for a whole or
    nearly whole registration, of those that could be the same plate; every one of them, however old."""
    partial = Mention.objects.filter(kind=EntityKind.VEHICLE, partial=True).exclude(key="").order_by()
    admitted = _anchors_admitted(anchor_fits(tokens))
    return partial if admitted is None else partial.filter(admitted)


def _overlapping(regexes: tuple[tuple[str, ...], ...]) -> Q:
    condition = Q(pk__in=[])
    for conjunction in regexes:
        every = Q()
        for regex in conjunction:
            every &= Q(key__regex=regex)
        condition |= every
    return condition


def partial_fitting(tokens: tuple[str, ...]) -> QuerySet[Mention] | None:
    """The partial vehicle mentions that fit the pattern, as one query; None for a search too long for
    `overlap_regexes`."""
    regexes = overlap_regexes(tokens)
    return None if regexes is None else partial_candidates(tokens).filter(_overlapping(regexes))


def partial_registrations_fitting(tokens: tuple[str, ...]) -> list[tuple[int, str]]:
    """Every partial vehicle mention that could be the same plate as the pattern, as (id, key): the
    anchor indexes pick the candidates and the database keeps those that fit (`overlap_regexes`, which
    is `patterns_overlap`); for a search too long for those, `patterns_overlap` itself, once a key."""
    fitting_query = partial_fitting(tokens)
    if fitting_query is not None:
        return list(fitting_query.values_list("id", "key"))
    rows = list(partial_candidates(tokens).values_list("id", "key"))
    fitting = {key: patterns_overlap(tokens, tuple(key)) for key in {key for _, key in rows}}
    return [(pk, key) for pk, key in rows if fitting[key]]


def _first(rows: QuerySet[Mention], *order: str) -> tuple[list[tuple[int, str]], int]:
    """The first PER_KIND_LIMIT rows in this order, as (id, key), and how many there are in all: one
    query, which hands back no more rows than are shown however many match."""
    found = list(
        rows.annotate(total=Window(Count("id"))).order_by(*order).values_list("id", "key", "total")[:PER_KIND_LIMIT]
    )
    return [(pk, key) for pk, key, _ in found], found[0][2] if found else 0


def _known(field: str) -> Length:
    return Length(Replace(Replace(F(field), Value("?"), Value("")), Value("*"), Value("")))


def partial_registrations_first(tokens: tuple[str, ...]) -> tuple[list[tuple[int, str]], int]:
    """The partial registrations shown, those with the most known characters first (AB1?CDE before *DE),
    then the newest, and how many fit in all."""
    fitting_query = partial_fitting(tokens)
    if fitting_query is not None:
        return _first(fitting_query.annotate(known=_known("key")), "-known", "-id")
    rows = sorted(partial_registrations_fitting(tokens), key=lambda row: (-known_characters(row[1]), -row[0]))
    return rows[:PER_KIND_LIMIT], len(rows)


def full_registrations_matching(tokens: tuple[str, ...]) -> QuerySet[Mention]:
    """The full registrations that fit the pattern: LIKE (a btree with pattern ops serves one anchored at
    its start, pg_trgm's GIN index one that is not), or a regular expression for look-alikes."""
    full = Mention.objects.filter(kind=EntityKind.VEHICLE, partial=False).exclude(key="").order_by()
    like = tokens_like(tokens)
    return full.filter(Like(F("key"), Value(like))) if like else full.filter(key__regex=tokens_regex(tokens))


def _vehicles(query: SearchQuery) -> Found:
    tokens = registration_search_tokens(query)
    plain = registration_search_tokens(SearchQuery(text=query.text))
    exact = registration_key(query.text)
    same_first = Case(When(key=exact, then=Value(0)), default=Value(1))
    full, full_total = _first(full_registrations_matching(tokens).annotate(same=same_first), "same", "-id")
    partial, partial_total = partial_registrations_first(partial_search_tokens(query))

    def why(key: str) -> str:
        if key == exact:
            return "Same registration"
        return "Registration fits" if patterns_overlap(plain, tuple(key)) else "Fits with look-alike characters"

    shown = {pk: why(key) for pk, key in full}
    shown |= dict.fromkeys((pk for pk, _ in partial), "Partial registration that could be this vehicle")
    return Found(shown, full_total + partial_total)


def _trigram_ready() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def people_named_like(text: str) -> QuerySet[Mention]:
    """Person mentions whose name or nickname contains `text` (folded) or has a word like it, on
    PostgreSQL with pg_trgm: answered by the people's own trigram index (migration 0007)."""
    return Mention.objects.filter(
        Q(search_text__contains=text) | WordSimilar(Value(text), F("search_text")), kind=EntityKind.PERSON
    )


def _people(query: SearchQuery) -> Found:
    text = fold(query.text)
    people = Mention.objects.filter(kind=EntityKind.PERSON)
    if _trigram_ready():
        from django.contrib.postgres.search import TrigramWordSimilarity

        similar = people_named_like(text)
        rows = (
            similar.annotate(similarity=TrigramWordSimilarity(text, "search_text"))
            .order_by("-similarity", "-id")
            .values_list("id", "search_text")[:PER_KIND_LIMIT]
        )
        return _found(
            similar, {pk: "Name or nickname" if text in found else "Similar name or nickname" for pk, found in rows}
        )
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
    return Found({pk: why for _, pk, why in scored[:PER_KIND_LIMIT]}, len(scored))


def _phones(query: SearchQuery) -> Found:
    digits = re.sub(r"\D", "", query.text)
    key = phone_key(query.text)
    read = bool(key) and not phone_unread(key)
    # A read UK number is also found where it was written without its 0 or +44 and could not be read.
    ending = key.removeprefix("+44") if read else digits
    condition = Q(kind=EntityKind.PHONE, key__endswith=ending)
    condition |= Q(kind=EntityKind.ONLINE_ACCOUNT, key__regex=rf"^({'|'.join(sorted(PHONE_PLATFORMS))}):.*{ending}$")
    numbers = Mention.objects.filter(condition)
    rows = numbers.order_by("-id").values_list("id", "key")[:PER_KIND_LIMIT]
    same = {key, *(f"{platform}:{key}" for platform in PHONE_PLATFORMS)} if read else set()
    return _found(numbers, {pk: "Same number" if found in same else f"Number ends in {ending}" for pk, found in rows})


def _places(query: SearchQuery) -> Found:
    text, code = query.text.strip(), postcode_key(query.text)
    outward = "" if code or not _OUTWARD.fullmatch(text.upper()) else text.upper()
    condition = Q(search_text__contains=fold(text)) if len(fold(text)) >= 3 else Q(pk__in=[])
    if code:
        condition |= Q(key=code) | Q(key__startswith=f"{code}|")
    if outward:
        condition |= Q(key__startswith=f"{outward} ")
    places = Mention.objects.filter(condition, kind=EntityKind.LOCATION)
    rows = places.order_by("-id").values_list("id", "key")[:PER_KIND_LIMIT]

    def why(key: str) -> str:
        if code and (key == code or key.startswith(f"{code}|")):
            return "Same postcode"
        return "Same postcode district" if outward and key.startswith(f"{outward} ") else "Name or address"

    return _found(places, {pk: why(key) for pk, key in rows})


def account_parts(text: str) -> tuple[str, str]:
    """'snap:deano_99' -> ('snap', 'deano_99'); a handle or a profile link alone has no platform."""
    platform, colon, handle = text.strip().partition(":")
    return (platform, handle) if colon and "/" not in text else ("", text.strip())


def _accounts(query: SearchQuery) -> Found:
    platform, handle = account_parts(query.text)
    wanted = handle_key(handle, platform)
    if platform:
        condition = Q(key=account_key(platform, handle))
    else:
        condition = Q(key__endswith=f":{wanted}") | Q(search_text__contains=wanted)
    accounts = Mention.objects.filter(condition, kind=EntityKind.ONLINE_ACCOUNT)
    rows = accounts.order_by("-id").values_list("id", "key")[:PER_KIND_LIMIT]
    return _found(
        accounts,
        {pk: "Same handle" if key.endswith(f":{wanted}") else "Handle contains the search" for pk, key in rows},
    )


_MATCHERS = {
    EntityKind.VEHICLE: _vehicles,
    EntityKind.PERSON: _people,
    EntityKind.PHONE: _phones,
    EntityKind.LOCATION: _places,
    EntityKind.ONLINE_ACCOUNT: _accounts,
}


def intelligence_search(*, user: User, query: SearchQuery, context: AccessContext) -> SearchResult:
    """The mentions that answer the search, best matches of each kind first, with the submission each
    came from and its grading, and how many of each kind match in all (more than are shown when a kind
    has more than PER_KIND_LIMIT). The caller has checked `require_intelligence_officer` and
    `search_problem`."""
    with transaction.atomic():
        found: dict[int, str] = {}
        kinds = []
        for kind in search_kinds(query):
            matched = _MATCHERS[EntityKind(kind)](query)
            found |= matched.shown
            kinds.append(KindFound(kind=kind, total=matched.total, shown=len(matched.shown)))
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
    return SearchResult(rows=rows, kinds=kinds)
