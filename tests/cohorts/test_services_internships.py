"""Recording an internship: the host company's SIRET, coherent dates, one current internship, the
agreement moving through its states (logged), and the hiring only after a signed agreement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.cohorts.models import AgreementStatus, DropOutReason, Internship
from gen.cohorts.schedule import classroom_end
from gen.cohorts.services.enrolments import enrolment_drop_out
from gen.cohorts.services.internships import internship_save
from tests.cohorts.conftest import enrol
from tests.factories import make_siret

pytestmark = pytest.mark.django_db
Agreement = AgreementStatus
SIRET = make_siret(4242)


@pytest.fixture
def learner(session):
    return enrol(session, "Inès", "Dupont")


def details(session, **changes) -> dict:
    start = classroom_end(session) + datetime.timedelta(days=1)
    return {
        "company_name": "Agence Web du Bassin Minier",
        "siret": SIRET,
        "tutor_name": "Claire Lefebvre",
        "tutor_email": "claire.lefebvre@example.org",
        "starts_on": start,
        "ends_on": session.end_date,
        **changes,
    }


def save(learner, member, internship=None, **changes) -> Internship:
    return internship_save(
        enrolment=learner, internship=internship, acting_user=member, **details(learner.session, **changes)
    )


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_records_an_internship_being_prepared_and_logs_it(learner, member):
    internship = save(learner, member, siret="732 829 320 00074", job_title="Développeuse web")
    internship.refresh_from_db()
    assert (
        internship.enrolment,
        internship.siret,
        internship.agreement_status,
        internship.hired_afterwards,
    ) == (
        learner,
        "73282932000074",
        Agreement.DRAFT,
        None,
    )
    log = internship.transitions.get()
    assert (log.from_state, log.to_state, log.actor) == ("", Agreement.DRAFT, member)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("7328293200007", "Un numéro SIRET compte exactement 14 chiffres."),
        ("73282932000075", "Ce numéro SIRET n’est pas valide (sa clé de contrôle est fausse)."),
    ],
)
def test_a_wrong_siret_is_refused_in_french(learner, member, siret, message):
    assert errors_of(lambda: save(learner, member, siret=siret)) == {"siret": [message]}
    assert not Internship.objects.exists()


def test_dates_end_after_start_and_not_before_the_session(session, learner, member):
    start = session.start_date + datetime.timedelta(days=100)
    assert list(errors_of(lambda: save(learner, member, starts_on=start, ends_on=start))) == ["ends_on"]
    early = session.start_date - datetime.timedelta(days=1)
    assert list(errors_of(lambda: save(learner, member, starts_on=early))) == ["starts_on"]
    assert not Internship.objects.exists()


def test_the_agreement_moves_through_its_states_and_each_change_is_logged(learner, member):
    internship = save(learner, member)
    internship = save(
        learner, member, internship, agreement_status=Agreement.SENT, tutor_phone="03 21 00 00 00"
    )
    internship.refresh_from_db()
    assert (internship.agreement_status, internship.tutor_phone) == (Agreement.SENT, "03 21 00 00 00")
    internship = save(learner, member, internship, agreement_status=Agreement.SIGNED, hired_afterwards=True)
    internship.refresh_from_db()
    assert (internship.agreement_status, internship.hired_afterwards) == (Agreement.SIGNED, True)
    assert [(t.from_state, t.to_state) for t in internship.transitions.all()] == [
        ("", Agreement.DRAFT),
        (Agreement.DRAFT, Agreement.SENT),
        (Agreement.SENT, Agreement.SIGNED),
    ]


def test_a_signed_agreement_does_not_go_back_to_draft(learner, member):
    internship = save(learner, member, agreement_status=Agreement.SIGNED)
    with pytest.raises(ValidationError):
        save(learner, member, internship, agreement_status=Agreement.DRAFT, company_name="Autre")
    internship.refresh_from_db()
    assert (internship.agreement_status, internship.company_name) == (
        Agreement.SIGNED,
        "Agence Web du Bassin Minier",
    )


@pytest.mark.parametrize("status", [Agreement.DRAFT, Agreement.SENT])
def test_only_a_signed_agreement_leads_to_a_hiring(learner, member, status):
    assert list(
        errors_of(lambda: save(learner, member, agreement_status=status, hired_afterwards=False))
    ) == ["hired_afterwards"]


def test_cancelling_a_signed_internship_needs_the_hiring_unknown(learner, member):
    internship = save(learner, member, agreement_status=Agreement.SIGNED, hired_afterwards=True)
    assert list(
        errors_of(
            lambda: save(
                learner, member, internship, agreement_status=Agreement.CANCELLED, hired_afterwards=True
            )
        )
    ) == ["hired_afterwards"]
    save(learner, member, internship, agreement_status=Agreement.CANCELLED)
    internship.refresh_from_db()
    assert (internship.agreement_status, internship.hired_afterwards) == (Agreement.CANCELLED, None)


def test_one_current_internship_then_another_once_cancelled(learner, member):
    first = save(learner, member)
    with pytest.raises(ValidationError) as error:
        save(learner, member, company_name="Deuxième")
    assert error.value.messages == [
        "Cette personne a déjà un stage : modifiez-le, ou annulez-le pour en enregistrer un autre."
    ]
    save(learner, member, first, agreement_status=Agreement.CANCELLED)
    save(learner, member, company_name="Deuxième")
    assert list(learner.internships.values_list("company_name", "agreement_status")) == [
        ("Agence Web du Bassin Minier", Agreement.CANCELLED),
        ("Deuxième", Agreement.DRAFT),
    ]


def test_a_cancelled_internship_no_longer_changes(learner, member):
    internship = save(learner, member)
    save(learner, member, internship, agreement_status=Agreement.CANCELLED)
    with pytest.raises(ValidationError):
        save(learner, member, internship, agreement_status=Agreement.CANCELLED, company_name="Autre")
    internship.refresh_from_db()
    assert internship.company_name == "Agence Web du Bassin Minier"


def test_a_new_internship_cannot_start_cancelled(learner, member):
    assert list(errors_of(lambda: save(learner, member, agreement_status=Agreement.CANCELLED))) == [
        "agreement_status"
    ]


def test_after_leaving_the_internship_can_only_be_cancelled(learner, member):
    internship = save(learner, member, agreement_status=Agreement.SENT)
    enrolment_drop_out(
        enrolment=learner, on=timezone.localdate(), reason=DropOutReason.JOB, acting_user=member
    )
    with pytest.raises(ValidationError):
        save(learner, member, internship, agreement_status=Agreement.SIGNED)
    with pytest.raises(ValidationError):
        save(learner, member, company_name="Nouvelle")
    save(learner, member, internship, agreement_status=Agreement.CANCELLED)
    assert list(learner.internships.values_list("agreement_status", flat=True)) == [Agreement.CANCELLED]


def test_another_learners_internship_cannot_be_changed_through_this_one(session, learner, member):
    other = save(enrol(session, "Alix", "Durand"), member)
    with pytest.raises(Internship.DoesNotExist):
        save(learner, member, other, company_name="Détournée")
    other.refresh_from_db()
    assert other.company_name == "Agence Web du Bassin Minier"
