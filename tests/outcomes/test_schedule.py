"""Planning the surveys: every milestone when a learner leaves, re-planned when that changes."""

import datetime

import pytest
from django.utils import timezone

from gen.cohorts.services.enrolments import enrolment_complete, enrolment_undo
from gen.outcomes.definitions import add_months
from gen.outcomes.models import Survey
from gen.outcomes.services.surveys import survey_send, surveys_schedule
from tests.outcomes.conftest import completed, dropped_out, learner

pytestmark = pytest.mark.django_db


def plan_of(enrolment) -> dict[str, datetime.date]:
    return dict(enrolment.surveys.values_list("milestone", "due_on"))


def test_a_learner_who_completed_gets_four_surveys_from_their_completion_date():
    on = timezone.localdate() - datetime.timedelta(days=40)
    enrolment = completed(on)
    assert surveys_schedule() == 4
    assert plan_of(enrolment) == {
        "end": on,
        "month_3": add_months(on, 3),
        "month_6": add_months(on, 6),
        "month_12": add_months(on, 12),
    }


def test_a_learner_who_dropped_out_is_followed_from_that_day_without_an_end_of_course_survey():
    on = timezone.localdate() - datetime.timedelta(days=10)
    enrolment = dropped_out(on)
    surveys_schedule()
    assert plan_of(enrolment) == {
        "month_3": add_months(on, 3),
        "month_6": add_months(on, 6),
        "month_12": add_months(on, 12),
    }


def test_a_learner_still_in_training_gets_no_survey():
    enrolment = learner()
    assert surveys_schedule() == 0
    assert not enrolment.surveys.exists()


def test_planning_twice_plans_nothing_more():
    completed(timezone.localdate())
    dropped_out(timezone.localdate())
    assert surveys_schedule() == 7
    assert surveys_schedule() == 0
    assert Survey.objects.count() == 7


def test_an_undone_completion_cancels_the_surveys_not_sent_and_keeps_those_sent():
    enrolment = completed(timezone.localdate())
    surveys_schedule()
    end = enrolment.surveys.get(milestone="end")
    assert survey_send(survey_id=end.pk, now=timezone.now())
    enrolment_undo(enrolment=enrolment, reason="Erreur de saisie", acting_user=None)
    surveys_schedule()
    assert list(enrolment.surveys.values_list("milestone", flat=True)) == ["end"]


def test_a_completion_recorded_again_moves_the_surveys_not_sent():
    enrolment = completed(timezone.localdate())
    surveys_schedule()
    enrolment_undo(enrolment=enrolment, reason="Mauvaise date", acting_user=None)
    on = timezone.localdate() - datetime.timedelta(days=5)
    enrolment_complete(enrolment=enrolment, on=on, certification_obtained=None, acting_user=None)
    surveys_schedule()
    assert plan_of(enrolment)["month_6"] == add_months(on, 6)
    assert enrolment.surveys.count() == 4
