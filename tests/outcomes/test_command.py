"""`gen send-surveys`: the daily run, dry unless --apply."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Survey
from gen.outcomes.services.surveys import surveys_schedule
from tests.outcomes.conftest import completed, sent_survey

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("send_surveys", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_dry_run_reports_and_changes_nothing():
    completed(timezone.localdate())
    output = run()
    assert "1 learner(s) who left would get their surveys planned" in output
    assert "Run with --apply" in output
    assert not Survey.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_apply_plans_sends_and_reminds():
    reminded, _ = sent_survey(days_ago=8)
    completed(timezone.localdate())
    output = run("--apply")
    assert "4 survey(s) planned, 1 sent, 1 reminder(s) sent." in output
    assert OutboxMessage.objects.filter(kind="outcomes.survey").count() == 2
    assert OutboxMessage.objects.filter(kind="outcomes.survey_reminder").count() == 1
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None


def test_running_again_the_same_day_does_nothing_more():
    completed(timezone.localdate() - datetime.timedelta(days=1))
    run("--apply")
    assert "0 survey(s) planned, 0 sent, 0 reminder(s) sent." in run("--apply")
    assert OutboxMessage.objects.count() == 1


def test_the_dry_run_counts_surveys_due_and_reminders():
    sent_survey(days_ago=8)
    completed(timezone.localdate() - datetime.timedelta(days=1))
    surveys_schedule()
    output = run()
    assert "1 survey(s) would be sent, 1 reminder(s) would be sent" in output
