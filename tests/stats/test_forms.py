"""The filters' validation: French messages, faulty filters left out."""

import datetime

import pytest

from gen.stats.forms import FiltersForm


def _form(**data) -> FiltersForm:
    form = FiltersForm(data)
    form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"annee": "deux-mille"}, "annee", "Saisissez une année en quatre chiffres, par exemple 2025."),
        ({"annee": "1850"}, "annee", "Choisissez une année entre 2014 et"),
        ({"du": "2025-02-30"}, "du", "Saisissez une date valide, par exemple 2025-01-31."),
        ({"du": "2025-06-01", "au": "2025-01-01"}, "au", "La fin de la période doit venir après son début."),
        ({"region": "99"}, "region", "Choisissez une région dans la liste."),
        ({"metier": "M18X"}, "metier", "Saisissez un code ROME comme M1805"),
        ({"metier": "N9999"}, "metier", "Aucun métier du ROME ne correspond à ce code."),
        ({"metier": "M18050"}, "metier", "Un code ROME compte cinq caractères"),
        ({"organisme": "inconnu"}, "organisme", "Aucun organisme ne correspond à cet identifiant."),
        ({"formation": "inconnue"}, "formation", "Aucune formation ne correspond à cet identifiant."),
    ],
)
def test_bad_filters_say_what_is_wrong_in_french(data, field, message):
    form = _form(**data)
    assert message in " ".join(form.errors[field])
    filters = form.valid_filters()
    assert not filters.has_period and not filters.region_code and not filters.job_code


@pytest.mark.django_db
def test_a_year_and_dates_together_are_refused():
    form = _form(annee="2024", du="2024-01-01")
    assert form.non_field_errors() == ["Choisissez une année ou des dates, pas les deux."]
    assert not form.valid_filters().has_period


@pytest.mark.django_db
def test_a_year_is_the_whole_calendar_year():
    filters = _form(annee="2024", region="32", metier="m18").valid_filters()
    assert (filters.period_start, filters.period_end) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )
    assert (filters.region_code, filters.job_code) == ("32", "M18")


@pytest.mark.django_db
def test_the_query_keeps_only_valid_filters():
    form = _form(annee="2024", region="99", metier="M1805")
    assert form.query() == {"annee": "2024", "metier": "M1805"}
