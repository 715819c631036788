"""The stress scale's past cohorts (gen.demo.history), on a small demo with three courses' worth of them."""

import dataclasses
import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q

from gen.accounts.models import User
from gen.admissions.models import Application, Candidate, Offer
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.demo import history
from gen.demo.builder import demo_clear, demo_seed
from gen.demo.scales import SMALL
from gen.outcomes.models import Outcome, Survey
from gen.stats.filters import Filters
from gen.stats.refresh import figures_refresh
from gen.stats.selectors import totals
from tests.demo.conftest import demo_seeded

TODAY = datetime.date(2026, 5, 4)
# No applicants to the small demo's own sessions: every learner counted below is a past one.
WITH_HISTORY = dataclasses.replace(SMALL, name="small", admissions_sessions=0, history_courses=3)
SESSIONS = 3 * history.SESSIONS_PER_COURSE
LEARNERS = SESSIONS * history.LEARNERS_PER_SESSION

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The past cohorts are written with PostgreSQL's bulk SQL."
)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_seeded(WITH_HISTORY, TODAY) as dataset:
        figures_refresh()
        yield dataset


def past_enrolments():
    return Enrolment.objects.filter(candidate__user__email__startswith=history.HISTORY_EMAIL_PREFIX)


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db
class TestPastCohorts:
    def test_counts_follow_the_scale(self, seeded):
        assert seeded.counts["past sessions"] == SESSIONS
        assert seeded.counts["past learners"] == past_enrolments().count() == LEARNERS
        assert seeded.counts["past applications"] == SESSIONS * history.APPLICATIONS_PER_SESSION

    def test_sessions_end_before_the_scales_own_calendar_and_hold_their_learners(self, seeded):
        sessions = Session.objects.filter(enrolments__in=past_enrolments()).annotate(
            learners=Count("enrolments")
        )
        assert sessions.count() == SESSIONS
        for session in sessions:
            assert session.start_date.year >= history.FIRST_YEAR
            assert session.end_date < datetime.date(TODAY.year - 1, 1, 1)
            assert session.learners == session.places_taken == history.LEARNERS_PER_SESSION

    def test_every_learner_accepted_an_offer_and_every_answer_has_its_survey(self, seeded):
        learners = past_enrolments()
        assert Offer.objects.filter(
            application__enrolment__in=learners, state=Offer.State.ACCEPTED
        ).count() == (LEARNERS)
        assert not Survey.objects.filter(
            enrolment__in=learners, due_on__lt=TODAY, sent_at__isnull=True
        ).exists()
        answers = Outcome.objects.filter(enrolment__in=learners, source="learner_survey")
        assert not answers.filter(Q(survey__isnull=True) | Q(survey__answered_at__isnull=True)).exists()

    def test_one_current_outcome_per_learner_and_milestone(self, seeded):
        current = Outcome.objects.filter(enrolment__in=past_enrolments(), is_current=True)
        doubles = current.values("enrolment", "milestone").annotate(n=Count("pk")).filter(n__gt=1)
        assert current.exists() and not doubles.exists()
        assert Outcome.objects.filter(enrolment__in=past_enrolments(), is_current=False).exists()

    def test_the_figures_land_near_the_seeds(self, seeded):
        values = totals(Filters())
        assert values["learners"].value == LEARNERS
        assert values["admission_rate"].value == 20.0  # 20 admitted of 100 applications per session
        assert 70 <= values["completion_rate"].value <= 90
        # A few hundred learners: loose bounds around the seeds' 70 %, 60 % and 69 %.
        assert 60 <= values["employment_6_months"].value <= 80
        assert 50 <= values["share_bac_or_below"].value <= 70
        assert 59 <= values["share_under_30"].value <= 79
        assert 65 <= values["response_rate_6_months"].value <= 90


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db
def test_clearing_the_demo_removes_the_past_cohorts():
    demo_seed(scale=WITH_HISTORY, today=TODAY)
    assert past_enrolments().count() == LEARNERS

    demo_clear()

    past_users = User.objects.filter(email__startswith=history.HISTORY_EMAIL_PREFIX)
    assert not past_users.exists()
    assert not Candidate.objects.filter(user__email__startswith=history.HISTORY_EMAIL_PREFIX).exists()
    assert not Application.objects.exists() and not Enrolment.objects.exists()
    assert not Survey.objects.exists() and not Outcome.objects.exists()


@pytest.mark.django_db
def test_the_stress_scale_asks_for_postgresql_on_sqlite(settings):
    if connection.vendor == "postgresql":
        pytest.skip("The refusal is SQLite's.")
    settings.DEBUG = True
    with pytest.raises(CommandError, match="set DATABASE_URL to a PostgreSQL database"):
        call_command("seed_demo", "--scale", "stress", stdout=StringIO())
