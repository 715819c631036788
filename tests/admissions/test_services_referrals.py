"""A prescriber applying for a person, with their consent: gen.admissions.services.referrals."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Application, Candidate, DiplomaLevel, Gender, HeardFrom
from gen.admissions.services.candidates import activation_token, candidate_signup
from gen.admissions.services.referrals import referral_create
from gen.notifications.models import OutboxMessage
from gen.organisations.models import Organisation
from gen.territories.models import Commune
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    MembershipFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MOTIVATION = "Elle veut devenir développeuse web : elle a déjà fait le site de son association. " * 3


@pytest.fixture
def structure():
    return MembershipFactory(
        role=Role.PRESCRIBER,
        organisation__kind=Organisation.Kind.PRESCRIBER,
        organisation__name="Mission locale de Lens",
    )


def profile() -> dict:
    return {
        "birth_date": datetime.date(2003, 4, 2),
        "gender": Gender.WOMAN,
        "diploma_level": DiplomaLevel.NONE,
        "is_job_seeker": True,
        "commune": Commune.objects.get(insee_code="62498"),  # Lens
        "lives_in_qpv_or_zrr": True,
        "is_scholarship_holder": False,
        "heard_from": HeardFrom.MISSION_LOCALE,
    }


def refer(membership, session, **overrides) -> Application:
    arguments = {
        "acting_user": membership.user,
        "organisation": membership.organisation,
        "session": session,
        "email": "ines.haddad@example.org",
        "first_name": "Inès",
        "last_name": "Haddad",
        "consent": True,
        "motivation": MOTIVATION,
        "availability": "Dès le mois prochain, à temps plein.",
        "profile": profile(),
    }
    return referral_create(**{**arguments, **overrides})


def nothing_created() -> bool:
    return (
        not Application.objects.exists()
        and not User.objects.filter(email="ines.haddad@example.org").exists()
        and not OutboxMessage.objects.exists()
    )


def test_a_new_person_gets_an_inactive_account_their_profile_and_an_activation_link(structure):
    session = SessionFactory()

    application = refer(structure, session, email="  Ines.Haddad@Example.org ")

    user = application.candidate.user
    assert (user.email, user.first_name, user.last_name) == ("ines.haddad@example.org", "Inès", "Haddad")
    assert not user.is_active
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.CANDIDATE).exists()
    candidate = Candidate.objects.get(user=user)
    assert {name: getattr(candidate, name) for name in profile()} == profile()
    assert application.session == session
    assert application.state == Application.State.RECEIVED
    assert application.referrer == structure.user
    assert application.referrer_organisation == structure.organisation
    assert application.referral_consent_at is not None
    assert application.transitions.get().actor == structure.user
    referred = OutboxMessage.objects.get(kind="admissions.referred")
    assert referred.to == "ines.haddad@example.org"
    uid, token = re.search(r"/candidat/activer/([^/]+)/([^/]+)/", referred.body).groups()
    assert activation_token.check_token(user, token)
    assert OutboxMessage.objects.get(kind="admissions.received").to == "ines.haddad@example.org"
    assert OutboxMessage.objects.get(kind="admissions.referral_news").to == structure.user.email


def test_a_registered_candidate_keeps_their_own_profile_and_name(structure):
    candidate = CandidateFactory(
        user__email="ines.haddad@example.org", user__first_name="Inès", user__last_name="Martin"
    )
    before = Candidate.objects.values().get(pk=candidate.pk)

    application = refer(structure, SessionFactory(), first_name="Autre", last_name="Nom")

    assert application.candidate == candidate
    assert Candidate.objects.values().get(pk=candidate.pk) == before
    candidate.user.refresh_from_db()
    assert (candidate.user.first_name, candidate.user.last_name, candidate.user.is_active) == (
        "Inès",
        "Martin",
        True,
    )
    referred = OutboxMessage.objects.get(kind="admissions.referred")
    assert "/candidat/activer/" not in referred.body


def test_a_person_who_signed_up_without_a_profile_gets_the_answers_given_together(structure):
    user = candidate_signup(email="ines.haddad@example.org", first_name="Inès", last_name="H")

    application = refer(structure, SessionFactory())

    assert application.candidate.user == user
    assert application.candidate.diploma_level == DiplomaLevel.NONE
    user.refresh_from_db()
    assert not user.has_usable_password()  # chosen by its owner on activation


def test_without_the_person_s_consent_nothing_is_created(structure):
    with pytest.raises(ValidationError) as error:
        refer(structure, SessionFactory(), consent=False)

    assert error.value.message_dict == {
        "consent": ["La personne doit donner son accord avant que vous candidatiez pour elle."]
    }
    assert nothing_created()


@pytest.mark.parametrize("role", [Role.ORGANISATION, None])
def test_only_a_prescriber_of_the_structure_refers_for_it(structure, role):
    someone = UserFactory()
    if role:
        MembershipFactory(user=someone, role=role, organisation=structure.organisation)
    MembershipFactory(user=someone, role=Role.PRESCRIBER)  # a prescriber, of another structure

    with pytest.raises(ValidationError, match="Vous n'orientez pas de candidats pour cette structure"):
        refer(structure, SessionFactory(), acting_user=someone)

    assert nothing_created()


def test_the_address_of_an_account_that_is_not_a_candidate_s_is_refused(structure):
    staff = MembershipFactory(role=Role.ORGANISATION, user__email="ines.haddad@example.org").user

    with pytest.raises(ValidationError) as error:
        refer(structure, SessionFactory())

    assert list(error.value.message_dict) == ["email"]
    assert not Candidate.objects.filter(user=staff).exists()
    assert not Application.objects.exists()


def test_a_closed_session_is_refused_and_the_new_account_is_not_kept(structure):
    today = timezone.localdate()
    closed = SessionFactory(
        application_opens_on=today - datetime.timedelta(days=30),
        application_closes_on=today - datetime.timedelta(days=1),
    )

    with pytest.raises(ValidationError, match="Les candidatures à cette session sont closes"):
        refer(structure, closed)

    assert nothing_created()
    assert not Candidate.objects.exists()


def test_a_person_who_already_applied_is_not_applied_for_twice(structure):
    existing = ApplicationFactory(candidate__user__email="ines.haddad@example.org")
    messages_before = OutboxMessage.objects.count()

    with pytest.raises(ValidationError, match="Cette personne a déjà candidaté à cette session"):
        refer(structure, existing.session)

    assert Application.objects.get() == existing
    assert existing.referrer is None
    assert OutboxMessage.objects.count() == messages_before


def test_a_too_short_motivation_or_an_invalid_profile_creates_nothing(structure):
    with pytest.raises(ValidationError) as error:
        refer(structure, SessionFactory(), motivation="Trop court.")
    assert list(error.value.message_dict) == ["motivation"]

    with pytest.raises(ValidationError) as error:
        refer(structure, SessionFactory(), profile={**profile(), "gender": "unknown"})
    assert list(error.value.message_dict) == ["gender"]

    assert nothing_created()
