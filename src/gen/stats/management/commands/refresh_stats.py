"""`gen refresh-stats --apply`: count the figures of every session again, for the dashboards and the API.

The worker does it every hour (the job "stats-refresh"); run it by hand after importing or correcting
many records. Without --apply it counts and says what it would publish, and writes nothing.
"""

import time

from django.core.management.base import BaseCommand

from gen.stats.refresh import figures_refresh


class Command(BaseCommand):
    help = "Count the statistics of every session again (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Write the figures (otherwise a dry run).")

    def handle(self, *args, apply: bool, **options):
        started = time.perf_counter()
        figures = figures_refresh(apply=apply)
        learners = sum(row.learners for row in figures)
        respondents = sum(row.respondents_6_months for row in figures)
        employed = sum(row.employed_6_months for row in figures)
        self.stdout.write(
            f"{len(figures)} sessions, {learners} learners, {respondents} situations known at 6 months "
            f"({employed} in employment), counted in {time.perf_counter() - started:.1f} s."
        )
        if not apply:
            self.stdout.write("Dry run: nothing written. Add --apply to publish these figures.")
