"""The demo's cohorts and follow-up, at the small scale, seeded once for the module (each test runs in
its own transaction, rolled back: what a test changes is gone for the next)."""

import datetime
import itertools
from collections import Counter, defaultdict

import pytest
from django.db.models import Count
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.catalogue.models import Session
from gen.cohorts.models import (
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    DropOutReason,
    Enrolment,
    EnrolmentTransition,
    Internship,
    InternshipTransition,
)
from gen.cohorts.schedule import classroom_end
from gen.cohorts.selectors import cohorts_board, learners_without_internship
from gen.cohorts.services.workflows import ENROLMENT_WORKFLOW, INTERNSHIP_WORKFLOW
from gen.demo.admissions import NOW_HOUR
from gen.demo.builder import demo_clear, demo_seed
from gen.demo.context import demo_organisations
from gen.demo.followup.calendar import is_open
from gen.demo.followup.digest import follow_up_rows
from gen.demo.followup.figures import follow_up_figures
from gen.demo.labelling.dossiers import at
from gen.demo.people import DEMO_USERS
from gen.demo.scales import SMALL
from gen.organisations.validators import siret_is_valid
from gen.outcomes.definitions import JOB_DETAIL_SITUATIONS, SituationCode
from gen.outcomes.models import Outcome, OutcomeSource, Survey, SurveyStatus
from gen.outcomes.schedule import milestones_of
from gen.outcomes.selectors import sessions_followed_by, survey_status
from gen.outcomes.services.surveys import (
    LINK_VALIDITY,
    REMINDER_AFTER,
    surveys_schedule,
    surveys_to_remind,
    surveys_to_send,
)
from tests.demo.conftest import demo_seeded
from tests.factories import InternshipFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)
NOW = at(TODAY, NOW_HOUR)
Status = Enrolment.Status


