"""`gen worker`: run the queued tasks (e-mails, jobs) and start the recurring jobs at their times.

Run one or more beside the web server (see the Procfile). Each worker also ticks the schedule every
`--schedule-every` seconds; a slot is started once whatever the number of workers.
"""

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from gen.jobs.services import schedule_tick

logger = logging.getLogger(__name__)


class ScheduleThread(threading.Thread):
    """Starts the recurring jobs when their slot comes, beside the worker's own loop."""

    def __init__(self, every: float):
        super().__init__(name="gen-schedule", daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                for run in schedule_tick():
                    logger.info("Scheduled job %s queued (run %s).", run.job, run.pk)
            except Exception:  # a database hiccup must not stop the schedule for good
                logger.exception("The schedule could not be read; trying again shortly.")
            finally:
                connection.close()  # this thread's own connection
            if self.stopped.wait(self.every):
                return


class Command(BaseCommand):
    help = "Run the background worker: queued tasks, and the recurring jobs at their times."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between two looks at an empty queue."
        )
        parser.add_argument(
            "--schedule-every", type=float, default=30.0, help="Seconds between two looks at the schedule."
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="Only run queued tasks; start no recurring job."
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Start the recurring jobs due now, run everything queued, then stop (for cron or tests).",
        )

    def handle(
        self, *args, interval: float, schedule_every: float, no_schedule: bool, batch: bool, **options
    ):
        logging.getLogger("gen").setLevel(logging.INFO)
        if batch:
            if not no_schedule:
                schedule_tick()
        elif not no_schedule:
            ScheduleThread(schedule_every).start()
        close_old_connections()
        call_command(
            "db_worker",
            queue_name="*",
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=not batch,
            verbosity=options["verbosity"],
        )
