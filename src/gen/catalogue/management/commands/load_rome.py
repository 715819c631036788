import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gen.catalogue.rome import JOB_TITLES_FILE, JOBS_FILE, load_rome
from gen.territories.importers import ReferenceDataError, summary


class Command(BaseCommand):
    help = (
        "Load the ROME job sheets (métiers) and job titles (appellations) of the digital trades, "
        "France Travail ROME v4.60. Idempotent; reports what was added, changed and removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jobs-file", type=Path, default=JOBS_FILE, help="ROME job sheets CSV (fiches).")
        parser.add_argument(
            "--job-titles-file",
            type=Path,
            default=JOB_TITLES_FILE,
            help="ROME job titles CSV (appellations).",
        )

    def handle(self, *args, jobs_file: Path, job_titles_file: Path, **options):
        for path in (jobs_file, job_titles_file):
            if not path.is_file():
                raise CommandError(f"{path} not found")
        started = time.monotonic()
        try:
            changes = load_rome(jobs_file, job_titles_file)
        except ReferenceDataError as error:
            raise CommandError(f"Nothing loaded: {error}") from error
        self.stdout.write(summary(changes))
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
