"""From an offer's deadline to the place offered to the next candidate: the schedule's bound, and the
time of the `offers-expire` job for 1,000 offers expiring at once, on PostgreSQL.

    make bench    # or: DATABASE_URL=postgres://…/gen_bench .venv/bin/python bench/offers_expiry.py

It reuses the national round benchmark's campaign (bench/admissions_round.py builds it the first time),
applies the round, moves the deadline of 1,000 offers (in as many sessions) into the past and times the
job: each offer expires, its candidate hears of it, and the place goes to the next candidate called, who
gets an offer and an e-mail. All in a transaction rolled back at the end. Target: under 1 s.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from admissions_round import Rollback, build  # noqa: E402 (sets Django up)
from gen.admissions.models import Offer  # noqa: E402
from gen.admissions.services.rounds import round_apply  # noqa: E402
from gen.jobs.schedule import JOBS  # noqa: E402
from gen.jobs.services import next_slot  # noqa: E402
from gen.notifications.models import OutboxMessage  # noqa: E402

EXPIRING = 1_000
RUNS = 3


def expire_once(campaign) -> tuple[float, int, int]:
    from gen.admissions.services.offers import offers_expire

    try:
        with transaction.atomic():
            round_apply(campaign=campaign, acting_user=None)
            now = timezone.now()
            # One offer in each of 1,000 sessions, as when a day's deadlines pass.
            first_of_session = (
                Offer.objects.filter(state=Offer.State.PENDING, session__campaign_session__campaign=campaign)
                .order_by("session_id", "pk")
                .distinct("session_id")
                .values_list("pk", flat=True)[:EXPIRING]
            )
            Offer.objects.filter(pk__in=list(first_of_session)).update(
                deadline=now - datetime.timedelta(minutes=1)
            )
            emails_before = OutboxMessage.objects.count()
            offers_before = Offer.objects.count()
            started = time.perf_counter()
            expired = offers_expire(now=now)
            seconds = time.perf_counter() - started
            passed_on = Offer.objects.count() - offers_before
            emails = OutboxMessage.objects.count() - emails_before
            assert expired == EXPIRING, expired
            raise Rollback
    except Rollback:
        return seconds, passed_on, emails


def worst_gap_minutes() -> float:
    """The longest wait between two slots of the job over a day (the bound from deadline to pass-on)."""
    job = JOBS["offers-expire"]
    moment = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    gaps, previous = [], next_slot(job, moment)
    while previous < moment + datetime.timedelta(days=1):
        following = next_slot(job, previous)
        gaps.append((following - previous).total_seconds() / 60)
        previous = following
    return max(gaps)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL.")
    campaign = build()
    runs = [expire_once(campaign) for _ in range(RUNS)]
    seconds = sorted(run[0] for run in runs)
    _, passed_on, emails = runs[0]
    print(f"{connection.vendor}: {EXPIRING:,} offers expiring at once, {RUNS} runs, each rolled back.\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| schedule of `offers-expire` | `{JOBS['offers-expire'].cron}` |")
    print(f"| longest wait from a deadline to the job (schedule) | {worst_gap_minutes():.0f} min |")
    print(f"| job for {EXPIRING:,} offers, median of {RUNS} | {seconds[len(seconds) // 2]:.2f} s |")
    print(f"| job for {EXPIRING:,} offers, best | {seconds[0]:.2f} s |")
    print(f"| offers passed on to the next called | {passed_on:,} |")
    print(f"| e-mails written (expiry, new offers) | {emails:,} |")
    print("\nTargets: a place passes on within 60 minutes of a deadline; the job under 1 s for 1,000 offers.")


if __name__ == "__main__":
    main()
