"""E-mailing the surveys when due, and one reminder a week later."""

import datetime

import pytest
from django.utils import timezone

from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Survey
from gen.outcomes.services.surveys import survey_answer, surveys_remind, surveys_schedule, surveys_send_due
from tests.outcomes.conftest import completed, dropped_out, sent_survey
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_the_surveys_due_are_emailed_in_french_with_their_link(
    django_capture_on_commit_callbacks, mailoutbox
):
    enrolment = completed(timezone.localdate())
    surveys_schedule()
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys_send_due() == 1
    survey = enrolment.surveys.get(milestone="end")
    assert survey.sent_at is not None and survey.expires_at == survey.sent_at + datetime.timedelta(days=30)
    assert mailoutbox == []  # in the outbox, for the worker
    run_queued_tasks()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [enrolment.candidate.user.email]
    assert enrolment.session.course.title in email.subject
    assert "/suivi/" in email.body and "une minute" in email.body


def test_surveys_not_yet_due_are_not_sent():
    enrolment = completed(timezone.localdate())
    surveys_schedule()
    surveys_send_due()
    assert list(enrolment.surveys.filter(sent_at__isnull=False).values_list("milestone", flat=True)) == [
        "end"
    ]


def test_a_survey_is_sent_once():
    completed(timezone.localdate())
    surveys_schedule()
    assert surveys_send_due() == 1
    assert surveys_send_due() == 0
    assert OutboxMessage.objects.filter(kind="outcomes.survey").count() == 1


def test_a_survey_due_more_than_thirty_days_ago_is_no_longer_sent():
    long_ago = timezone.localdate() - datetime.timedelta(days=31)
    enrolment = dropped_out(long_ago - datetime.timedelta(days=92))
    surveys_schedule()
    enrolment.surveys.filter(milestone="month_3").update(due_on=long_ago)
    assert surveys_send_due() == 0
    enrolment.surveys.filter(milestone="month_3").update(due_on=long_ago + datetime.timedelta(days=1))
    assert surveys_send_due() == 1


def test_a_learner_whose_account_is_closed_gets_no_survey():
    enrolment = completed(timezone.localdate())
    enrolment.candidate.user.is_active = False
    enrolment.candidate.user.save(update_fields=["is_active"])
    surveys_schedule()
    assert surveys_send_due() == 0


def test_the_reminder_goes_once_a_week_after_sending():
    survey, _ = sent_survey(days_ago=6)
    assert surveys_remind() == 0
    assert surveys_remind(now=timezone.now() + datetime.timedelta(days=1, minutes=1)) == 1
    assert surveys_remind(now=timezone.now() + datetime.timedelta(days=2)) == 0
    survey.refresh_from_db()
    assert survey.reminded_at is not None and survey.reminder_token_hash
    reminder = OutboxMessage.objects.get(kind="outcomes.survey_reminder")
    assert reminder.subject.startswith("Rappel")


def test_no_reminder_after_an_answer_or_once_expired():
    answered, signed = sent_survey(days_ago=8)
    survey_answer(
        signed=signed,
        answers={
            "situation": "inactive",
            "interim_six_months_or_more": None,
            "started_on": None,
            "employer": "",
            "job_title": "",
        },
    )
    expired, _ = sent_survey(days_ago=8)
    Survey.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert surveys_remind() == 0
