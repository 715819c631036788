"""What the database holds whatever the code does: one attendance row per learner and half-day, known
statuses, coherent internships, and enrolments whose status has its date and reason."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from gen.cohorts.models import AgreementStatus, Attendance, AttendanceStatus, Enrolment, Half, Internship
from tests.cohorts.conftest import enrol
from tests.factories import InternshipFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 3, 1)


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def learner(session):
    return enrol(session)


def test_one_attendance_row_per_learner_day_and_half(learner):
    Attendance.objects.create(enrolment=learner, day=DAY, half=Half.MORNING, status=AttendanceStatus.PRESENT)
    assert refused(
        lambda: Attendance.objects.bulk_create(
            [Attendance(enrolment=learner, day=DAY, half=Half.MORNING, status=AttendanceStatus.LATE)]
        )
    )
    Attendance.objects.create(enrolment=learner, day=DAY, half=Half.AFTERNOON, status=AttendanceStatus.LATE)
    assert Attendance.objects.count() == 2


@pytest.mark.parametrize(("half", "status"), [(3, AttendanceStatus.PRESENT), (Half.MORNING, 9), (0, 0)])
def test_unknown_halves_and_statuses_are_refused(learner, half, status):
    assert refused(lambda: Attendance.objects.create(enrolment=learner, day=DAY, half=half, status=status))


def test_attendance_rows_go_with_their_enrolment(learner):
    Attendance.objects.create(enrolment=learner, day=DAY, half=Half.MORNING, status=AttendanceStatus.PRESENT)
    learner.delete()
    assert not Attendance.objects.exists()


def test_an_internship_ends_after_it_starts(learner):
    assert refused(lambda: InternshipFactory(enrolment=learner, starts_on=DAY, ends_on=DAY))


@pytest.mark.parametrize("siret", ["1234567890123", "1234567890123A", "123456789 0123"])
def test_an_internship_siret_has_fourteen_digits(learner, siret):
    assert refused(lambda: InternshipFactory(enrolment=learner, siret=siret))


def test_an_unknown_agreement_status_is_refused(learner):
    assert refused(lambda: InternshipFactory(enrolment=learner, agreement_status="lost"))


@pytest.mark.parametrize("status", [AgreementStatus.DRAFT, AgreementStatus.SENT, AgreementStatus.CANCELLED])
def test_only_a_signed_internship_leads_to_a_hiring(learner, status):
    assert refused(
        lambda: InternshipFactory(enrolment=learner, agreement_status=status, hired_afterwards=True)
    )
    assert refused(
        lambda: InternshipFactory(enrolment=learner, agreement_status=status, hired_afterwards=False)
    )
    InternshipFactory(enrolment=learner, agreement_status=AgreementStatus.SIGNED, hired_afterwards=False)


def test_one_current_internship_at_a_time_but_cancelled_ones_stay(learner):
    InternshipFactory(enrolment=learner, agreement_status=AgreementStatus.CANCELLED)
    InternshipFactory(enrolment=learner, agreement_status=AgreementStatus.CANCELLED)
    InternshipFactory(enrolment=learner, agreement_status=AgreementStatus.DRAFT)
    assert refused(lambda: InternshipFactory(enrolment=learner, agreement_status=AgreementStatus.SIGNED))
    assert Internship.objects.filter(enrolment=learner).count() == 3


def test_a_drop_out_has_its_date_and_reason(learner):
    Status = Enrolment.Status
    updates = Enrolment.objects.filter(pk=learner.pk)
    assert refused(lambda: updates.update(status=Status.DROPPED_OUT, dropped_out_on=DAY))
    assert refused(lambda: updates.update(status=Status.DROPPED_OUT, drop_out_reason="health"))
    assert refused(lambda: updates.update(status=Status.COMPLETED))
