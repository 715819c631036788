"""Daily: courses enter or leave the catalogue as labels start and end, next sessions move on."""

from django.core.management.base import BaseCommand

from gen.catalogue.services import courses_refresh_listing, listing_changes


class Command(BaseCommand):
    help = "Recompute which courses the catalogue lists and their next session (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Write the changes (default: only report them)."
        )

    def handle(self, *args, apply: bool, **options):
        changes = listing_changes()
        summary = ", ".join(f"{count} {what}" for what, count in changes.items())
        if not apply:
            self.stdout.write(f"Would change: {summary}. Run with --apply to write.")
            return
        courses_refresh_listing()
        self.stdout.write(f"Changed: {summary}.")
