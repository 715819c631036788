"""Every indicator against the hand-computed network of conftest.py."""

import datetime

import pytest
from django.utils import timezone

from gen.outcomes.models import Survey
from gen.stats.filters import Filters
from gen.stats.indicators import INDICATORS, MEASURES
from gen.stats.models import SessionFigures
from gen.stats.refresh import figures_refresh
from gen.stats.selectors import measure_sums, measure_sums_from_records, totals
from tests.factories import ApplicationFactory, EnrolmentFactory, SessionFactory

YEAR_2024 = Filters(period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))

EXPECTED_2024 = {
    # Sessions that started in 2024: lille-2024 only (lille-2023 started in 2023).
    "learners": (7, 7, None),
    "share_bac_or_below": (42.9, 3, 7),
    "share_under_26": (28.6, 2, 7),
    "share_under_30": (57.1, 4, 7),
    "share_women": (28.6, 2, 7),
    "share_qpv_zrr": (28.6, 2, 7),
    "share_job_seekers": (42.9, 3, 7),
    "admission_rate": (70.0, 7, 10),
    "applicants_per_place": (0.4, 10, 24),
    # Sessions that ended in 2024: lille-2024 and lille-2023 (L8 completed, CDD ≥ 6 months).
    "completion_rate": (85.7, 6, 7),
    "employment_6_months": (66.7, 4, 6),
    "durable_employment_6_months": (50.0, 3, 6),
    "further_training_6_months": (16.7, 1, 6),
    "response_rate_6_months": (66.7, 4, 6),
}


@pytest.mark.parametrize("code", sorted(EXPECTED_2024))
def test_each_indicator_of_2024_is_the_hand_computed_one(network, code):
    value = totals(YEAR_2024)[code]
    assert (value.value, value.numerator, value.denominator) == EXPECTED_2024[code]
    assert not value.masked


def test_every_indicator_is_checked():
    assert set(EXPECTED_2024) == {indicator.code for indicator in INDICATORS}


def test_the_latest_answer_counts_and_earlier_ones_do_not(network):
    # L2 answered CDI then job seeking: counted once, as job seeking (not employed).
    lille = Filters(course_id=network.developer.pk, period_start=datetime.date(2024, 7, 1))
    values = totals(lille)
    assert values["employment_6_months"].denominator == 5
    assert values["employment_6_months"].numerator == 2 + 1  # L1, L6 (interim < 6 months), L3


def test_an_outcome_at_another_milestone_is_not_counted_at_6_months(network):
    only_lille_2024 = Filters(course_id=network.developer.pk, period_start=datetime.date(2024, 7, 1))
    # L6 was in a CDI at 3 months and in short interim at 6 months: employed, not durable.
    assert totals(only_lille_2024)["durable_employment_6_months"].numerator == 2  # L1, L3


def test_a_learner_who_dropped_out_counts_in_the_outcomes_and_not_in_completion(network):
    only_lille_2024 = Filters(course_id=network.developer.pk, period_start=datetime.date(2024, 7, 1))
    values = totals(only_lille_2024)
    assert (values["completion_rate"].numerator, values["completion_rate"].denominator) == (5, 6)
    assert values["employment_6_months"].denominator == 5  # L3, who dropped out, is among them


def test_a_learner_who_never_answered_counts_in_the_response_rate_only(network):
    only_lille_2024 = Filters(course_id=network.developer.pk, period_start=datetime.date(2024, 7, 1))
    values = totals(only_lille_2024)
    assert values["response_rate_6_months"].denominator == 6  # L4's survey was sent
    assert values["employment_6_months"].denominator == 5  # L4 is not a respondent


def test_a_survey_awaiting_an_answer_counts_in_the_response_rate_once_closed(network):
    assert totals(Filters())["response_rate_6_months"].denominator == 6  # L9's survey is still open
    Survey.objects.filter(enrolment__session=network.paris_2025).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    figures_refresh()
    rate = totals(Filters())["response_rate_6_months"]
    assert (rate.numerator, rate.denominator) == (4, 7)


def test_the_national_figures_over_every_year(network):
    values = totals(Filters())
    assert values["learners"].value == 9
    assert (values["employment_6_months"].numerator, values["employment_6_months"].denominator) == (5, 7)
    assert values["completion_rate"].denominator == 8


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        YEAR_2024,
        Filters(region_code="32"),
        Filters(region_code="11", period_start=datetime.date(2025, 1, 1)),
        Filters(job_code="M18"),
        Filters(job_code="E1205"),
        Filters(period_end=datetime.date(2023, 12, 31)),
    ],
)
def test_the_session_figures_equal_the_definitions_read_from_the_records(network, filters):
    assert measure_sums(filters) == measure_sums_from_records(filters)


def test_the_figures_table_has_a_column_per_measure():
    columns = {field.name for field in SessionFigures._meta.get_fields()}
    assert {measure.code for measure in MEASURES} <= columns


def test_rates_and_counts_share_one_anchor_per_indicator():
    for indicator in INDICATORS:
        if indicator.denominator is not None and indicator.denominator.population.code != "sessions":
            assert indicator.denominator.population is indicator.numerator.population, indicator.code


def test_a_session_that_has_not_started_counts_nowhere_yet(network):
    upcoming = SessionFactory()  # starts in 60 days
    EnrolmentFactory(session=upcoming)
    ApplicationFactory(session=upcoming)
    figures_refresh()
    values = totals(Filters())
    assert values["learners"].value == 9
    assert (values["admission_rate"].denominator, values["applicants_per_place"].denominator) == (12, 72)
