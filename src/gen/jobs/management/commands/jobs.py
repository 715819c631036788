"""`gen jobs`: the platform's jobs, their schedule and last run; `gen jobs start NAME` queues one now."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gen.jobs.schedule import JOBS
from gen.jobs.selectors import jobs_overview
from gen.jobs.services import job_start


class Command(BaseCommand):
    help = "List the jobs with their last and next run, or start one (`gen jobs start NAME`)."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["list", "start"], default="list")
        parser.add_argument("name", nargs="?", choices=sorted(JOBS), help="The job to start.")

    def handle(self, *args, action: str, name: str | None, **options):
        if action == "start":
            if name is None:
                raise CommandError("Name the job to start: gen jobs start NAME.")
            try:
                run = job_start(name=name)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"Queued {name} (run {run.pk}): `gen worker` runs it.")
            return
        for row in jobs_overview(now=timezone.now()):
            last = row.last_run
            last_text = (
                f"{last.state} {timezone.localtime(last.created_at):%Y-%m-%d %H:%M}" if last else "never run"
            )
            next_text = f"{timezone.localtime(row.next_run):%Y-%m-%d %H:%M}" if row.next_run else "on demand"
            self.stdout.write(
                f"{row.job.name:<22} {row.job.cron or '':<14} last: {last_text:<28} next: {next_text}"
            )
