"""Filters and breakdowns: the period selects sessions by their start or their end, depending on the
indicator; region, métier, organisation and course narrow the sessions."""

import dataclasses
import datetime

import pytest

from gen.catalogue.models import Job
from gen.stats.filters import Filters
from gen.stats.selectors import breakdown, totals, totals_and_years


def _by(rows):
    return {row.key: row.values for row in rows}


def test_by_year_counts_learners_when_they_started_and_outcomes_when_they_ended(network):
    years = _by(breakdown(Filters(), "year"))
    assert years[2023]["learners"].value == 1  # lille-2023 started in 2023
    assert years[2023]["employment_6_months"].denominator is None or years[2023]["employment_6_months"].masked
    assert years[2024]["learners"].value == 7
    assert years[2024]["employment_6_months"].denominator == 6  # lille-2023 ended in 2024
    assert years[2025]["learners"].value == 1
    assert (years[2025]["employment_6_months"].numerator, years[2025]["employment_6_months"].denominator) == (
        1,
        1,
    )


def test_by_region_is_where_the_course_is_held(network):
    regions = _by(breakdown(Filters(), "region"))
    assert set(regions) == {"32", "11"}
    assert regions["32"]["learners"].value == 8
    assert regions["11"]["learners"].value == 1


def test_by_trade_and_a_domain_filter(network):
    jobs = _by(breakdown(Filters(), "job"))
    assert jobs["M1805"]["learners"].value == 8
    assert jobs["E1205"]["learners"].value == 1
    only_m18 = _by(breakdown(Filters(job_code="M18"), "job"))
    assert set(only_m18) == {"M1805"}
    assert totals(Filters(job_code="M18"))["learners"].value == 8
    assert totals(Filters(job_code="E"))["learners"].value == 1


def test_a_course_leading_to_two_matching_trades_counts_once_in_the_totals(network):
    network.developer.jobs.add(Job.objects.get(code="M1810"))
    assert totals(Filters(job_code="M18"))["learners"].value == 8
    assert {row.key for row in breakdown(Filters(job_code="M18"), "job")} == {"M1805", "M1810"}


def test_by_organisation_course_and_session(network):
    organisations = _by(breakdown(Filters(), "organisation"))
    assert organisations[network.lille_org.pk]["learners"].value == 8
    courses = _by(breakdown(Filters(organisation_id=network.lille_org.pk), "course"))
    assert set(courses) == {network.developer.pk}
    sessions = _by(breakdown(Filters(course_id=network.developer.pk), "session"))
    assert set(sessions) == {network.lille_2024.pk, network.lille_2023.pk}
    assert sessions[network.lille_2024.pk]["completion_rate"].value == 83.3


def test_an_open_ended_period(network):
    since_2025 = Filters(period_start=datetime.date(2025, 1, 1))
    assert totals(since_2025)["learners"].value == 1
    until_2023 = Filters(period_end=datetime.date(2023, 12, 31))
    assert totals(until_2023)["learners"].value == 1
    assert totals(until_2023)["employment_6_months"].denominator == 0


def test_a_trade_filter_leaves_out_the_other_trades_of_the_same_courses(network):
    network.developer.jobs.add(Job.objects.get(code="E1205"))
    jobs = _by(breakdown(Filters(job_code="M18"), "job"))
    assert set(jobs) == {"M1805"}
    assert jobs["M1805"]["learners"].value == 8


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(region_code="32"),
        Filters(job_code="M18"),
        Filters(period_start=datetime.date(2024, 3, 1)),
        Filters(period_start=datetime.date(2023, 6, 1), period_end=datetime.date(2024, 5, 31)),
    ],
)
def test_the_totals_and_the_years_read_together_are_those_read_apart(network, filters):
    values, years = totals_and_years(filters)
    assert values == totals(filters)
    assert years
    for row in years:
        # A year's row is the totals of that year, clipped to the period.
        start = max(datetime.date(row.key, 1, 1), filters.period_start or datetime.date.min)
        end = min(datetime.date(row.key, 12, 31), filters.period_end or datetime.date.max)
        assert row.values == totals(dataclasses.replace(filters, period_start=start, period_end=end)), row.key
