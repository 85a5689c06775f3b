"""The people that person linkage finds, written as PERSON entities: one per group of mentions, keeping
each person's id across reruns, and regrouping only the people a new submission or an analyst's
decision touches (`recluster`). Scoring and the model are intelligence/services/linkage.py; the
grouping rule itself is intelligence/clustering.py."""

from collections import Counter, defaultdict
from typing import Any

from django.db import IntegrityError, transaction

from intelligence.clustering import clusters_build
from intelligence.linkage import ScoredPair
from intelligence.models import Entity, EntityKind, MatchCandidate, MatchStatus, Mention
from intelligence.person_records import name_parts
from intelligence.selectors.linkage import chunks, decisions_latest, person_records
from intelligence.services.overview import network_overview_refresh_request


def _label(names: Counter[str], nicknames: Counter[str], mention_count: int) -> tuple[str, dict[str, Any]]:
    label = names.most_common(1)[0][0] if names else nicknames.most_common(1)[0][0] if nicknames else "Unnamed person"
    attributes = {
        "names": [name for name, _ in names.most_common(5)],
        "nicknames": [nickname for nickname, _ in nicknames.most_common(5)],
        "mentions": mention_count,
    }
    return label[:200], attributes


def people_write(groups: list[set[int]]) -> None:
    """One PERSON entity per group. An existing entity stays with the group that holds most (over half)
    of its mentions, so that a person's id survives a rerun; others are created; entities left with no
    mention are removed, and whatever else pointed at one follows its mentions (`_references_follow`)."""
    mention_ids = [mention for group in groups for mention in group]
    current: dict[int, int | None] = {}
    details: dict[int, dict[str, Any]] = {}
    for chunk in chunks(mention_ids):
        for mention_id, entity_id, attributes in Mention.objects.filter(pk__in=chunk).values_list(
            "id", "entity_id", "attributes"
        ):
            current[mention_id], details[mention_id] = entity_id, attributes
    in_scope = {entity for entity in current.values() if entity is not None}
    sizes: Counter[int] = Counter()
    for chunk in chunks(in_scope):
        sizes.update(Mention.objects.filter(entity_id__in=chunk).values_list("entity_id", flat=True))
    options = []
    for index, group in enumerate(groups):
        for entity, held in Counter(current[m] for m in group if current.get(m) is not None).items():
            if entity is not None and held * 2 > sizes[entity]:
                options.append((held, -entity, index, entity))
    kept: dict[int, int] = {}
    moved_to: dict[int, Counter[int]] = defaultdict(Counter)
    for _, _, index, entity in sorted(options, reverse=True):
        if index not in kept and entity not in kept.values():
            kept[index] = entity
    for index, group in enumerate(groups):
        names: Counter[str] = Counter()
        nicknames: Counter[str] = Counter()
        for mention in group:
            forename, surname = name_parts(str(details[mention].get("name", "")))
            if forename:
                names[" ".join(part.title() for part in (forename, surname) if part)] += 1
            if details[mention].get("nickname"):
                nicknames[str(details[mention]["nickname"]).strip()] += 1
        label, attributes = _label(names, nicknames, len(group))
        if index in kept:
            Entity.objects.filter(pk=kept[index]).update(label=label, attributes=attributes)
            entity_id = kept[index]
        else:
            entity_id = Entity.objects.create(kind=EntityKind.PERSON, label=label, attributes=attributes).pk
        moving = [mention for mention in group if current.get(mention) != entity_id]
        for mention in moving:
            previous = current.get(mention)
            if previous is not None:
                moved_to[previous][entity_id] += 1
        for chunk in chunks(moving):
            Mention.objects.filter(pk__in=chunk).update(entity_id=entity_id)
    gone = in_scope - set(kept.values())
    _references_follow({old: moved_to[old].most_common(1)[0][0] for old in gone if moved_to[old]})
    for chunk in chunks(gone):
        Entity.objects.filter(pk__in=chunk, kind=EntityKind.PERSON, mentions__isnull=True).delete()
    network_overview_refresh_request()  # who is the same person changes the groups and who links most


def _references_follow(successors: dict[int, int]) -> None:
    """What else points at a person entity that linkage removes (a MEG item's link, for one) moves to the
    entity that took most of its mentions, so that an analyst's link survives a merge. Found through
    Django's relations rather than by name, so that intelligence need not know who links to it; a row
    the successor already has is left to go with the old entity."""
    for relation in Entity._meta.related_objects:
        if relation.related_model is Mention or not relation.one_to_many:
            continue
        manager = relation.related_model._default_manager
        field = relation.field.name
        for old, new in successors.items():
            for pk in manager.filter(**{field: old}).values_list("pk", flat=True):
                try:
                    with transaction.atomic():
                        manager.filter(pk=pk).update(**{field: new})
                except IntegrityError:
                    continue


def recluster(mention_ids: set[int]) -> None:
    """Regroup only these mentions and the people they belong to, from the stored links and the
    decisions: what a new submission or an analyst's decision changes, without the whole batch."""
    scope = set(mention_ids)
    entities = {
        e for chunk in chunks(scope) for e in Mention.objects.filter(pk__in=chunk).values_list("entity_id", flat=True)
    }
    entities.discard(None)
    for chunk in chunks(e for e in entities if e is not None):
        scope |= set(Mention.objects.filter(entity_id__in=chunk, kind=EntityKind.PERSON).values_list("id", flat=True))
    records = person_records(mention_ids=scope)
    links = [
        ScoredPair(left, right, probability)
        for chunk in chunks(scope)
        for left, right, probability in MatchCandidate.objects.filter(
            left_id__in=chunk, status__in=[MatchStatus.LINKED, MatchStatus.CONFIRMED]
        ).values_list("left_id", "right_id", "probability")
        if right in scope
    ]
    latest = {pair: same for pair, same in decisions_latest().items() if pair[0] in scope and pair[1] in scope}
    same = [pair for pair, decided in latest.items() if decided]
    different = [pair for pair, decided in latest.items() if not decided]
    people_write(clusters_build(records, links, same=same, different=different))
