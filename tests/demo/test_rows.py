import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Application
from gen.cohorts.models import Attendance, AttendanceStatus, Half
from gen.demo.admissions.rows import copy, insert
from gen.demo.labelling.dossiers import at
from tests.factories import ApplicationFactory, CandidateFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_insert_returns_the_keys_in_order_and_fills_the_fields_not_given_with_their_defaults():
    joined = at(datetime.date(2025, 3, 1), 9, 30)

    keys = insert(
        User,
        ("email", "first_name", "password", "date_joined"),
        [(f"person{number}@example.org", f"Personne {number}", "!", joined) for number in range(5)],
        batch_size=2,
        returning=True,
    )

    users = User.objects.in_bulk(keys)
    assert [users[key].email for key in keys] == [f"person{number}@example.org" for number in range(5)]
    user = users[keys[0]]
    assert (user.last_name, user.is_active, user.is_staff, user.last_login) == ("", True, False, None)
    assert user.date_joined == joined


def test_insert_keeps_the_dates_given_where_the_model_stamps_its_own():
    user = User.objects.create(email="camille@example.org")
    long_ago = at(datetime.date(2024, 1, 15), 8)

    assert (
        insert(
            Membership, ("user", "role", "created_at"), [(user.pk, Role.CANDIDATE, long_ago)], batch_size=10
        )
        == []
    )

    membership = Membership.objects.get(user=user)
    assert (membership.created_at, membership.is_admin, membership.organisation) == (long_ago, False, None)


def test_insert_stores_decimals_as_the_field_does():
    application = ApplicationFactory.build(candidate=CandidateFactory(), session=ApplicationFactory().session)
    made_at = timezone.now()

    (key,) = insert(
        Application,
        ("candidate", "session", "motivation", "availability", "score", "created_at", "updated_at"),
        [
            (
                application.candidate.pk,
                application.session.pk,
                "…",
                "Disponible",
                Decimal("14.5"),
                made_at,
                made_at,
            )
        ],
        batch_size=10,
        returning=True,
    )

    stored = Application.objects.get(pk=key)
    assert stored.score == Decimal("14.5")
    assert (stored.state, stored.rank, stored.refusal_reason) == (Application.State.RECEIVED, None, "")


def test_copy_writes_the_rows_as_insert_does_the_fields_not_given_with_their_defaults():
    user = User.objects.create(email="camille@example.org")
    long_ago = at(datetime.date(2024, 1, 15), 8)

    copy(Membership, ("user", "role", "created_at"), [(user.pk, Role.CANDIDATE, long_ago)], batch_size=10)

    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.created_at, membership.is_admin, membership.organisation) == (
        Role.CANDIDATE,
        long_ago,
        False,
        None,
    )


@pytest.mark.postgres
def test_copy_stores_dates_and_small_integers_on_postgresql():
    enrolment = EnrolmentFactory()
    day = datetime.date(2025, 3, 3)

    copy(
        Attendance,
        ("enrolment", "day", "half", "status"),
        [(enrolment.pk, day, Half.MORNING, AttendanceStatus.LATE), (enrolment.pk, day, 2, 1)],
        batch_size=10,
    )

    assert sorted(Attendance.objects.values_list("day", "half", "status")) == [
        (day, Half.MORNING, AttendanceStatus.LATE),
        (day, Half.AFTERNOON, AttendanceStatus.PRESENT),
    ]
