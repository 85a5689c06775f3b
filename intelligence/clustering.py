"""People from scored pairs: the grouping of person mentions that the batch and every incremental link
share. Apart from the model (intelligence/linkage.py) because it is a rule of its own, on phones,
accounts and the analysts' decisions, not a score. Pure: no database."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from intelligence.linkage import ScoredPair
from intelligence.person_records import PersonRecord


@dataclass
class _Group:
    members: set[int]
    phones: set[str]
    accounts: set[str]
    apart_from: set[int]  # mentions an analyst said are someone else


def _conflict(one: _Group, other: _Group) -> bool:
    """Two groups that each know the person's phones (or accounts) and share none are two people,
    however alike the names. One mention's other phone is not enough (a person may carry two), which
    is why this is judged between groups as they grow, not between two mentions."""
    if one.phones & other.phones or one.accounts & other.accounts:
        return False
    return bool(one.phones and other.phones) or bool(one.accounts and other.accounts)


def clusters_build(
    records: Sequence[PersonRecord],
    links: Iterable[ScoredPair],
    *,
    same: Iterable[tuple[int, int]] = (),
    different: Iterable[tuple[int, int]] = (),
) -> list[set[int]]:
    """People from links. The analyst's confirmed pairs (`same`) join first; then the links, strongest
    first, join their groups unless the groups conflict (see _conflict). Nothing joins two groups that
    an analyst's rejected pair (`different`) holds apart. Every mention ends in exactly one group."""
    parent = {record.mention_id: record.mention_id for record in records}
    groups = {
        record.mention_id: _Group({record.mention_id}, set(record.phones), set(record.accounts), set())
        for record in records
    }
    for left, right in different:
        if left in groups and right in groups:
            groups[left].apart_from.add(right)
            groups[right].apart_from.add(left)

    def find(mention: int) -> int:
        while parent[mention] != mention:
            parent[mention] = parent[parent[mention]]
            mention = parent[mention]
        return mention

    def join(left: int, right: int, *, checked: bool) -> None:
        if left not in parent or right not in parent or find(left) == find(right):
            return
        big, small = find(left), find(right)
        one, other = groups[big], groups[small]
        if one.apart_from & other.members or other.apart_from & one.members or (checked and _conflict(one, other)):
            return
        if len(one.members) < len(other.members):
            big, small, one, other = small, big, other, one
        parent[small] = big
        one.members |= other.members
        one.phones |= other.phones
        one.accounts |= other.accounts
        one.apart_from |= other.apart_from
        del groups[small]

    for left, right in same:
        join(left, right, checked=False)
    for pair in sorted(links, key=lambda pair: (-pair.probability, pair.left, pair.right)):
        join(pair.left, pair.right, checked=True)
    return [group.members for group in groups.values()]
