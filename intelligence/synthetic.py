"""Synthetic suspected offenders and the reports that mention them, with the truth kept, so that person
resolution can be measured (docs/linkage.md). Pure Python and a seeded Faker (en_GB): no database, and
no real person's details. Phone numbers come only from Ofcom's ranges reserved for drama.

Each report mentions one to three people the way witnesses do: street names instead of names,
misspellings and phonetic variants, forename and surname swapped, fields left out, ages guessed
("about 30"), one of a person's two phones, and common names shared by different people. How one word,
phone number or registration comes out garbled is intelligence/synthetic_noise.py."""

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from faker import Faker

from intelligence.inputs import OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import EntityKind
from intelligence.normalise import mention_key
from intelligence.person_records import PersonRecord
from intelligence.synthetic_noise import noisy, phone_written, plate_written

# Deliberate collisions: different people share these, as they do in any town.
COMMON_FORENAMES = ("Mohammed", "James", "David", "John", "Daniel", "Michael", "Adam", "Ryan", "Lee", "Ali")
COMMON_SURNAMES = ("Smith", "Jones", "Khan", "Ali", "Hussain", "Ahmed", "Taylor", "Brown", "Williams", "Wilson")
STREET_NAMES = (
    "Ghost", "Tiny", "Blade", "Scar", "Smokey", "Prince", "Kingz", "Ace", "Bullet", "Chops", "Flash", "Snowy",
    "Ice", "Bones", "Junior", "Rocky", "Shadow", "Slim", "Spider", "Trigger", "Dutch", "Taz", "Boss", "Lucky",
)  # fmt: skip
PLATFORMS = ("Snapchat", "Instagram", "TikTok", "WhatsApp", "Facebook")
# Ofcom's drama numbers (never allocated to anyone): each prefix is followed by 000 to 999.
_DRAMA_PREFIXES = (
    "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0",
    "0141 496 0", "0151 496 0", "0161 496 0", "0191 498 0", "020 7946 0", "029 2018 0", "07700 900",
)  # fmt: skip
_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"


@dataclass(frozen=True)
class TruePerson:
    person_id: int
    forename: str
    surname: str
    nicknames: tuple[str, ...]
    age: int
    gender: str
    phones: tuple[str, ...]
    account: OnlineAccountInput | None
    vehicle: str


@dataclass(frozen=True)
class PersonMention:
    """A person as one report describes them, with who they truly are."""

    true_id: int
    name: str
    nickname: str
    age_estimate: int | None
    gender: str
    phones: tuple[str, ...]
    accounts: tuple[OnlineAccountInput, ...]


@dataclass(frozen=True)
class Report:
    index: int
    persons: tuple[PersonMention, ...]
    vehicles: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticSet:
    people: tuple[TruePerson, ...]
    reports: tuple[Report, ...]


def drama_phone(index: int) -> str:
    """The index-th fictional number; past 15,000 the numbers repeat (different people then share one)."""
    prefix, number = divmod(index % (1000 * len(_DRAMA_PREFIXES)), 1000)
    return f"{_DRAMA_PREFIXES[prefix]}{number:03d}"


def _registration(rng: random.Random) -> str:
    letters = "".join(rng.choice(_LETTERS) for _ in range(2))
    tail = "".join(rng.choice(_LETTERS) for _ in range(3))
    return f"{letters}{rng.randint(51, 74) if rng.random() < 0.5 else rng.randint(10, 24)} {tail}"


def _street_name(rng: random.Random, forename: str) -> str:
    choice = rng.random()
    if choice < 0.35:
        return forename[: rng.choice((2, 3))] + rng.choice(("o", "y", "z", "zy"))
    if choice < 0.5:
        return forename[0] + rng.choice(("-Dog", "-Man", " Money")) if rng.random() < 0.3 else forename[0] + "J"
    name = rng.choice(STREET_NAMES)
    return f"{name}{rng.randint(1, 99)}" if rng.random() < 0.15 else name


