"""What the indicators count, and when the surveys fall due."""

import datetime

import pytest

from gen.outcomes.definitions import (
    EMPLOYMENT_SITUATIONS,
    SituationCode,
    add_months,
    is_durable_employment,
    is_employment,
    is_further_training,
    survey_due_on,
)
from gen.outcomes.models import Milestone, Situation


def test_the_situations_are_those_of_the_survey():
    assert [s.value for s in SituationCode] == Situation.values
    assert len(Situation.values) == 10


@pytest.mark.parametrize(
    ("situation", "employment"),
    [
        ("cdi", True),
        ("cdd_long", True),
        ("cdd_short", True),
        ("interim", True),
        ("work_study", True),
        ("subsidised", True),
        ("business_creation", True),
        ("training", False),
        ("job_seeking", False),
        ("inactive", False),
    ],
)
def test_retour_a_l_emploi_is_a_salaried_job_or_a_business(situation, employment):
    assert is_employment(situation) is employment


@pytest.mark.parametrize(
    ("situation", "long_interim", "durable"),
    [
        ("cdi", None, True),
        ("cdd_long", None, True),
        ("business_creation", None, True),
        ("interim", True, True),
        ("interim", False, False),
        ("interim", None, False),
        ("cdd_short", None, False),
        ("work_study", None, False),
        ("subsidised", None, False),
        ("training", None, False),
    ],
)
def test_emploi_durable_counts_interim_only_of_six_months_or_more(situation, long_interim, durable):
    assert is_durable_employment(situation, long_interim) is durable


def test_durable_employment_is_employment():
    assert all(is_employment(s) for s in SituationCode if is_durable_employment(s, True))
    assert EMPLOYMENT_SITUATIONS.isdisjoint({"training", "job_seeking", "inactive"})


def test_further_training():
    assert is_further_training("training") and not is_further_training("cdi")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 15), 3, datetime.date(2026, 4, 15)),
        (datetime.date(2025, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 12, 31), 12, datetime.date(2027, 12, 31)),
        (datetime.date(2026, 5, 4), 0, datetime.date(2026, 5, 4)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_due_dates_of_the_milestones():
    exit_date = datetime.date(2026, 3, 31)
    assert [survey_due_on(exit_date, m) for m in ("end", "month_3", "month_6", "month_12")] == [
        datetime.date(2026, 3, 31),
        datetime.date(2026, 6, 30),
        datetime.date(2026, 9, 30),
        datetime.date(2027, 3, 31),
    ]


def test_each_milestone_knows_its_offset_in_months():
    assert [Milestone(value).months for value in Milestone.values] == [0, 3, 6, 12]
