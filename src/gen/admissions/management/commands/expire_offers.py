"""Daily: remind candidates whose offer ends within a day, expire unanswered offers, pass places on."""

from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils import timezone

from gen.admissions.models import Offer
from gen.admissions.services.offers import REMINDER_BEFORE, offers_expire, offers_remind


class Command(BaseCommand):
    help = "Send reminders and expire the offers not answered in time (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Do it (default: only report it).")

    def handle(self, *args, apply: bool, **options):
        now = timezone.now()
        if apply:
            reminded, expired = offers_remind(now=now), offers_expire(now=now)
            self.stdout.write(f"{reminded} reminder(s) sent, {expired} offer(s) expired; places passed on.")
            return
        pending = Offer.objects.filter(state=Offer.State.PENDING)
        due = pending.filter(reminded_at__isnull=True, deadline__gte=now, deadline__lt=now + REMINDER_BEFORE)
        expiring = pending.filter(deadline__lt=now)
        self.stdout.write(
            f"{due.count()} reminder(s) would be sent, {expiring.count()} offer(s) would expire."
        )
        per_session = expiring.values("session__course__title", "session__name").annotate(count=Count("pk"))
        for row in per_session.order_by("session__course__title", "session__name"):
            self.stdout.write(f"  - {row['session__course__title']} – {row['session__name']}: {row['count']}")
        if expiring.exists() or due.exists():
            self.stdout.write("Run with --apply to do it.")
