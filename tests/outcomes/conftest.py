"""Learners who left a course, their surveys and the people who look at them."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.models import Role
from gen.cohorts.models import Enrolment
from gen.cohorts.services.enrolments import enrolment_complete, enrolment_drop_out
from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Survey
from gen.outcomes.services.surveys import survey_send, surveys_schedule
from tests.factories import EnrolmentFactory, MembershipFactory, SessionFactory


def past_session(**kwargs):
    """A session that started two years before today (so any exit date is possible)."""
    start = timezone.localdate() - datetime.timedelta(days=730)
    return SessionFactory(start_date=start, end_date=start + datetime.timedelta(days=182), **kwargs)


def learner(**kwargs) -> Enrolment:
    """A learner enrolled since their session started."""
    session = kwargs.pop("session", None) or past_session()
    enrolment = EnrolmentFactory(session=session, **kwargs)
    started = datetime.datetime.combine(
        session.start_date, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=started)
    enrolment.refresh_from_db()
    return enrolment


def completed(on: datetime.date, **kwargs) -> Enrolment:
    enrolment = learner(**kwargs)
    return enrolment_complete(enrolment=enrolment, on=on, certification_obtained=None, acting_user=None)


def dropped_out(on: datetime.date, **kwargs) -> Enrolment:
    enrolment = learner(**kwargs)
    return enrolment_drop_out(enrolment=enrolment, on=on, reason="health", acting_user=None)


def sent_survey(*, days_ago: int = 0, milestone: str = "end", enrolment=None) -> tuple[Survey, str]:
    """A survey e-mailed `days_ago` days ago, and the link it carried (read from the e-mail)."""
    enrolment = enrolment or completed(timezone.localdate() - datetime.timedelta(days=days_ago))
    surveys_schedule()
    survey = enrolment.surveys.get(milestone=milestone)
    Survey.objects.filter(pk=survey.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    assert survey_send(survey_id=survey.pk, now=timezone.now() - datetime.timedelta(days=days_ago))
    survey.refresh_from_db()
    return survey, link_in_last_email()


def link_in_last_email() -> str:
    body = OutboxMessage.objects.order_by("pk").last().body
    return body.split("/suivi/")[1].split("/")[0]


@pytest.fixture
def organisation_member():
    def make(session):
        return MembershipFactory(role=Role.ORGANISATION, organisation=session.course.organisation).user

    return make
