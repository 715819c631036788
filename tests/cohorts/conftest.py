"""A running session of an organisation, its member, and a way to add learners to it."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.models import Role
from tests.factories import CandidateFactory, EnrolmentFactory, MembershipFactory, SessionFactory


def running_session(started_days_ago=30, **fields):
    """A session of 26 weeks, the last 8 in a company (280 hours): its classes end 18 weeks after it
    starts. Started 30 days ago, its learners are pointed out without internship from day 98."""
    start = timezone.localdate() - datetime.timedelta(days=started_days_ago)
    return SessionFactory(
        start_date=start,
        end_date=start + datetime.timedelta(weeks=26),
        course__hours_in_company=280,
        **fields,
    )


def enrol(session, first_name="Camille", last_name="Martin", **fields):
    candidate = CandidateFactory(user__first_name=first_name, user__last_name=last_name)
    return EnrolmentFactory(session=session, application__candidate=candidate, **fields)


@pytest.fixture
def member():
    return MembershipFactory(
        role=Role.ORGANISATION, user__first_name="Dominique", user__last_name="Roux"
    ).user


@pytest.fixture
def session(member):
    return running_session(
        course__organisation=member.memberships.get().organisation,
        course__title="Développeur web",
        name="Printemps",
    )


@pytest.fixture
def outsider():
    """A member of another training organisation."""
    return MembershipFactory(role=Role.ORGANISATION).user