@pytest.fixture(scope="module", autouse=True)
def small(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_seeded(SMALL, TODAY) as dataset:
        yield dataset


def user(local_part: str) -> User:
    return User.objects.get(email=next(spec.email for spec in DEMO_USERS if spec.local_part == local_part))


def enrolments():
    return Enrolment.objects.select_related("session__course")


def members(organisation_id: int) -> set[int]:
    return set(
        Membership.objects.filter(organisation_id=organisation_id, role=Role.ORGANISATION).values_list(
            "user_id", flat=True
        )
    )


# Enrolments --------------------------------------------------------------------------------------


def test_learners_of_the_sessions_that_ended_completed_on_the_last_day_or_dropped_out_during_it():
    ended = enrolments().filter(session__end_date__lt=TODAY)
    statuses = Counter(ended.values_list("status", flat=True))

    assert set(statuses) == {Status.COMPLETED, Status.DROPPED_OUT}
    assert 0.78 < statuses[Status.COMPLETED] / statuses.total() < 0.9
    for enrolment in ended:
        session = enrolment.session
        if enrolment.status == Status.COMPLETED:
            assert enrolment.completed_on == session.end_date and enrolment.dropped_out_on is None
            assert enrolment.drop_out_reason == ""
        else:
            assert session.start_date <= enrolment.dropped_out_on < session.end_date
            assert enrolment.dropped_out_on >= timezone.localdate(enrolment.enrolled_at)
            assert enrolment.completed_on is None and enrolment.certification_obtained is None


def test_running_sessions_have_a_few_drop_outs_so_far_and_upcoming_ones_none():
    running = enrolments().filter(session__start_date__lte=TODAY, session__end_date__gte=TODAY)
    statuses = Counter(running.values_list("status", flat=True))

    assert set(statuses) == {Status.ENROLLED, Status.DROPPED_OUT}
    assert statuses[Status.DROPPED_OUT] / statuses.total() < 0.2
    assert not running.filter(status=Status.DROPPED_OUT, dropped_out_on__gte=TODAY).exists()
    assert set(enrolments().filter(session__start_date__gt=TODAY).values_list("status", flat=True)) == {
        Status.ENROLLED
    }


def test_drop_outs_have_a_reason_job_the_most_frequent_and_a_comment_for_other_reasons():
    reasons = Counter(
        Enrolment.objects.filter(status=Status.DROPPED_OUT).values_list("drop_out_reason", flat=True)
    )

    assert reasons.most_common(1)[0][0] == DropOutReason.JOB
    assert set(reasons) <= set(DropOutReason.values) and len(reasons) >= 6
    assert not Enrolment.objects.filter(drop_out_reason=DropOutReason.OTHER, drop_out_comment="").exists()


def test_certification_is_recorded_only_for_courses_leading_to_one_most_obtaining_it():
    completed = Enrolment.objects.filter(status=Status.COMPLETED)
    certified = Counter(
        completed.exclude(session__course__rncp_code="").values_list("certification_obtained", flat=True)
    )

    assert not completed.filter(session__course__rncp_code="", certification_obtained__isnull=False).exists()
    assert certified[True] > 3 * certified[False] and certified[True] > 10


def test_each_drop_out_and_completion_is_logged_by_a_member_of_the_organisation():
    logs = {
        log.subject_id: log for log in EnrolmentTransition.objects.select_related("subject__session__course")
    }
    left = Enrolment.objects.exclude(status=Status.ENROLLED)

    assert set(logs) == set(left.values_list("pk", flat=True))
    for log in logs.values():
        enrolment = log.subject
        assert (log.from_state, log.to_state) == (Status.ENROLLED, enrolment.status)
        assert log.from_state in ENROLMENT_WORKFLOW.transitions[log.to_state]
        assert (enrolment.dropped_out_on or enrolment.completed_on) <= timezone.localdate(
            log.at
        ) and log.at <= NOW
        assert log.actor_id in members(enrolment.session.course.organisation_id)
    drop_out = (
        EnrolmentTransition.objects.filter(to_state=Status.DROPPED_OUT).select_related("subject").first()
    )
    assert drop_out.reason.startswith(str(DropOutReason(drop_out.subject.drop_out_reason).label))


# Attendance --------------------------------------------------------------------------------------


def test_the_roll_is_taken_in_running_cohorts_and_each_organisations_last_finished_one():
    sessions = Session.objects.filter(course__organisation__in=demo_organisations(), enrolments__isnull=False)
    # The roll is taken up to yesterday: none yet in a session that starts today.
    running = set(sessions.filter(start_date__lt=TODAY, end_date__gte=TODAY).distinct())
    last_finished = {}
    for session in sessions.filter(end_date__lt=TODAY).distinct().select_related("course"):
        known = last_finished.get(session.course.organisation_id)
        if known is None or (session.end_date, session.pk) > (known.end_date, known.pk):
            last_finished[session.course.organisation_id] = session

    marked = set(Session.objects.filter(enrolments__attendances__isnull=False).distinct())

    assert marked == running | set(last_finished.values())


def test_half_days_are_marked_on_open_class_days_while_the_learner_is_on_the_roll():
    rows = Attendance.objects.select_related("enrolment__session__course")
    statuses = Counter()

    for row in rows.iterator(chunk_size=5000):
        enrolment, session = row.enrolment, row.enrolment.session
        assert session.start_date <= row.day <= classroom_end(session) and row.day < TODAY
        assert is_open(row.day)
        assert timezone.localdate(enrolment.enrolled_at) <= row.day
        assert enrolment.status != Status.DROPPED_OUT or row.day <= enrolment.dropped_out_on
        statuses[row.status] += 1

    assert set(statuses) == set(AttendanceStatus.values)
    assert 0.88 < statuses[AttendanceStatus.PRESENT] / statuses.total() < 0.95
    assert 0.01 < statuses[AttendanceStatus.LATE] / statuses.total() < 0.06
    # Morning and afternoon of every day marked.
    halves = Counter(Attendance.objects.values_list("enrolment", "day"))
    assert set(halves.values()) == {2}


# Internships -------------------------------------------------------------------------------------


def test_internships_have_valid_companies_and_fill_the_end_of_the_session():
    internships = Internship.objects.select_related("enrolment__session__course")

    for internship in internships:
        session = internship.enrolment.session
        assert siret_is_valid(internship.siret)
        assert internship.tutor_name and internship.tutor_email.endswith(".demo.gen.example.org")
        assert session.start_date <= internship.starts_on < internship.ends_on == session.end_date
        assert internship.created_at <= internship.updated_at <= NOW
    assert set(internships.values_list("agreement_status", flat=True)) == set(AgreementStatus.values)
    current = Counter(
        internships.exclude(agreement_status=AgreementStatus.CANCELLED).values_list("enrolment", flat=True)
    )
    assert set(current.values()) == {1}
    replaced = internships.filter(
        agreement_status=AgreementStatus.CANCELLED, enrolment__status=Status.COMPLETED
    )
    assert replaced.exists()


def test_agreements_walk_their_workflow_up_to_now():
    history = defaultdict(list)
    for subject, source, target, moment in InternshipTransition.objects.order_by("at", "pk").values_list(
        "subject", "from_state", "to_state", "at"
    ):
        history[subject].append((source, target, moment))

    for pk, status, created_at in Internship.objects.values_list("pk", "agreement_status", "created_at"):
        steps = history[pk]
        assert steps[0][:2] == ("", AgreementStatus.DRAFT) and steps[0][2] == created_at
        for (_, target, _), (source, _, _) in itertools.pairwise(steps):
            assert target == source
        for source, target, moment in steps[1:]:
            assert source in INTERNSHIP_WORKFLOW.transitions[target] and moment <= NOW
        assert steps[-1][1] == status


def test_learners_who_completed_had_a_signed_internship_a_third_hired_those_who_left_had_theirs_cancelled():
    completed = Enrolment.objects.filter(status=Status.COMPLETED)
    signed = Internship.objects.filter(agreement_status=AgreementStatus.SIGNED)

    assert set(signed.filter(enrolment__in=completed).values_list("enrolment", flat=True)) == set(
        completed.values_list("pk", flat=True)
    )
    hired = Counter(signed.filter(enrolment__in=completed).values_list("hired_afterwards", flat=True))
    assert set(hired) == {True, False}
    assert 0.25 < hired[True] / hired.total() < 0.45
    assert not signed.exclude(enrolment__in=completed).filter(hired_afterwards__isnull=False).exists()
    assert not Internship.objects.filter(enrolment__status=Status.DROPPED_OUT).exclude(
        agreement_status=AgreementStatus.CANCELLED
    )


def test_running_cohorts_whose_internship_alert_is_on_have_learners_still_without_one():
    running = Session.objects.filter(
        course__organisation__in=demo_organisations(), start_date__lte=TODAY, end_date__gte=TODAY
    ).select_related("course")

    without = {session: learners_without_internship(session, TODAY).count() for session in running}

    assert any(without.values())
    assert sum(without.values()) < 0.2 * Enrolment.objects.filter(session__in=running).count()


# Surveys and outcomes ----------------------------------------------------------------------------


def test_every_learner_who_left_has_a_survey_per_milestone_due_when_their_exit_says():
    surveys = defaultdict(dict)
    for survey in Survey.objects.all():
        surveys[survey.enrolment_id][survey.milestone] = survey.due_on

    for enrolment in Enrolment.objects.all():
        assert surveys.get(enrolment.pk, {}) == dict(milestones_of(enrolment))


def test_surveys_were_sent_reminded_and_answered_as_the_daily_run_would_have():
    for survey in Survey.objects.filter(sent_at__isnull=False):
        assert survey.due_on <= timezone.localdate(survey.sent_at) <= TODAY and survey.sent_at <= NOW
        assert survey.token_hash and survey.expires_at == survey.sent_at + LINK_VALIDITY
        if survey.reminded_at is not None:
            assert survey.reminded_at == survey.sent_at + REMINDER_AFTER <= NOW
            assert survey.reminder_token_hash and survey.reminder_token_hash != survey.token_hash
        if survey.answered_at is not None:
            assert survey.sent_at < survey.answered_at <= min(survey.expires_at, NOW)
    assert not Survey.objects.filter(sent_at__isnull=True, due_on__gt=TODAY).exclude(token_hash="").exists()
    assert not Survey.objects.filter(sent_at__isnull=False, due_on__gt=TODAY).exists()


def test_every_survey_status_is_there():
    statuses = Counter(survey_status(survey, NOW) for survey in Survey.objects.all())

    assert set(statuses) == set(SurveyStatus.values)


def test_the_daily_run_has_nothing_left_to_plan_send_or_remind():
    assert not surveys_to_send(TODAY).exists()
    assert not surveys_to_remind(NOW).exists()
    assert surveys_schedule(now=NOW) == 0


def test_one_current_outcome_per_learner_and_milestone_the_latest_recorded():
    by_milestone = defaultdict(list)
    for outcome in Outcome.objects.order_by("recorded_at", "pk"):
        by_milestone[outcome.enrolment_id, outcome.milestone].append(outcome)

    for outcomes in by_milestone.values():
        assert [outcome.is_current for outcome in outcomes] == [False] * (len(outcomes) - 1) + [True]
    twice = [outcomes for outcomes in by_milestone.values() if len(outcomes) == 2]
    assert twice
    for older, newer in twice:
        assert older.source == OutcomeSource.LEARNER_SURVEY and newer.source == OutcomeSource.LEARNER_PHONE


def test_outcomes_come_from_answers_or_from_the_organisation_with_its_source():
    outcomes = Outcome.objects.select_related("survey", "enrolment__session__course")

    for outcome in outcomes:
        assert outcome.recorded_at <= NOW
        due = dict(milestones_of(outcome.enrolment))[outcome.milestone]
        assert due <= timezone.localdate(outcome.recorded_at)
        if outcome.source == OutcomeSource.LEARNER_SURVEY:
            assert outcome.survey.milestone == outcome.milestone
            assert outcome.recorded_at == outcome.survey.answered_at and outcome.recorded_by is None
        else:
            assert outcome.survey is None
            assert outcome.recorded_by_id in members(outcome.enrolment.session.course.organisation_id)
        if outcome.situation not in JOB_DETAIL_SITUATIONS:
            assert (outcome.started_on, outcome.employer, outcome.job_title, outcome.job) == (
                None,
                "",
                "",
                None,
            )
    assert set(outcomes.values_list("source", flat=True)) == set(OutcomeSource.values)
    assert set(outcomes.values_list("situation", flat=True)) == {
        situation.value for situation in SituationCode
    }
    assert not outcomes.filter(source=OutcomeSource.OTHER, source_note="").exists()
    assert outcomes.filter(situation__in=JOB_DETAIL_SITUATIONS, job__isnull=False).exists()
    assert set(
        outcomes.filter(situation=SituationCode.INTERIM).values_list("interim_six_months_or_more", flat=True)
    ) == {True, False}
    answered = Survey.objects.filter(answered_at__isnull=False)
    assert answered.count() == outcomes.filter(source=OutcomeSource.LEARNER_SURVEY).count()


def test_interns_hired_by_their_host_say_so_at_the_end_of_the_course():
    hired = Internship.objects.filter(hired_afterwards=True)
    answers = Outcome.objects.filter(
        enrolment__internships__in=hired, milestone="end", source=OutcomeSource.LEARNER_SURVEY
    ).prefetch_related("enrolment__internships")

    assert answers.exists()
    for outcome in answers:
        host = next(
            internship for internship in outcome.enrolment.internships.all() if internship.hired_afterwards
        )
        assert outcome.situation in JOB_DETAIL_SITUATIONS
        assert outcome.employer in ("", host.company_name)


# Figures and named accounts ----------------------------------------------------------------------


def test_figures_are_near_the_seeds():
    figures = follow_up_figures(TODAY)

    assert figures.learners == Enrolment.objects.count()
    assert 0.78 < figures.completion_rate < 0.9
    assert 0.88 < figures.present_share < 0.95
    assert 0.5 < figures.response_rates["month_6"] < 0.82
    # Fewer answer a year on; only some thirty 12-month surveys have closed in a small demo, hence the
    # comparison with the end of the course, the best-answered survey.
    assert figures.response_rates["month_12"] < figures.response_rates["end"]
    # A small demo knows the situation of some 130 learners at 6 months: the bounds are loose.
    assert figures.respondents_6_months > 100
    assert 0.6 < figures.employment_6_months < 0.8
    assert 0.4 < figures.durable_6_months < 0.62
    assert 0.02 < figures.business_creation_6_months < 0.1
    assert 0.03 < figures.further_training_6_months < 0.14
    assert figures.left_for_a_job_employed_6_months > 0.7
    assert len(figures.lines()) == 4


def test_the_demo_organisation_has_a_running_cohort_on_the_roll_with_a_learner_still_without_internship():
    admin = user("admin.pop")

    board = cohorts_board(admin, TODAY)

    running = [line for line in board.running if line.attendance_rate is not None]
    assert running
    alerted = next(line for line in running if line.without_internship)
    learners = learners_without_internship(alerted.session, TODAY)
    assert learners.filter(internships__isnull=True).exists()
    assert board.finished


def test_the_demo_organisation_has_finished_cohorts_whose_learners_are_followed_up():
    admin = user("admin.pop")

    sessions = sessions_followed_by(admin).filter(end_date__lt=TODAY, surveys_answered__gt=0)

    assert sessions.exists()
    assert (
        Outcome.objects.filter(enrolment__session__in=sessions, is_current=True).aggregate(count=Count("pk"))[
            "count"
        ]
        > 10
    )


def test_the_same_seed_gives_the_same_follow_up():
    rows = list(follow_up_rows())

    demo_seed(scale=SMALL, today=TODAY, reset=True)

    assert list(follow_up_rows()) == rows


def test_reset_removes_the_demo_follow_up_only():
    real = InternshipFactory()

    demo_clear()

    assert list(Internship.objects.all()) == [real]
    assert not Survey.objects.exists() and not Outcome.objects.exists()
    assert not Attendance.objects.exists() and not InternshipTransition.objects.exists()
    assert not EnrolmentTransition.objects.exists()