def _person(
    index: int, fake: Faker, rng: random.Random, people: list[TruePerson], phone_counter: list[int]
) -> TruePerson:
    gender = "male" if rng.random() < 0.85 else "female"
    if people and rng.random() < 0.03:
        namesake = rng.choice(people)  # a different person with exactly the same name
        forename, surname = namesake.forename, namesake.surname
    else:
        if rng.random() < 0.3 and gender == "male":
            forename = rng.choice(COMMON_FORENAMES)
        else:
            forename = fake.first_name_male() if gender == "male" else fake.first_name_female()
        surname = rng.choice(COMMON_SURNAMES) if rng.random() < 0.3 else fake.last_name()
    nicknames: tuple[str, ...] = ()
    if rng.random() < 0.7:
        nicknames = (_street_name(rng, forename),)
        if rng.random() < 0.25:
            nicknames += (_street_name(rng, forename),)
    phones = []
    for _ in range(2 if rng.random() < 0.3 else 1):
        phones.append(drama_phone(phone_counter[0]))
        phone_counter[0] += 1
    account = None
    if rng.random() < 0.4:
        handle = f"{(nicknames or (forename,))[0].replace(' ', '').replace('-', '').lower()}_{rng.randint(1, 999)}"
        account = OnlineAccountInput(platform=rng.choice(PLATFORMS), handle=handle)
    return TruePerson(
        person_id=index,
        forename=forename,
        surname=surname,
        nicknames=nicknames,
        age=min(60, max(16, int(rng.gauss(29, 8)))),
        gender=gender,
        phones=tuple(phones),
        account=account,
        vehicle=_registration(rng) if rng.random() < 0.3 else "",
    )


def _name(person: TruePerson, rng: random.Random) -> str:
    forename, surname = noisy(person.forename, rng), noisy(person.surname, rng)
    roll = rng.random()
    if roll < 0.12:
        name = forename
    elif roll < 0.17:
        name = surname
    elif roll < 0.27:
        name = f"{surname} {forename}"  # swapped, as on a list written surname first
    else:
        name = f"{forename} {surname}"
    casing = rng.random()
    return name.lower() if casing < 0.1 else name.upper() if casing < 0.15 else name


def _age(person: TruePerson, rng: random.Random) -> int | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.5:
        return person.age
    if roll < 0.75:
        return 5 * round((person.age + rng.randint(-2, 2)) / 5)  # "about 30"
    return max(14, person.age + rng.randint(-3, 3))


def mention_of(person: TruePerson, rng: random.Random) -> PersonMention:
    """How one witness describes a person."""
    name, nickname = "", ""
    mode = rng.random()
    if mode < 0.1 and person.nicknames:
        name = rng.choice(person.nicknames)  # the street name written where the name goes
    elif mode > 0.15 or not person.nicknames:
        name = _name(person, rng)
    if person.nicknames and not (name and mode < 0.1) and rng.random() < 0.55:
        nickname = rng.choice(person.nicknames)
    gender = ""
    if rng.random() < 0.8:
        gender = person.gender if rng.random() > 0.02 else ("female" if person.gender == "male" else "male")
    phone_roll = rng.random()
    phones: tuple[str, ...] = ()
    if phone_roll < 0.08:
        phones = person.phones
    elif phone_roll < 0.48:
        phones = (rng.choice(person.phones),)
    phones = tuple(phone_written(phone, rng) for phone in phones)
    accounts = (person.account,) if person.account and rng.random() < 0.35 else ()
    if not (name or nickname or phones or accounts):
        name = _name(person, rng)
    return PersonMention(
        true_id=person.person_id,
        name=name,
        nickname=nickname,
        age_estimate=_age(person, rng),
        gender=gender,
        phones=phones,
        accounts=accounts,
    )


