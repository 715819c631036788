"""The hand-computed network (tests/stats/network.py) and the confidentiality threshold of these tests."""

import pytest

from tests.stats.network import build_network


@pytest.fixture(autouse=True)
def _publish_small_rates(settings):
    """Hand-computed fixtures are small: publish every rate unless a test says otherwise."""
    settings.STATS_MIN_RESPONDENTS = 1


@pytest.fixture
def network(db):
    return build_network()
