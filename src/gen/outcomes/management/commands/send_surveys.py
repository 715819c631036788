"""Daily: plan the follow-up surveys of learners who left a course, e-mail those due, remind once those
unanswered after a week."""

from functools import partial

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from gen.outcomes.services.surveys import (
    enrolments_changed,
    enrolments_unplanned,
    surveys_remind,
    surveys_schedule,
    surveys_send_due,
    surveys_to_remind,
    surveys_to_send,
)


class Command(BaseCommand):
    help = "Plan, send and remind the learners' follow-up surveys (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Do it (default: only report it).")

    def handle(self, *args, apply: bool, **options):
        now = timezone.now()
        if not apply:
            self.stdout.write(
                f"{enrolments_unplanned().count()} learner(s) who left would get their surveys planned, "
                f"{enrolments_changed(now).count()} would have them re-planned; "
                f"{surveys_to_send(timezone.localdate(now)).count()} survey(s) would be sent, "
                f"{surveys_to_remind(now).count()} reminder(s) would be sent. Run with --apply to do it."
            )
            return
        # A progress bar on a terminal (on stderr), nothing in cron's mail or with --verbosity 0.
        bar = partial(tqdm, unit=" e-mails", disable=True if options["verbosity"] < 1 else None)
        planned = surveys_schedule(now=now)
        sent = surveys_send_due(now=now, progress=partial(bar, desc="surveys"))
        reminded = surveys_remind(now=now, progress=partial(bar, desc="reminders"))
        self.stdout.write(f"{planned} survey(s) planned, {sent} sent, {reminded} reminder(s) sent.")
