"""Leaving the course, completing it (and the certification), and undoing either within 30 days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.cohorts.models import DropOutReason, Enrolment
from gen.cohorts.services.enrolments import (
    UNDO_DAYS,
    enrolment_certification_record,
    enrolment_complete,
    enrolment_drop_out,
    enrolment_undo,
)
from tests.cohorts.conftest import enrol

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def learner(session):
    return enrol(session, "Inès", "Dupont")


@pytest.fixture
def certifying(session):
    session.course.rncp_code = "RNCP31114"
    session.course.save(update_fields=["rncp_code"])
    return session


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


class TestDropOut:
    def test_records_date_reason_comment_and_logs_who(self, learner, member):
        left_on = TODAY() - 3 * DAY
        enrolment_drop_out(
            enrolment=learner,
            on=left_on,
            reason=DropOutReason.JOB,
            comment=" CDI chez Orange ",
            acting_user=member,
        )
        learner.refresh_from_db()
        assert (
            learner.status,
            learner.dropped_out_on,
            learner.drop_out_reason,
            learner.drop_out_comment,
        ) == (
            Status.DROPPED_OUT,
            left_on,
            DropOutReason.JOB,
            "CDI chez Orange",
        )
        log = learner.transitions.get()
        assert (log.from_state, log.to_state, log.actor, log.reason) == (
            Status.ENROLLED,
            Status.DROPPED_OUT,
            member,
            "A trouvé un emploi – CDI chez Orange",
        )

    def test_not_in_the_future(self, learner, member):
        with pytest.raises(ValidationError) as error:
            enrolment_drop_out(
                enrolment=learner, on=TODAY() + DAY, reason=DropOutReason.HEALTH, acting_user=member
            )
        assert messages(error) == {"on": ["La date ne peut pas être dans le futur."]}
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED and not learner.transitions.exists()

    def test_not_before_enrolling(self, learner, member):
        with pytest.raises(ValidationError) as error:
            enrolment_drop_out(
                enrolment=learner,
                on=timezone.localdate(learner.enrolled_at) - DAY,
                reason=DropOutReason.HEALTH,
                acting_user=member,
            )
        assert list(messages(error)) == ["on"]

    def test_an_unknown_reason_is_refused(self, learner, member):
        with pytest.raises(ValidationError) as error:
            enrolment_drop_out(enrolment=learner, on=TODAY(), reason="bored", acting_user=member)
        assert messages(error) == {"reason": ["Choisissez le motif du départ."]}

    def test_other_reason_needs_a_comment(self, learner, member):
        with pytest.raises(ValidationError) as error:
            enrolment_drop_out(
                enrolment=learner, on=TODAY(), reason=DropOutReason.OTHER, comment=" ", acting_user=member
            )
        assert list(messages(error)) == ["comment"]
        enrolment_drop_out(
            enrolment=learner,
            on=TODAY(),
            reason=DropOutReason.OTHER,
            comment="Déménagement",
            acting_user=member,
        )

    def test_only_once(self, learner, member):
        enrolment_drop_out(enrolment=learner, on=TODAY(), reason=DropOutReason.HEALTH, acting_user=member)
        with pytest.raises(ValidationError):
            enrolment_drop_out(enrolment=learner, on=TODAY(), reason=DropOutReason.MONEY, acting_user=member)
        with pytest.raises(ValidationError):
            enrolment_complete(enrolment=learner, on=TODAY(), certification_obtained=None, acting_user=member)
        learner.refresh_from_db()
        assert (learner.status, learner.drop_out_reason) == (Status.DROPPED_OUT, DropOutReason.HEALTH)
        assert learner.transitions.count() == 1


class TestCompletion:
    def test_without_certification_for_a_course_without_rncp_code(self, learner, member):
        enrolment_complete(enrolment=learner, on=TODAY(), certification_obtained=None, acting_user=member)
        learner.refresh_from_db()
        assert (learner.status, learner.completed_on, learner.certification_obtained) == (
            Status.COMPLETED,
            TODAY(),
            None,
        )
        assert learner.transitions.get().to_state == Status.COMPLETED

    def test_a_certification_needs_an_rncp_code(self, learner, member):
        with pytest.raises(ValidationError) as error:
            enrolment_complete(enrolment=learner, on=TODAY(), certification_obtained=True, acting_user=member)
        assert list(messages(error)) == ["certification_obtained"]
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED

    def test_with_the_certification_then_its_result_later(self, certifying, learner, member):
        enrolment_complete(enrolment=learner, on=TODAY(), certification_obtained=None, acting_user=member)
        enrolment_certification_record(enrolment=learner, obtained=True, acting_user=member)
        learner.refresh_from_db()
        assert (learner.status, learner.certification_obtained) == (Status.COMPLETED, True)

    def test_the_result_only_after_completion(self, certifying, learner, member):
        with pytest.raises(ValidationError):
            enrolment_certification_record(enrolment=learner, obtained=True, acting_user=member)
        learner.refresh_from_db()
        assert learner.certification_obtained is None

    def test_not_before_the_session_starts_nor_in_the_future(self, session, learner, member):
        for on in (session.start_date - DAY, TODAY() + DAY):
            with pytest.raises(ValidationError) as error:
                enrolment_complete(enrolment=learner, on=on, certification_obtained=None, acting_user=member)
            assert list(messages(error)) == ["on"]
        learner.refresh_from_db()
        assert learner.status == Status.ENROLLED


class TestUndo:
    def test_a_drop_out_is_undone_and_its_details_cleared(self, learner, member):
        enrolment_drop_out(
            enrolment=learner, on=TODAY(), reason=DropOutReason.HEALTH, comment="Hôpital", acting_user=member
        )
        enrolment_undo(enrolment=learner, reason="Erreur de saisie", acting_user=member)
        learner.refresh_from_db()
        assert (
            learner.status,
            learner.dropped_out_on,
            learner.drop_out_reason,
            learner.drop_out_comment,
        ) == (
            Status.ENROLLED,
            None,
            "",
            "",
        )
        assert [(t.from_state, t.to_state, t.reason) for t in learner.transitions.all()] == [
            (Status.ENROLLED, Status.DROPPED_OUT, "Santé – Hôpital"),
            (Status.DROPPED_OUT, Status.ENROLLED, "Erreur de saisie"),
        ]

    def test_a_completion_is_undone(self, certifying, learner, member):
        enrolment_complete(enrolment=learner, on=TODAY(), certification_obtained=False, acting_user=member)
        enrolment_undo(enrolment=learner, reason="Pas encore fini", acting_user=member)
        learner.refresh_from_db()
        assert (learner.status, learner.completed_on, learner.certification_obtained) == (
            Status.ENROLLED,
            None,
            None,
        )

    def test_needs_a_reason(self, learner, member):
        enrolment_drop_out(enrolment=learner, on=TODAY(), reason=DropOutReason.HEALTH, acting_user=member)
        with pytest.raises(ValidationError) as error:
            enrolment_undo(enrolment=learner, reason="  ", acting_user=member)
        assert list(messages(error)) == ["reason"]

    def test_not_after_the_undo_period(self, learner, member):
        enrolment_drop_out(enrolment=learner, on=TODAY(), reason=DropOutReason.HEALTH, acting_user=member)
        learner.transitions.update(at=timezone.now() - datetime.timedelta(days=UNDO_DAYS + 1))
        with pytest.raises(ValidationError) as error:
            enrolment_undo(enrolment=learner, reason="Trop tard", acting_user=member)
        assert "30 jours" in error.value.messages[0]
        learner.refresh_from_db()
        assert learner.status == Status.DROPPED_OUT

    def test_the_last_day_of_the_period_still_counts(self, learner, member):
        enrolment_drop_out(enrolment=learner, on=TODAY(), reason=DropOutReason.HEALTH, acting_user=member)
        learner.transitions.update(at=timezone.now() - datetime.timedelta(days=UNDO_DAYS))
        enrolment_undo(enrolment=learner, reason="Juste à temps", acting_user=member)

    def test_without_log_the_recorded_date_counts(self, learner, member):
        """Rows written in bulk (demo data, imports) have no log."""
        Enrolment.objects.filter(pk=learner.pk).update(
            status=Status.DROPPED_OUT,
            dropped_out_on=TODAY() - (UNDO_DAYS + 1) * DAY,
            drop_out_reason="health",
        )
        with pytest.raises(ValidationError):
            enrolment_undo(enrolment=learner, reason="Trop tard", acting_user=member)

    def test_nothing_to_undo_for_an_enrolled_learner(self, learner, member):
        with pytest.raises(ValidationError):
            enrolment_undo(enrolment=learner, reason="Rien", acting_user=member)
        assert not learner.transitions.exists()
