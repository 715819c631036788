"""Daily: anonymise the candidates the privacy notice says we no longer keep (dry run unless --apply)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from gen.admissions.services.retention import Purge, Retention, personal_data_preview, personal_data_purge


class Command(BaseCommand):
    help = (
        "Anonymise candidates idle for the retention period whose sessions all ended that long ago, and "
        "delete the idle accounts without a profile (dry run unless --apply)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Do it (default: only report it).")

    def handle(self, *args, apply: bool, **options):
        now = timezone.now()
        retention = Retention.on(now)
        self.stdout.write(
            f"Retention {settings.PERSONAL_DATA_RETENTION_DAYS} days: candidates not logged in since "
            f"{timezone.localtime(retention.idle_since):%Y-%m-%d}, all of whose sessions ended before "
            f"{retention.sessions_ended_before:%Y-%m-%d}."
        )
        if apply:
            show = options["verbosity"] >= 1

            def track(items, **kwargs):
                return tqdm(items, disable=not show, **kwargs)

            self.stdout.write(self._summary(personal_data_purge(now=now, track=track), done=True))
            return
        preview = personal_data_preview(now=now)
        self.stdout.write(self._summary(preview, done=False))
        if preview.candidates or preview.accounts:
            self.stdout.write("Run with --apply to do it.")

    @staticmethod
    def _summary(purge: Purge, *, done: bool) -> str:
        verb = "" if done else "would be "
        return (
            f"{purge.candidates} candidate(s) {verb}anonymised: {purge.applications} application(s) "
            f"{verb}stripped of their texts, {purge.notes} selection note(s) {verb}deleted. "
            f"{purge.accounts} account(s) without a profile {verb}deleted."
        )
