"""A visitor reads the national statistics: key figures, trends, comparisons by region and trade, the
map; filters them by year; reads a chart's data; is warned when the figures are out of date. axe-core
finds nothing, on a desktop or a phone."""

import datetime

import pytest
from django.utils import timezone

from gen.stats.models import FiguresRefresh
from tests.browser.conftest import axe_violations, describe, screenshot
from tests.stats.network import build_network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network(reference_data, settings):
    settings.STATS_MIN_RESPONDENTS = 1
    return build_network()


def test_a_visitor_reads_the_national_dashboard_and_its_charts(page, network):
    page.goto("/statistiques/")
    page.get_by_role("heading", level=1, name="Statistiques du réseau").wait_for()
    for caption in (
        "Personnes formées, par année de début de session",
        "Situation à 6 mois, par année de fin de session",
        "Carte de France par région : retour à l'emploi à 6 mois",
        "Retour à l'emploi à 6 mois, par région",
    ):
        chart = page.get_by_role("figure", name=caption)
        assert chart.get_by_role("img", name=caption).is_visible(), caption
    region_bars = page.locator("#chart-region svg.gen-chart__svg rect")
    assert region_bars.count() == 2
    assert page.locator("#chart-map svg.gen-chart__svg rect").count() == 5  # the overseas regions
    assert page.locator("#chart-map svg.gen-chart__svg g.gen-cartogram__region path").count() == 96

    page.get_by_role("textbox", name="Année").fill("2024")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**annee=2024**")
    assert "66,7 %" in page.locator("#figure-employment_6_months").inner_text()
    assert "4 sur 6" in page.locator("#figure-employment_6_months").inner_text()

    page.locator("#chart-region summary").click()
    assert page.locator("#chart-region table").is_visible()
    violations = axe_violations(page)
    screenshot(page, "stats-national")
    assert not violations, describe(violations)


def test_the_dashboard_on_a_phone(phone_page, network):
    phone_page.goto("/statistiques/")
    phone_page.get_by_role("figure", name="Retour à l'emploi à 6 mois, par région").wait_for()
    violations = axe_violations(phone_page)
    screenshot(phone_page, "stats-national-phone")
    assert not violations, describe(violations)


def test_the_methodology_page(page, network):
    page.goto("/statistiques/methodologie/")
    page.get_by_role("heading", level=1, name="Comment les statistiques sont calculées").wait_for()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_figures_out_of_date_are_announced_by_an_alert(page, network):
    FiguresRefresh.objects.update(refreshed_at=timezone.now() - datetime.timedelta(hours=3))
    page.goto("/statistiques/")
    alert = page.locator("#figures-freshness")
    alert.get_by_role("heading", level=2, name="Ces chiffres ne sont pas à jour").wait_for()
    assert "le calcul horaire n'a pas eu lieu depuis 3\xa0heures" in alert.inner_text()
    violations = axe_violations(page)
    screenshot(page, "stats-national-out-of-date")
    assert not violations, describe(violations)
