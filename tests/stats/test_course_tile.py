"""The course page shows the course's rate of employment at 6 months with its number of respondents."""

import datetime

from django.template import Context, Template

from gen.stats.refresh import figures_refresh
from tests.factories import CourseFactory

TODAY = datetime.date(2026, 11, 25)


def _tile(course, today=TODAY) -> str:
    template = Template("{% load stats_tags %}{% course_outcome_tile course today %}")
    return template.render(Context({"course": course, "today": today}))


def test_the_rate_and_its_respondents_over_the_last_three_years(network):
    html = _tile(network.developer)
    # lille-2024 (5 respondents, 3 employed) and lille-2023 (1 respondent, employed) ended within 3 years.
    assert "66,7 %" in html
    assert "des 6 anciens apprenants dont la situation est connue" in html
    assert "#indicator-employment_6_months" in html


def test_sessions_ended_more_than_three_years_ago_are_left_out(network):
    html = _tile(network.developer, today=datetime.date(2027, 6, 1))
    assert "des 5 anciens apprenants" in html  # lille-2023 ended on 30 April 2024


def test_too_few_respondents_are_not_published(network, settings):
    settings.STATS_MIN_RESPONDENTS = 10
    html = _tile(network.developer)
    assert "Pas encore assez de réponses pour publier un taux : 6 anciens apprenants ont répondu." in html
    assert "%" not in html


def test_a_course_without_results_yet(db):
    course = CourseFactory()
    figures_refresh()
    html = _tile(course)
    assert "Pas encore de résultat" in html


def test_the_tile_is_on_the_course_page(client, network):
    response = client.get(network.developer.get_absolute_url())
    assert response.status_code == 200
    assert 'id="course-outcome"' in response.content.decode()
