import random

import pytest

from gen.demo import names


@pytest.mark.parametrize(
    ("town", "of", "in_"),
    [
        ("Lyon", "de Lyon", "à Lyon"),
        ("Amiens", "d'Amiens", "à Amiens"),
        ("Le Havre", "du Havre", "au Havre"),
        ("Les Abymes", "des Abymes", "aux Abymes"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
    ],
)
def test_town_names_take_the_right_preposition(town, of, in_):
    assert names.of_town(town) == of
    assert names.in_town(town) == in_


def test_organisation_names_are_never_repeated():
    rng = random.Random(3)
    taken: set[str] = set()

    made = [names.organisation_name(rng, "Paris", taken) for _ in range(300)]

    assert len(set(made)) == 300


def test_unique_slug_numbers_repeated_slugs():
    taken = {"code-academie-lens"}

    assert names.unique_slug("Code Académie Lens", taken) == "code-academie-lens-2"
    assert names.unique_slug("Code Académie Lens", taken) == "code-academie-lens-3"
