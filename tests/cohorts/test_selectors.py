"""The cohort's reads: attendance rates computed in SQL, who is on the roll, who still has no signed
internship as the classroom part ends, and an organisation's cohorts."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.permissions import access_of
from gen.cohorts.models import AgreementStatus, Attendance, AttendanceStatus, DropOutReason, Enrolment, Half
from gen.cohorts.selectors import (
    attendance_annotations,
    cohort_learners,
    cohorts_board,
    internship_alert_is_on,
    learners_without_internship,
    roll_of,
)
from gen.cohorts.services.enrolments import enrolment_complete, enrolment_drop_out
from tests.cohorts.conftest import enrol, running_session
from tests.factories import InternshipFactory, SessionFactory

pytestmark = pytest.mark.django_db
P, L, E, U = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.UNEXCUSED,
)
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate


def mark(enrolment, statuses: list[int]) -> None:
    """One status per half-day from the session's first day, morning then afternoon."""
    start = enrolment.session.start_date
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment, day=start + index // 2 * DAY, half=Half.MORNING + index % 2, status=status
        )
        for index, status in enumerate(statuses)
    )


class TestAttendanceRates:
    def test_attended_is_present_or_late_over_the_half_days_marked(self, session):
        alix, ines, noe = enrol(session, "Alix"), enrol(session, "Inès"), enrol(session, "Noé")
        mark(alix, [P, P, L, U])  # 3 of 4
        mark(ines, [E, U, P, P, P, P, P, P])  # 6 of 8
        rows = {learner.pk: learner for learner in cohort_learners(session)}
        assert (rows[alix.pk].half_days_marked, rows[alix.pk].half_days_attended) == (4, 3)
        assert rows[alix.pk].attendance_rate == 75.0
        assert (
            rows[ines.pk].half_days_excused,
            rows[ines.pk].half_days_unexcused,
            rows[ines.pk].half_days_late,
        ) == (
            1,
            1,
            0,
        )
        assert rows[ines.pk].attendance_rate == 75.0
        assert (rows[noe.pk].half_days_marked, rows[noe.pk].attendance_rate) == (0, None)  # not "0 %"

    def test_for_one_learner_in_one_aggregate(self, session):
        learner = enrol(session)
        mark(learner, [P, L, E])
        counts = learner.attendances.aggregate(**attendance_annotations(""))
        assert counts["half_days_marked"] == 3 and counts["half_days_attended"] == 2
        assert counts["attendance_rate"] == pytest.approx(200 / 3)

    def test_learners_come_by_name_with_their_current_internship(self, session):
        zoe, alix = enrol(session, "Zoé", "Bernard"), enrol(session, "Alix", "Aubert")
        InternshipFactory(enrolment=zoe, agreement_status=AgreementStatus.CANCELLED, company_name="Annulée")
        InternshipFactory(enrolment=zoe, company_name="Actuelle")
        learners = cohort_learners(session)
        assert learners == [alix, zoe]
        assert [[i.company_name for i in learner.current_internships] for learner in learners] == [
            [],
            ["Actuelle"],
        ]


def test_the_roll_keeps_those_who_left_or_completed_until_their_day(session, member):
    staying, leaving, done = enrol(session, "Alix"), enrol(session, "Inès"), enrol(session, "Noé")
    enrolment_drop_out(
        enrolment=leaving, on=TODAY() - 5 * DAY, reason=DropOutReason.HEALTH, acting_user=member
    )
    enrolment_complete(enrolment=done, on=TODAY() - 2 * DAY, certification_obtained=None, acting_user=member)
    assert set(roll_of(session, TODAY() - 5 * DAY)) == {staying, leaving, done}
    assert set(roll_of(session, TODAY() - 4 * DAY)) == {staying, done}
    assert set(roll_of(session, TODAY() - DAY)) == {staying}
    assert not roll_of(running_session(), TODAY()).exists()


