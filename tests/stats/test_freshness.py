"""The figures say when they were counted: every hour (the job "stats-refresh"), and they are out of date
past twice that interval; never counted is not the same as counted with no session. The API says so."""

import datetime
import zoneinfo

import pytest
import time_machine
from croniter import croniter

from gen.jobs.schedule import JOBS
from gen.stats.models import FiguresRefresh, SessionFigures
from gen.stats.refresh import STALE_AFTER, STATS_REFRESH_INTERVAL, figures_refresh
from gen.stats.selectors import Freshness, figures_freshness
from tests.stats.network import build_network

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
COUNTED = datetime.datetime(2026, 12, 8, 14, 7, tzinfo=PARIS)
FRESH = COUNTED + datetime.timedelta(minutes=59)
STALE = COUNTED + datetime.timedelta(hours=2, minutes=1)


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
