import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from gen.demo.admissions.figures import admissions_figures
from gen.demo.builder import DEFAULT_SEED, demo_logins, demo_seed
from gen.demo.digest import demo_digest
from gen.demo.followup.figures import follow_up_figures
from gen.demo.people import DEMO_PASSWORD
from gen.demo.reference import MissingReferenceData
from gen.demo.scales import SCALES


class Command(BaseCommand):
    help = (
        "Create deterministic demo data: training organisations, labelled courses, sessions and demo users "
        "of every role. Needs the reference data (`gen load-territories`, `gen load-rome`). Does nothing when "
        "demo data is already there, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="national",
            help="; ".join(f"{scale.name}: {scale.description}" for scale in SCALES.values()),
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Same seed, same data.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data first, then re-create it."
        )
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Create the demo users (known password) even with DEBUG off.",
        )

    def handle(self, *args, scale: str, seed: int, reset: bool, allow_demo_users: bool, **options):
        if not settings.DEBUG and not allow_demo_users:
            raise CommandError(
                "Refusing to create demo users with a published password while DEBUG is off (production "
                "settings). Pass --allow-demo-users if this database really is a demo."
            )
        if SCALES[scale].history_courses and connection.vendor != "postgresql":
            raise CommandError(
                f"The {scale} scale writes a million past learners with PostgreSQL's bulk SQL: set "
                "DATABASE_URL to a PostgreSQL database."
            )
        started = time.monotonic()
        try:
            outcome = demo_seed(
                scale=SCALES[scale], seed=seed, reset=reset, show_progress=options["verbosity"] >= 1
            )
        except MissingReferenceData as error:
            raise CommandError(str(error)) from error
        dataset = outcome.dataset
        if outcome.created:
            counts = ", ".join(f"{count} {name}" for name, count in dataset.counts.items())
            self.stdout.write(f"Created the {dataset}: {counts}; in {time.monotonic() - started:.1f} s.")
            if SCALES[scale].history_courses:
                # Read row by row, a million learners would take minutes: the dashboards count them.
                self.stdout.write("Its figures: gen refresh-stats --apply, then /statistiques/.")
            else:
                self.stdout.write(f"Digest of the demo rows: {demo_digest()}")
                today = dataset.reference_date
                for line in admissions_figures(today).lines() + follow_up_figures(today).lines():
                    self.stdout.write(line)
        elif dataset is None:
            self.stdout.write(
                "Demo data is already there (of unknown scale): nothing done. Use --reset to re-create it."
            )
        else:
            self.stdout.write(
                f"The {dataset} is already there: nothing done. Use --reset to re-create it"
                + ("." if dataset.scale == scale else f" at the {scale} scale.")
            )
        self._print_logins()

    def _print_logins(self) -> None:
        with translation.override("en"):
            logins = demo_logins()
        if not logins:
            return
        width = max(len(email) for email, _, _ in logins)
        role_width = max(len(role) for _, role, _ in logins)
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"{'E-MAIL':<{width}}  {'ROLE':<{role_width}}  SCOPE")
        for email, role, scope in logins:
            self.stdout.write(f"{email:<{width}}  {role:<{role_width}}  {scope}".rstrip())