class TestWithoutInternship:
    ALERT_FROM_DAY = 98  # 18 weeks of classes minus the 4 weeks of the setting

    @pytest.mark.parametrize(
        ("started_days_ago", "on"),
        [(ALERT_FROM_DAY - 1, False), (ALERT_FROM_DAY, True), (182, True), (183, False), (-10, False)],
    )
    def test_from_four_weeks_before_the_classroom_end_to_the_sessions_end(self, started_days_ago, on):
        session = running_session(started_days_ago)
        learner = enrol(session)
        assert internship_alert_is_on(session, TODAY()) is on
        assert list(learners_without_internship(session, TODAY())) == ([learner] if on else [])

    def test_the_weeks_come_from_the_setting(self, settings):
        session = running_session(self.ALERT_FROM_DAY - 1)
        settings.COHORTS_INTERNSHIP_ALERT_WEEKS = 5
        assert internship_alert_is_on(session, TODAY())

    def test_only_learners_still_in_training_without_a_signed_agreement(self, member):
        session = running_session(self.ALERT_FROM_DAY + 7)
        nothing, draft, sent, signed, left = (enrol(session, name) for name in ("A", "B", "C", "D", "E"))
        InternshipFactory(enrolment=draft)
        InternshipFactory(enrolment=sent, agreement_status=AgreementStatus.SENT)
        InternshipFactory(enrolment=signed, agreement_status=AgreementStatus.SIGNED)
        enrolment_drop_out(enrolment=left, on=TODAY(), reason=DropOutReason.JOB, acting_user=member)
        assert set(learners_without_internship(session, TODAY())) == {nothing, draft, sent}

    def test_no_alert_for_a_course_without_internship(self):
        session = SessionFactory(
            start_date=TODAY() - 150 * DAY, end_date=TODAY() + 10 * DAY, course__hours_in_company=0
        )
        enrol(session)
        assert not internship_alert_is_on(session, TODAY())
        assert not learners_without_internship(session, TODAY()).exists()


class TestBoard:
    def test_running_upcoming_and_finished_cohorts_with_their_figures(self, member, session):
        late = running_session(TestWithoutInternship.ALERT_FROM_DAY + 1, course=session.course, name="Hiver")
        upcoming = running_session(-20, course=session.course, name="Automne")
        finished = running_session(400, course=session.course, name="Ancienne")
        running_session(10, course=session.course, name="Sans apprenant")
        someone_elses = running_session()
        alix, ines = enrol(session, "Alix"), enrol(session, "Inès")
        mark(alix, [P, U])
        mark(ines, [P, P, P, L])  # 5 attended of 6
        enrolment_drop_out(enrolment=ines, on=TODAY(), reason=DropOutReason.MONEY, acting_user=member)
        signed, waiting = enrol(late, "Noé"), enrol(late, "Sacha")
        InternshipFactory(enrolment=signed, agreement_status=AgreementStatus.SIGNED)
        enrol(upcoming)
        Enrolment.objects.filter(pk=enrol(finished).pk).update(
            status="completed", completed_on=finished.end_date
        )
        enrol(someone_elses)

        board = cohorts_board(member, TODAY())

        assert [line.session for line in board.running] == [late, session]
        assert [line.session for line in board.upcoming] == [upcoming]
        assert [line.session for line in board.finished] == [finished]
        spring = board.running[1]
        assert (spring.enrolled, spring.dropped_out, spring.completed) == (1, 1, 0)
        assert spring.attendance_rate == pytest.approx(500 / 6)
        assert spring.without_internship is None  # not yet
        assert board.running[0].without_internship == 1
        assert board.finished[0].completed == 1 and board.finished[0].attendance_rate is None
        assert waiting.session == late

    def test_another_organisation_sees_none_of_them(self, session, outsider):
        enrol(session)
        board = cohorts_board(outsider, TODAY())
        assert (board.running, board.upcoming, board.finished) == ([], [], [])

    @pytest.mark.parametrize("sessions", [1, 5])
    def test_three_queries_whatever_the_number_of_cohorts(
        self, member, session, sessions, django_assert_num_queries
    ):
        for index in range(sessions):
            cohort = running_session(100 + index, course=session.course)
            mark(enrol(cohort), [P, U])
        access_of(member)  # the roles, read once per request, are not the board's
        with django_assert_num_queries(3):
            cohorts_board(member, TODAY())
