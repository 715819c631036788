import contextlib
import datetime

from gen.demo.builder import demo_clear, demo_seed
from gen.demo.models import DemoDataset
from gen.demo.scales import Scale
from gen.funding.models import Funder
from gen.stats.models import FiguresRefresh
from gen.territories.models import Region
from tests.conftest import load_reference_samples


@contextlib.contextmanager
def demo_seeded(scale: Scale, today: datetime.date):
    """A demo seeded once for a whole test module (with django_db_blocker unblocked), then cleared."""
    if not Region.objects.exists():  # flushed by a browser test
        load_reference_samples()
    funders = set(Funder.objects.values_list("pk", flat=True))
    dataset: DemoDataset = demo_seed(scale=scale, today=today).dataset
    try:
        yield dataset
    finally:
        demo_clear()
        # The demo keeps its funders (shared with real data); this test database must not.
        Funder.objects.exclude(pk__in=funders).delete()
        # Nor the instant of a count made on the demo (test_history_demo): later tests would see figures
        # counted when none were.
        FiguresRefresh.objects.all().delete()