def _groups(people: Sequence[TruePerson], rng: random.Random) -> list[list[TruePerson]]:
    """Offenders work in small groups; a report names people from one group."""
    order = list(people)
    rng.shuffle(order)
    groups: list[list[TruePerson]] = []
    while order:
        size = rng.choice((1, 2, 3, 3, 4, 5, 6))
        groups.append(order[:size])
        order = order[size:]
    return groups


def synthetic_set(*, people: int, reports: int, seed: int = 0) -> SyntheticSet:
    """`people` true people and `reports` reports about them; the same seed gives the same set."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret.
    truth: list[TruePerson] = []
    phone_counter = [rng.randrange(15_000)]
    for index in range(people):
        truth.append(_person(index, fake, rng, truth, phone_counter))
    groups = _groups(truth, rng)
    # Some groups are far more active than others (a heavy tail, as in any police system).
    weights = [rng.paretovariate(1.5) for _ in groups]
    made: list[Report] = []
    for index in range(reports):
        group = rng.choices(groups, weights)[0]
        count = min(len(group), rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0])
        named = rng.sample(group, count)
        vehicles = tuple(plate_written(p.vehicle, rng) for p in named if p.vehicle and rng.random() < 0.35)
        made.append(Report(index=index, persons=tuple(mention_of(p, rng) for p in named), vehicles=vehicles))
    return SyntheticSet(people=tuple(truth), reports=tuple(made))


def submission_input(report: Report, *, prefix: str = "SYN") -> SubmissionInput:
    """The report as a community report, for storing through `submission_record`."""
    return SubmissionInput(
        source="community",
        narrative=f"Synthetic report {report.index}: men seen with girls near the bus station.",
        reference=f"{prefix}-{report.index:06d}",
        persons=[
            PersonInput(
                name=mention.name,
                nickname=mention.nickname,
                age_estimate=mention.age_estimate,
                gender=mention.gender,
                phones=list(mention.phones),
                online_accounts=list(mention.accounts),
            )
            for mention in report.persons
        ],
        vehicles=[VehicleInput(registration=registration) for registration in report.vehicles],
    )


def linkage_records(dataset: SyntheticSet) -> tuple[list[PersonRecord], dict[int, int]]:
    """The reports' person mentions as linkage records (keys normalised as `submission_record` does),
    numbered from 1, and the true person of each."""
    records: list[PersonRecord] = []
    truth: dict[int, int] = {}
    for report in dataset.reports:
        plates = {mention_key(EntityKind.VEHICLE, {"registration": plate}) for plate in report.vehicles}
        for mention in report.persons:
            mention_id = len(records) + 1
            phones = {mention_key(EntityKind.PHONE, {"number": number}) for number in mention.phones}
            accounts = {
                mention_key(EntityKind.ONLINE_ACCOUNT, {"platform": account.platform, "handle": account.handle})
                for account in mention.accounts
            }
            records.append(
                PersonRecord(
                    mention_id=mention_id,
                    submission_id=report.index,
                    name=mention.name,
                    nickname=mention.nickname,
                    age=mention.age_estimate,
                    gender=mention.gender,
                    phones=tuple(sorted(phones - {""})),
                    accounts=tuple(sorted(accounts - {""})),
                    vehicles=tuple(sorted(plates - {""})),
                )
            )
            truth[mention_id] = mention.true_id
    return records, truth


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    found_pairs: int
    correct_pairs: int


def _pairs_within(sizes: Iterable[int]) -> int:
    return sum(size * (size - 1) // 2 for size in sizes)


def pairwise_quality(groups: Iterable[Iterable[int]], truth: Mapping[int, int]) -> Quality:
    """Pairwise precision and recall of people found (groups of mention ids) against the truth: a pair
    of mentions is found when both are in one group, and correct when both are one true person."""
    found = correct = 0
    for group in groups:
        people = Counter(truth[mention] for mention in group)
        found += _pairs_within([sum(people.values())])
        correct += _pairs_within(people.values())
    true_pairs = _pairs_within(Counter(truth.values()).values())
    precision = correct / found if found else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(precision, recall, f1, true_pairs, found, correct)
