"""Answering the survey (once), and outcomes the organisation records: every record kept, the latest
counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gen.accounts.models import Role
from gen.outcomes.links import USED, LinkError, survey_of_link
from gen.outcomes.models import Outcome
from gen.outcomes.services.outcomes import outcome_record_by_organisation
from gen.outcomes.services.surveys import survey_answer
from tests.factories import MembershipFactory
from tests.outcomes.conftest import completed, dropped_out, learner, sent_survey

pytestmark = pytest.mark.django_db


def answers(situation="cdi", **details) -> dict:
    return {
        "situation": situation,
        "interim_six_months_or_more": None,
        "started_on": None,
        "employer": "",
        "job_title": "",
        **details,
    }


def test_the_answer_is_recorded_as_the_current_outcome_and_spends_the_link():
    survey, signed = sent_survey()
    outcome = survey_answer(
        signed=signed,
        answers=answers(
            started_on=timezone.localdate(),
            employer=" Agence Web du Nord ",
            job_title="Développeur / Développeuse web",
        ),
    )
    survey.refresh_from_db()
    assert survey.answered_at == outcome.recorded_at
    assert (outcome.enrolment, outcome.milestone, outcome.source, outcome.survey) == (
        survey.enrolment,
        "end",
        "learner_survey",
        survey,
    )
    assert outcome.is_current and outcome.recorded_by is None
    assert outcome.employer == "Agence Web du Nord"
    assert outcome.job.code == "M1855"


def test_a_second_answer_is_refused_and_the_first_one_kept():
    survey, signed = sent_survey()
    survey_answer(signed=signed, answers=answers("cdi"))
    with pytest.raises(LinkError) as raised:
        survey_answer(signed=signed, answers=answers("inactive"))
    assert raised.value.code == USED
    assert list(Outcome.objects.values_list("situation", flat=True)) == ["cdi"]


def test_an_interim_answer_says_how_long_the_assignments_last():
    _, signed = sent_survey()
    with pytest.raises(ValidationError) as raised:
        survey_answer(signed=signed, answers=answers("interim"))
    assert "interim_six_months_or_more" in raised.value.message_dict
    assert not Outcome.objects.exists()
    survey_of_link(signed)  # nothing recorded, the link still works
    outcome = survey_answer(signed=signed, answers=answers("interim", interim_six_months_or_more=True))
    assert outcome.interim_six_months_or_more is True


def test_job_details_are_not_kept_for_a_situation_without_a_job():
    _, signed = sent_survey()
    outcome = survey_answer(
        signed=signed,
        answers=answers(
            "training",
            interim_six_months_or_more=True,
            started_on=timezone.localdate(),
            employer="X",
            job_title="Y",
        ),
    )
    assert (outcome.interim_six_months_or_more, outcome.started_on, outcome.employer, outcome.job_title) == (
        None,
        None,
        "",
        "",
    )


IN_400_DAYS = "in 400 days"  # replaced by the date when the test runs


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"situation": "astronaut"}, "situation"),
        ({"situation": ""}, "situation"),
        ({"started_on": datetime.date(1900, 1, 1)}, "started_on"),
        ({"started_on": IN_400_DAYS}, "started_on"),
        ({"employer": "x" * 201}, "employer"),
        ({"job_title": "x" * 201}, "job_title"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_recorded(bad, field, today):
    if bad.get("started_on") == IN_400_DAYS:
        bad = {"started_on": today + datetime.timedelta(days=400)}
    _, signed = sent_survey()
    with pytest.raises(ValidationError) as raised:
        survey_answer(signed=signed, answers=answers(**bad))
    assert field in raised.value.message_dict
    assert not Outcome.objects.exists()


def test_a_job_title_matching_several_jobs_stays_unmapped():
    _, signed = sent_survey()
    assert survey_answer(signed=signed, answers=answers(job_title="Développeur")).job is None


def organisation_member(enrolment):
    return MembershipFactory(role=Role.ORGANISATION, organisation=enrolment.session.course.organisation).user


def test_an_organisation_record_after_the_answer_counts_and_both_are_kept():
    survey, signed = sent_survey()
    first = survey_answer(signed=signed, answers=answers("job_seeking"))
    member = organisation_member(survey.enrolment)
    second = outcome_record_by_organisation(
        enrolment=survey.enrolment,
        milestone="end",
        answers=answers("cdd_long", employer="Mairie de Lens"),
        source="employer",
        source_note="Courriel de la DRH",
        acting_user=member,
    )
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert second.recorded_by == member and second.survey is None
    current = Outcome.objects.filter(enrolment=survey.enrolment, milestone="end", is_current=True)
    assert list(current) == [second]
    assert Outcome.objects.filter(enrolment=survey.enrolment).count() == 2


def test_other_milestones_keep_their_own_current_outcome():
    enrolment = completed(timezone.localdate() - datetime.timedelta(days=100))
    member = organisation_member(enrolment)
    for milestone in ("end", "month_3"):
        outcome_record_by_organisation(
            enrolment=enrolment,
            milestone=milestone,
            answers=answers(),
            source="learner_phone",
            acting_user=member,
        )
    assert enrolment.outcomes.filter(is_current=True).count() == 2


def record(enrolment, *, user=None, milestone="end", source="employer", note="", **details):
    return outcome_record_by_organisation(
        enrolment=enrolment,
        milestone=milestone,
        answers=answers(**details),
        source=source,
        source_note=note,
        acting_user=user or organisation_member(enrolment),
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"source": "learner_survey"}, "source"),
        ({"source": "rumour"}, "source"),
        ({"source": "other"}, "source_note"),
        ({"milestone": "month_6"}, "milestone"),
        ({"milestone": "month_24"}, "milestone"),
    ],
)
def test_an_organisation_record_is_checked(kwargs, field):
    enrolment = completed(timezone.localdate())
    with pytest.raises(ValidationError) as raised:
        record(enrolment, **kwargs)
    assert field in raised.value.message_dict
    assert not Outcome.objects.exists()


def test_a_learner_who_dropped_out_has_no_end_of_course_outcome():
    enrolment = dropped_out(timezone.localdate() - datetime.timedelta(days=100))
    with pytest.raises(ValidationError):
        record(enrolment, milestone="end")
    assert record(enrolment, milestone="month_3").is_current


def test_no_outcome_while_in_training():
    with pytest.raises(ValidationError):
        record(learner())


@pytest.mark.parametrize("role", [Role.ORGANISATION, Role.PRESCRIBER, Role.FUNDER, Role.NATIONAL_TEAM])
def test_no_one_outside_the_organisation_records_an_outcome(role):
    enrolment = completed(timezone.localdate())
    outsider = MembershipFactory(role=role).user
    with pytest.raises(PermissionDenied):
        record(enrolment, user=outsider)
    assert not Outcome.objects.exists()
