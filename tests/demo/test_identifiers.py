import random

from gen.demo import identifiers
from gen.organisations.validators import siret_is_valid


def test_sirets_are_valid_and_unique():
    rng = random.Random(1)
    taken: set[str] = set()

    sirets = [identifiers.siret(rng, taken) for _ in range(2000)]

    assert all(siret_is_valid(siret) for siret in sirets)
    assert len(set(sirets)) == 2000
    assert taken == set(sirets)


def test_activity_declaration_numbers_have_eleven_digits():
    rng = random.Random(1)

    numbers = [
        identifiers.activity_declaration_number(rng, region, departement)
        for region, departement in [("32", "59"), ("94", "2A"), ("04", "974"), ("11", "75")]
    ]

    assert all(len(number) == 11 and number.isdigit() for number in numbers)
    assert numbers[0].startswith("3259") and numbers[0].endswith("59")


def test_phone_numbers_are_in_the_ranges_reserved_for_fiction():
    rng = random.Random(1)

    assert identifiers.phone_number(rng, "32").startswith("03 53 01 ")
    assert identifiers.phone_number(rng, "11").startswith("01 99 00 ")
