"""`gen send-outbox`: send the e-mails still waiting in the outbox (run every few minutes)."""

from django.core.management.base import BaseCommand

from gen.notifications.services import outbox_send


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many e-mails per run.")

    def handle(self, *args, limit: int, **options):
        sent, failed = outbox_send(limit=limit)
        self.stdout.write(f"{sent} e-mail(s) sent, {failed} failed (kept for the next run).")
