"""Taking a half-day's roll for the whole cohort in one statement; marking it again updates it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.cohorts.models import Attendance, AttendanceStatus, DropOutReason, Half
from gen.cohorts.services.attendance import attendance_record_bulk
from gen.cohorts.services.enrolments import enrolment_drop_out
from tests.cohorts.conftest import enrol, running_session

pytestmark = pytest.mark.django_db
P, L, E, U = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.UNEXCUSED,
)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def learners(session):
    return [enrol(session, name, "Apprenant") for name in ("Alix", "Inès", "Sacha")]


@pytest.fixture
def yesterday():
    return timezone.localdate() - DAY


def rows() -> set[tuple]:
    return set(Attendance.objects.values_list("enrolment_id", "day", "half", "status"))


def test_records_every_learner_in_one_insert(session, learners, yesterday, django_assert_num_queries):
    alix, ines, sacha = learners
    # The roll's check, then one INSERT … ON CONFLICT for the whole cohort.
    with django_assert_num_queries(2):
        saved = attendance_record_bulk(
            session=session, day=yesterday, half=Half.MORNING, marks={alix.pk: P, ines.pk: L, sacha.pk: U}
        )
    assert saved == 3
    assert rows() == {
        (alix.pk, yesterday, Half.MORNING, P),
        (ines.pk, yesterday, Half.MORNING, L),
        (sacha.pk, yesterday, Half.MORNING, U),
    }


def test_marking_the_same_half_day_again_updates_without_duplicates(session, learners, yesterday):
    alix, ines, sacha = learners
    attendance_record_bulk(session=session, day=yesterday, half=Half.MORNING, marks={alix.pk: P, ines.pk: P})
    attendance_record_bulk(session=session, day=yesterday, half=Half.MORNING, marks={ines.pk: E, sacha.pk: U})
    attendance_record_bulk(session=session, day=yesterday, half=Half.AFTERNOON, marks={alix.pk: L})
    assert rows() == {
        (alix.pk, yesterday, Half.MORNING, P),
        (ines.pk, yesterday, Half.MORNING, E),
        (sacha.pk, yesterday, Half.MORNING, U),
        (alix.pk, yesterday, Half.AFTERNOON, L),
    }


@pytest.mark.parametrize("status", [0, 5, "present"])
def test_an_unknown_status_saves_nothing(session, learners, yesterday, status):
    alix, ines, _ = learners
    with pytest.raises(ValidationError):
        attendance_record_bulk(
            session=session, day=yesterday, half=Half.MORNING, marks={alix.pk: P, ines.pk: status}
        )
    assert not Attendance.objects.exists()


def test_an_unknown_half_is_refused(session, learners, yesterday):
    with pytest.raises(ValidationError) as error:
        attendance_record_bulk(session=session, day=yesterday, half=3, marks={learners[0].pk: P})
    assert list(error.value.message_dict) == ["half"]


def test_a_learner_of_another_session_is_refused(session, learners, yesterday):
    stranger = enrol(running_session(), "Léa", "Ailleurs")
    with pytest.raises(ValidationError):
        attendance_record_bulk(
            session=session, day=yesterday, half=Half.MORNING, marks={learners[0].pk: P, stranger.pk: P}
        )
    assert not Attendance.objects.exists()


def test_a_learner_who_left_is_on_the_roll_until_their_last_day(session, learners, member, yesterday):
    alix = learners[0]
    enrolment_drop_out(enrolment=alix, on=yesterday - DAY, reason=DropOutReason.HEALTH, acting_user=member)
    attendance_record_bulk(session=session, day=yesterday - DAY, half=Half.MORNING, marks={alix.pk: U})
    with pytest.raises(ValidationError):
        attendance_record_bulk(session=session, day=yesterday, half=Half.MORNING, marks={alix.pk: U})
    assert rows() == {(alix.pk, yesterday - DAY, Half.MORNING, U)}


def test_not_for_a_day_to_come_nor_outside_the_session(session, learners):
    marks = {learners[0].pk: P}
    for day in (timezone.localdate() + DAY, session.start_date - DAY):
        with pytest.raises(ValidationError) as error:
            attendance_record_bulk(session=session, day=day, half=Half.MORNING, marks=marks)
        assert list(error.value.message_dict) == ["day"]
    assert not Attendance.objects.exists()
