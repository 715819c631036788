"""Counting every measure of every session into gen.stats.models.SessionFigures, every hour (the worker's
job "stats-refresh", gen.jobs.schedule) or on demand (`gen refresh-stats --apply`).

One grouped query per population, whatever the number of learners; the table is then replaced in one
transaction, with the instant of the count (FiguresRefresh), so that dashboards read either the old
figures or the new ones, never a mix.
"""

import datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from gen.catalogue.models import Session
from gen.stats.indicators import MEASURES, POPULATIONS
from gen.stats.models import FiguresRefresh, SessionFigures

BATCH_SIZE = 2000
# How often the figures are counted again: the cron of the job "stats-refresh" (a test holds them
# together). Figures older than twice this interval are shown as out of date.
STATS_REFRESH_INTERVAL = datetime.timedelta(hours=1)
STALE_AFTER = 2 * STATS_REFRESH_INTERVAL


def figures_refresh(*, apply: bool = True) -> list[SessionFigures]:
    """Count the figures of every session again and, with `apply`, replace the table with them."""
    now = timezone.now()
    sessions = Session.objects.values_list(
        "pk",
        "course_id",
        "course__organisation_id",
        "course__commune__departement__region_id",
        "start_date",
        "end_date",
    )
    figures = {
        pk: SessionFigures(
            session_id=pk,
            course_id=course_id,
            organisation_id=organisation_id,
            region_id=region_id,
            start_date=start_date,
            end_date=end_date,
        )
        for pk, course_id, organisation_id, region_id, start_date, end_date in sessions.iterator(
            chunk_size=5000
        )
    }
    for population in POPULATIONS:
        measures = [measure for measure in MEASURES if measure.population is population]
        counts = (
            population.rows()
            .annotate(figures_session=F(population.session_field("pk") if population.session_path else "pk"))
            .values("figures_session")
            .annotate(**{measure.code: measure.aggregate() for measure in measures})
            .order_by()
        )
        for row in counts.iterator(chunk_size=5000):
            session_figures = figures[row["figures_session"]]
            for measure in measures:
                setattr(session_figures, measure.code, row[measure.code] or 0)
    if apply:
        with transaction.atomic():
            SessionFigures.objects.all().delete()
            SessionFigures.objects.bulk_create(figures.values(), batch_size=BATCH_SIZE)
            # The instant the counting started: the records as they were then.
            FiguresRefresh.objects.update_or_create(pk=1, defaults={"refreshed_at": now})
        _vacuum()
    return list(figures.values())


def _vacuum() -> None:
    """The old rows are dead once replaced: left to autovacuum, they would slow every dashboard's scan
    of the table several times over after a few refreshes."""
    if connection.vendor == "postgresql" and connection.get_autocommit():
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SessionFigures._meta.db_table}")
