"""Every statistics page, the API and the exports say when the figures were counted, warn when the hourly
count has stopped (figures older than twice its interval), and say so when they were never counted."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from croniter import croniter
from openpyxl import load_workbook

from gen.accounts.models import Role
from gen.jobs.schedule import JOBS
from gen.stats.models import FiguresRefresh, SessionFigures
from gen.stats.refresh import STALE_AFTER, STATS_REFRESH_INTERVAL, figures_refresh
from gen.stats.selectors import Freshness, figures_freshness
from tests.factories import MembershipFactory
from tests.stats.network import build_network

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
COUNTED = datetime.datetime(2026, 12, 8, 14, 7, tzinfo=PARIS)
FRESH = COUNTED + datetime.timedelta(minutes=59)
STALE = COUNTED + datetime.timedelta(hours=2, minutes=1)

COUNTED_ON = "Chiffres calculés le 8 décembre 2026 à 14 h 07"
WARNING = (
    "Ces chiffres datent du 8 décembre 2026 à 14 h 07 : "
    "le calcul horaire n'a pas eu lieu depuis 2 heures, 1 minute."
)
NOT_COUNTED = "Les chiffres n'ont pas encore été calculés"
PAGES = ["national", "regional", "organisation", "course", "methodology"]
DASHBOARDS = ["national", "regional", "organisation"]


@pytest.fixture
def network(db):
    """The hand-computed network, recorded and counted at 14:07 on 8 December 2026 (Paris time)."""
    with time_machine.travel(COUNTED, tick=False):
        return build_network()


@pytest.fixture
def never_counted(network):
    FiguresRefresh.objects.all().delete()
    SessionFigures.objects.all().delete()
    return network


def _get(client, network, page: str, suffix: str = ""):
    if page == "regional":
        client.force_login(MembershipFactory(role=Role.NATIONAL_TEAM).user)
    elif page == "organisation":
        client.force_login(MembershipFactory(role=Role.ORGANISATION, organisation=network.lille_org).user)
    url = {
        "national": "/statistiques/",
        "regional": "/statistiques/region/",
        "organisation": "/statistiques/organisation/",
        "methodology": "/statistiques/methodologie/",
        "course": network.developer.get_absolute_url(),
    }[page]
    response = client.get(url + suffix)
    assert response.status_code == 200
    return response


def _html(response) -> str:
    # Durations are written with non-breaking spaces ("2 heures").
    return response.content.decode().replace("\xa0", " ").replace("&#x27;", "'")


# The interval


def test_the_refresh_interval_is_the_interval_of_the_jobs_cron():
    slots = croniter(JOBS["stats-refresh"].cron, COUNTED)
    previous = slots.get_next(datetime.datetime)
    for _ in range(7 * 24):
        slot = slots.get_next(datetime.datetime)
        assert slot - previous == STATS_REFRESH_INTERVAL
        previous = slot
    assert STALE_AFTER == 2 * STATS_REFRESH_INTERVAL


@pytest.mark.parametrize(
    ("age", "out_of_date"),
    [
        (datetime.timedelta(minutes=59), False),
        (datetime.timedelta(hours=2), False),
        (datetime.timedelta(hours=2, minutes=1), True),
        (datetime.timedelta(days=3), True),
    ],
)
def test_figures_are_out_of_date_past_twice_the_interval(age, out_of_date):
    freshness = Freshness(refreshed_at=COUNTED, now=COUNTED + age)
    assert freshness.computed
    assert freshness.out_of_date is out_of_date
    assert freshness.stale is out_of_date


def test_figures_never_counted_are_stale_but_not_out_of_date():
    freshness = Freshness(refreshed_at=None, now=COUNTED)
    assert (freshness.computed, freshness.out_of_date, freshness.stale) == (False, False, True)


def test_the_instant_is_the_start_of_the_count_and_kept_without_any_session(db):
    assert figures_freshness().refreshed_at is None
    with time_machine.travel(COUNTED, tick=False):
        figures_refresh()
    # No session at all: nothing to count, but counted all the same.
    assert not SessionFigures.objects.exists()
    assert figures_freshness(now=FRESH).refreshed_at == COUNTED
    with time_machine.travel(STALE, tick=False):
        figures_refresh(apply=False)  # a dry run publishes nothing, not even its instant
    assert figures_freshness().refreshed_at == COUNTED
    assert FiguresRefresh.objects.count() == 1


# The pages


@pytest.mark.parametrize("page", PAGES)
def test_fresh_figures_show_when_they_were_counted_and_no_warning(client, network, page):
    with time_machine.travel(FRESH, tick=False):
        html = _html(_get(client, network, page))
    if page == "methodology":
        assert "dernier calcul le 8 décembre 2026 à 14 h 07" in html
    else:
        assert COUNTED_ON in html
    assert "fr-alert--warning" not in html
    assert "Ces chiffres datent" not in html


@pytest.mark.parametrize("page", PAGES)
def test_figures_two_hours_and_a_minute_old_show_a_warning(client, network, page):
    with time_machine.travel(STALE, tick=False):
        html = _html(_get(client, network, page))
    assert "fr-alert--warning" in html
    assert WARNING in html


@pytest.mark.parametrize("page", DASHBOARDS)
def test_the_dashboards_warning_has_a_title(client, network, page):
    with time_machine.travel(STALE, tick=False):
        html = _html(_get(client, network, page))
    assert "Ces chiffres ne sont pas à jour" in html
    assert COUNTED_ON not in html  # the date is in the warning


@pytest.mark.parametrize("page", PAGES)
def test_figures_never_counted_are_said_so_without_a_date(client, never_counted, page):
    html = _html(_get(client, never_counted, page))
    assert "pas encore été calculés" in html
    assert "Chiffres calculés le" not in html
    assert "fr-alert--warning" not in html


def test_figures_never_counted_are_not_read_as_no_result(client, never_counted):
    html = _html(_get(client, never_counted, "course"))
    assert NOT_COUNTED in html
    assert "Pas encore de résultat" not in html


# The API


def test_the_api_gives_the_instant_in_iso_8601_and_fresh_figures_are_not_stale(client, network):
    with time_machine.travel(FRESH, tick=False):
        body = client.get("/api/v1/statistiques").json()
    assert body["refreshed_at"] == "2026-12-08T13:07:00Z"
    assert body["stale"] is False


def test_the_api_says_figures_two_hours_and_a_minute_old_are_stale(client, network):
    with time_machine.travel(STALE, tick=False):
        body = client.get("/api/v1/statistiques", {"annee": "2024"}).json()
    assert body["refreshed_at"] == "2026-12-08T13:07:00Z"
    assert body["stale"] is True


def test_the_api_says_figures_never_counted_are_stale_with_no_instant(client, never_counted):
    body = client.get("/api/v1/statistiques").json()
    assert body["refreshed_at"] is None
    assert body["stale"] is True


def test_the_openapi_document_describes_the_instant_and_staleness(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["StatsOut"]
    assert {"refreshed_at", "stale"} <= set(schema["required"])
    stale = schema["properties"]["stale"]
    assert stale["type"] == "boolean"
    assert "2 hours" in stale["description"]
    refreshed_at = schema["properties"]["refreshed_at"]
    assert {"type": "string", "format": "date-time"} in refreshed_at["anyOf"]
    assert "ISO 8601" in refreshed_at["description"]


# The exports


def _csv_lines(response) -> list[str]:
    return response.content.decode("utf-8-sig").splitlines()


@pytest.mark.parametrize("page", DASHBOARDS)
def test_the_csv_export_says_on_every_row_when_the_figures_were_counted(client, network, page):
    with time_machine.travel(STALE, tick=False):
        lines = _csv_lines(_get(client, network, page, "export.csv"))
    assert lines[0].endswith(";Calculé le (heure de Paris)")
    assert all(line.endswith(";2026-12-08 14:07") for line in lines[1:])


def test_the_csv_export_of_figures_never_counted_says_so(client, never_counted):
    lines = _csv_lines(_get(client, never_counted, "national", "export.csv"))
    assert all(line.endswith(";pas encore calculés") for line in lines[1:])


def test_the_xlsx_export_has_the_instant_as_a_date_cell(client, network):
    with time_machine.travel(FRESH, tick=False):
        response = _get(client, network, "organisation", "export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Indicateurs"]
    assert sheet.cell(row=1, column=sheet.max_column).value == "Calculé le (heure de Paris)"
    counted_on = sheet.cell(row=2, column=sheet.max_column)
    assert counted_on.value == COUNTED.replace(tzinfo=None)  # Paris time: spreadsheets have no time zones
    assert counted_on.number_format == "dd/mm/yyyy hh:mm"
