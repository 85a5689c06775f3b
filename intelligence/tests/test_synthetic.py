"""The synthetic generator: reproducible, fictional, and as messy as witnesses are."""

from collections import Counter

from intelligence.person_records import name_parts
from intelligence.synthetic import drama_phone, linkage_records, pairwise_quality, synthetic_set

DATASET = synthetic_set(people=200, reports=1000, seed=9)
MENTIONS = [(mention, DATASET.people[mention.true_id]) for report in DATASET.reports for mention in report.persons]


def test_the_same_seed_gives_the_same_set_and_another_seed_another():
    assert synthetic_set(people=200, reports=1000, seed=9) == DATASET
    assert synthetic_set(people=200, reports=1000, seed=10) != DATASET


def test_each_report_names_one_to_three_different_people_with_their_truth():
    assert len(DATASET.reports) == 1000
    for report in DATASET.reports:
        assert 1 <= len(report.persons) <= 3
        assert len({mention.true_id for mention in report.persons}) == len(report.persons)


def test_phones_are_only_ofcom_drama_numbers_and_no_two_people_share_one():
    owners: dict[str, int] = {}
    for person in DATASET.people:
        for phone in person.phones:
            digits = phone.replace(" ", "")
            assert digits.startswith(("011", "012", "013", "014", "015", "016", "019", "020", "029", "07700"))
            assert owners.setdefault(digits, person.person_id) == person.person_id
    assert drama_phone(0) == drama_phone(15_000)  # past the ranges, numbers repeat


def test_witnesses_use_street_names_misspell_swap_omit_and_guess():
    swapped = misspelt = street_as_name = no_name = guessed_age = both_phones = 0
    for mention, person in MENTIONS:
        forename, surname = name_parts(mention.name)
        true = (person.forename.casefold(), person.surname.casefold())
        swapped += (forename, surname) == (true[1], true[0])
        misspelt += bool(surname) and (forename, surname) != true and (surname, forename) != true
        street_as_name += mention.name in person.nicknames
        no_name += not mention.name
        guessed_age += mention.age_estimate is not None and mention.age_estimate != person.age
        both_phones += len(mention.phones) == 2
    assert min(swapped, misspelt, street_as_name, no_name, guessed_age, both_phones) > 10


def test_different_people_share_common_names():
    names = Counter((person.forename, person.surname) for person in DATASET.people)
    surnames = Counter(person.surname for person in DATASET.people)
    assert names.most_common(1)[0][1] >= 2
    assert surnames.most_common(1)[0][1] >= 5


def test_linkage_records_carry_normalised_keys_and_the_truth():
    records, truth = linkage_records(DATASET)
    assert len(records) == len(MENTIONS) == len(truth)
    with_phone = next(record for record in records if record.phones)
    assert all(phone.startswith("+44") or phone.isdigit() for phone in with_phone.phones)
    assert {record.mention_id for record in records} == set(truth)


def test_pairwise_quality_counts_pairs():
    truth = {1: 1, 2: 1, 3: 1, 4: 2}
    perfect = pairwise_quality([{1, 2, 3}, {4}], truth)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    merged = pairwise_quality([{1, 2, 3, 4}], truth)
    assert (merged.found_pairs, merged.correct_pairs, merged.true_pairs) == (6, 3, 3)
    assert merged.precision == 0.5
    assert pairwise_quality([{1}, {2}, {3}, {4}], truth).recall == 0.0
