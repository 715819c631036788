"""Statistical confidentiality: a rate over fewer people than STATS_MIN_RESPONDENTS is not published."""

import datetime
import importlib

from gen.stats.filters import Filters
from gen.stats.indicators import INDICATORS_BY_CODE
from gen.stats.selectors import indicator_value, totals

YEAR_2024 = Filters(period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))


def test_a_rate_below_the_minimum_is_masked_with_its_numerator(network, settings):
    settings.STATS_MIN_RESPONDENTS = 7
    value = totals(YEAR_2024)["employment_6_months"]  # 6 respondents
    assert value.masked
    assert value.value is None and value.numerator is None
    assert value.denominator == 6
    assert "moins de 7 personnes" in value.reason


def test_a_rate_at_the_minimum_is_published(network, settings):
    settings.STATS_MIN_RESPONDENTS = 6
    value = totals(YEAR_2024)["employment_6_months"]
    assert not value.masked
    assert (value.value, value.numerator, value.denominator) == (66.7, 4, 6)


def test_the_default_minimum_is_ten(monkeypatch):
    monkeypatch.delenv("STATS_MIN_RESPONDENTS", raising=False)
    settings_module = importlib.reload(importlib.import_module("gen.settings.base"))
    assert settings_module.STATS_MIN_RESPONDENTS == 10


def test_counts_are_never_masked(network, settings):
    settings.STATS_MIN_RESPONDENTS = 1000
    value = totals(YEAR_2024)["learners"]
    assert (value.value, value.masked) == (7, False)


def test_nothing_to_count_is_masked_and_said_so():
    value = indicator_value(INDICATORS_BY_CODE["completion_rate"], {}, minimum=0)
    assert value.masked and value.value is None
    assert value.denominator == 0
    assert value.reason == "Rien à compter pour ces filtres."
