"""The shape of one person mention as linkage sees it, and the reading of its name, street name and
gender into the columns Splink compares. Kept apart from the model (intelligence/linkage.py) because
the services, the synthetic set and the clustering need the record and the name rules without Splink.
Pure: no database."""

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mister"}
_GENDERS = {"m": "m", "male": "m", "man": "m", "boy": "m", "f": "f", "female": "f", "woman": "f", "girl": "f"}


@dataclass(frozen=True)
class PersonRecord:
    """One person mention with the keys of the phones, accounts and vehicles its report ties to it."""

    mention_id: int
    submission_id: int
    name: str = ""
    nickname: str = ""
    age: int | None = None
    gender: str = ""
    phones: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()


def name_parts(name: str) -> tuple[str | None, str | None]:
    """'Mr Dean O'Brien-Smith' -> ('dean', "o'brien-smith"); one word is a forename (or a street name)."""
    words = [word for word in re.findall(r"[a-z]+(?:['-][a-z]+)*", name.casefold()) if word not in _TITLES]
    if not words:
        return None, None
    return (words[0], None) if len(words) == 1 else (words[0], words[-1])


def nickname_key(nickname: str) -> str | None:
    """Letters only: 'Taz98', 'taz' and 'T.A.Z.' are one street name."""
    return re.sub(r"[^a-z]", "", nickname.casefold()) or None


def record_row(record: PersonRecord, *, common: Collection[str] = ()) -> dict[str, Any]:
    forename, surname = name_parts(record.name)
    nickname = nickname_key(record.nickname)
    return {
        "unique_id": record.mention_id,
        "submission_id": record.submission_id,
        "forename": forename,
        "surname": surname,
        "nickname": nickname,
        "nickname_block": None if nickname in common else nickname,
        "age": record.age if record.age is not None and 10 <= record.age <= 99 else None,
        "gender": _GENDERS.get(record.gender.strip().casefold()),
        "phones": sorted(set(record.phones)) or None,
        "accounts": sorted(set(record.accounts)) or None,
        "vehicles": sorted(set(record.vehicles)) or None,
    }


SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("submission_id", pa.int64()),
        ("forename", pa.string()),
        ("surname", pa.string()),
        ("nickname", pa.string()),
        ("nickname_block", pa.string()),
        ("age", pa.int32()),
        ("gender", pa.string()),
        ("phones", pa.list_(pa.string())),
        ("accounts", pa.list_(pa.string())),
        ("vehicles", pa.list_(pa.string())),
    ]
)
