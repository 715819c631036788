"""The prescribers' pages: referring a person with their consent, and following only their own referrals."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role, User
from gen.admissions.models import Application, Candidate, DiplomaLevel, RefusalReason
from gen.admissions.services.applications import application_refuse, application_score, note_add
from gen.admissions.services.candidates import activation_token, candidate_signup
from gen.notifications.models import OutboxMessage
from gen.organisations.models import Organisation
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    CourseFactory,
    MembershipFactory,
    OfferFactory,
    SessionFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
LOGIN_URL = reverse("accounts:login")
MOTIVATION = (
    "Inès veut devenir développeuse web : elle a créé le site de l'association de son quartier et suit "
    "depuis un an des cours en ligne. Elle cherche une formation avec un vrai encadrement et un stage "
    "pour en faire son métier."
)


def prescriber_membership(name="Mission locale de Lens", **kwargs):
    return MembershipFactory(
        role=Role.PRESCRIBER,
        organisation__kind=Organisation.Kind.PRESCRIBER,
        organisation__name=name,
        **kwargs,
    )


@pytest.fixture
def membership():
    return prescriber_membership()


@pytest.fixture
def prescriber(membership, client):
    client.force_login(membership.user)
    return membership.user


def referral_of(membership, **kwargs) -> Application:
    """An application made by this prescriber for this structure."""
    return ApplicationFactory(
        referrer=membership.user,
        referrer_organisation=membership.organisation,
        referral_consent_at=timezone.now(),
        **kwargs,
    )


def answers(**overrides) -> dict:
    return {
        "email": "ines.haddad@example.org",
        "first_name": "Inès",
        "last_name": "Haddad",
        "birth_date": "2003-04-02",
        "gender": "woman",
        "diploma_level": "none",
        "is_job_seeker": "on",
        "commune": "Lens",
        "heard_from": "mission_locale",
        "motivation": MOTIVATION,
        "availability": "Dès le mois prochain, à temps plein.",
        "consent": "on",
        **overrides,
    }


def refer_url(session) -> str:
    return reverse("admissions:refer_person", kwargs={"session_pk": session.pk})


def nothing_created(users_before: int) -> bool:
    return (
        User.objects.count() == users_before
        and not Application.objects.exists()
        and not OutboxMessage.objects.exists()
    )


class TestReferring:
    def test_a_new_person_gets_an_inactive_account_and_an_activation_e_mail(
        self, client, prescriber, membership, django_capture_on_commit_callbacks
    ):
        session = SessionFactory(course__title="Développeur web et web mobile")

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(refer_url(session), answers())
        assert mail.outbox == []  # the request only wrote to the outbox; the worker sends
        run_queued_tasks()

        application = Application.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("admissions:referral", kwargs={"pk": application.pk})
        assert (application.referrer, application.referrer_organisation) == (
            prescriber,
            membership.organisation,
        )
        user = application.candidate.user
        assert user.email == "ines.haddad@example.org"
        assert not user.is_active
        assert application.candidate.diploma_level == DiplomaLevel.NONE
        assert application.candidate.commune.name == "Lens"
        referred = OutboxMessage.objects.get(kind="admissions.referred", sent_at__isnull=False)
        assert (referred.subject, ["ines.haddad@example.org"]) in [
            (sent.subject, sent.to) for sent in mail.outbox
        ]
        token = re.search(r"/candidat/activer/[^/]+/([^/]+)/", referred.body).group(1)
        assert activation_token.check_token(user, token)
        page = client.get(response.url).content.decode()
        assert "activer son compte" in page
        assert "Développeur web et web mobile" in page

    def test_an_existing_candidate_keeps_their_profile(self, client, prescriber):
        candidate = CandidateFactory(
            user__email="ines.haddad@example.org", diploma_level=DiplomaLevel.LEVEL_5
        )
        before = Candidate.objects.values().get(pk=candidate.pk)

        response = client.post(
            refer_url(SessionFactory()), answers(email="Ines.Haddad@example.org"), follow=True
        )

        assert Application.objects.get().candidate == candidate
        assert Candidate.objects.values().get(pk=candidate.pk) == before
        assert "son propre profil est conservé" in response.content.decode()

    def test_a_person_signed_up_without_a_profile_gets_the_answers_given_together(self, client, prescriber):
        user = candidate_signup(email="ines.haddad@example.org", first_name="Inès", last_name="H")

        response = client.post(refer_url(SessionFactory()), answers(), follow=True)

        assert Application.objects.get().candidate.user == user
        assert "avait déjà un compte, sans profil" in response.content.decode()

    def test_without_the_consent_nothing_is_created(self, client, prescriber):
        users_before = User.objects.count()

        response = client.post(refer_url(SessionFactory()), answers(consent=""))

        assert response.status_code == 200
        assert "Cochez cette case une fois que la personne a donné son accord" in response.content.decode()
        assert nothing_created(users_before)

    def test_a_closed_session_is_refused(self, client, prescriber):
        today = timezone.localdate()
        closed = SessionFactory(
            application_opens_on=today - datetime.timedelta(days=30),
            application_closes_on=today - datetime.timedelta(days=1),
        )
        users_before = User.objects.count()

        assert (
            "Les candidatures à cette session sont closes" in client.get(refer_url(closed)).content.decode()
        )
        response = client.post(refer_url(closed), answers())

        assert response.status_code == 200
        assert "Les candidatures à cette session sont closes" in response.content.decode()
        assert nothing_created(users_before)

    def test_a_person_who_already_applied_is_told(self, client, prescriber):
        existing = ApplicationFactory(candidate__user__email="ines.haddad@example.org")

        response = client.post(refer_url(existing.session), answers())

        assert response.status_code == 200
        assert "Cette personne a déjà candidaté à cette session" in response.content.decode()
        assert Application.objects.get() == existing
        assert not OutboxMessage.objects.exists()

    def test_the_e_mail_of_an_account_that_is_not_a_candidate_s(self, client, prescriber):
        staff = MembershipFactory(role=Role.ORGANISATION, user__email="ines.haddad@example.org").user

        response = client.post(refer_url(SessionFactory()), answers())

        assert response.status_code == 200
        assert "n&#x27;est pas celui d&#x27;une personne candidate" in response.content.decode()
        assert not Application.objects.exists()
        assert not Candidate.objects.filter(user=staff).exists()

    def test_bad_answers_are_shown_in_french_and_nothing_is_created(self, client, prescriber):
        users_before = User.objects.count()

        response = client.post(
            refer_url(SessionFactory()),
            answers(
                email="pas-une-adresse",
                commune="Ville imaginaire",
                birth_date="2090-01-01",
                motivation="Court",
            ),
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "Saisissez une adresse électronique valide" in content
        assert "Nous ne trouvons pas la commune « Ville imaginaire »" in content
        assert "La date de naissance doit être dans le passé" in content
        assert nothing_created(users_before)

    def test_a_too_short_motivation_is_refused_by_the_service(self, client, prescriber):
        users_before = User.objects.count()

        response = client.post(refer_url(SessionFactory()), answers(motivation="Trop court."))

        assert "au moins 200 caractères" in response.content.decode()
        assert nothing_created(users_before)

    def test_a_prescriber_of_several_structures_picks_one_of_theirs(self, client, prescriber, membership):
        other = prescriber_membership(name="France Travail Lens", user=prescriber)
        foreign = prescriber_membership(name="Association voisine")
        session = SessionFactory()

        form_page = client.get(refer_url(session)).content.decode()
        refused = client.post(refer_url(session), answers(organisation=foreign.organisation.pk))
        accepted = client.post(refer_url(session), answers(organisation=other.organisation.pk))

        assert "France Travail Lens" in form_page and "Association voisine" not in form_page
        assert "Choisissez l’une de vos structures" in refused.content.decode()
        assert accepted.status_code == 302
        assert Application.objects.get().referrer_organisation == other.organisation

    def test_the_form_asks_the_profile_with_its_reasons_and_links_the_privacy_notice(
        self, client, prescriber
    ):
        content = client.get(refer_url(SessionFactory())).content.decode()

        assert "Des places sont réservées aux moins de 26 ans" in content  # the birth date's help text
        assert f'href="{reverse("admissions:candidate_privacy")}"' in content
        assert 'name="organisation"' not in content  # a single structure: nothing to choose

    def test_a_session_of_a_course_out_of_the_catalogue_is_not_found(self, client, prescriber):
        unlabelled = SessionFactory(course=CourseFactory(labelled=False))

        assert client.get(refer_url(unlabelled)).status_code == 404
        assert (
            client.get(reverse("admissions:refer_person", kwargs={"session_pk": 999_999})).status_code == 404
        )


class TestFindingASession:
    def test_lists_open_sessions_of_labelled_courses_only(self, client, prescriber):
        today = timezone.localdate()
        SessionFactory(course__title="Développeur web")
        SessionFactory(
            course__title="Technicien réseau",
            application_opens_on=today - datetime.timedelta(days=30),
            application_closes_on=today - datetime.timedelta(days=1),
        )
        SessionFactory(course=CourseFactory(title="Data analyste", labelled=False))

        content = client.get(reverse("admissions:refer")).content.decode()

        assert "Développeur web" in content
        assert "Technicien réseau" not in content
        assert "Data analyste" not in content

    def test_searches_by_words_and_departement(self, client, prescriber):
        lens = SessionFactory(course__title="Développeur web", course__commune__departement__code="Z62")
        SessionFactory(course__title="Développeur web", course__commune__departement__code="Z59")
        SessionFactory(course__title="Technicien support", course__commune__departement__code="Z62")

        response = client.get(reverse("admissions:refer"), {"q": "developpeur WEB", "departement": "Z62"})

        assert response.status_code == 200
        assert list(response.context["page"].object_list) == [lens]

    def test_a_bad_departement_or_page_is_a_french_message_not_an_error(self, client, prescriber):
        SessionFactory()

        response = client.get(reverse("admissions:refer"), {"departement": "999", "page": "abc"})

        assert response.status_code == 200
        assert "Ce département n’est pas dans la liste" in response.content.decode()
        assert response.context["page"].paginator.count == 1

    def test_a_thousand_open_sessions_are_paged(self, client, prescriber):
        course = CourseFactory()
        for number in range(25):
            SessionFactory(course=course, name=f"Promotion {number}")

        response = client.get(reverse("admissions:refer"), {"page": 2})

        assert response.context["page"].paginator.count == 25
        assert len(response.context["page"].object_list) == 5


class TestFollowingReferrals:
    def test_lists_only_the_prescriber_s_own_referrals(self, client, prescriber, membership):
        mine = referral_of(membership, candidate__user__first_name="Mathilde")
        colleague = prescriber_membership(organisation=membership.organisation)
        referral_of(colleague, candidate__user__first_name="Colleague")
        referral_of(prescriber_membership(name="France Travail Lille"), candidate__user__first_name="Other")
        ApplicationFactory(session=mine.session, candidate__user__first_name="Direct")

        response = client.get(reverse("admissions:referrals"))

        content = response.content.decode()
        assert list(response.context["page"].object_list) == [mine]
        assert "Mathilde" in content
        assert "Colleague" not in content and "Other" not in content and "Direct" not in content

    def test_shows_state_offer_and_explanations_and_filters_by_state(self, client, prescriber, membership):
        offered = OfferFactory(
            application__referrer=prescriber,
            application__referrer_organisation=membership.organisation,
            application__referral_consent_at=timezone.now(),
        ).application
        refused = referral_of(membership, state=Application.State.REFUSED, refusal_reason=RefusalReason.TESTS)

        everything = client.get(reverse("admissions:referrals")).content.decode()
        only_refused = client.get(reverse("admissions:referrals"), {"etat": "refused"})
        unknown_state = client.get(reverse("admissions:referrals"), {"etat": "nimportequoi"})

        assert "Proposition en attente de réponse jusqu’au" in everything
        assert "Ce que signifient les états" in everything
        assert list(only_refused.context["page"].object_list) == [refused]
        assert set(unknown_state.context["page"].object_list) == {offered, refused}

    def test_the_list_reads_a_fixed_number_of_queries(self, client, prescriber, membership):
        referral_of(membership)

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("admissions:referrals")).status_code == 200
            return len(captured)

        few = queries()
        for _ in range(4):
            OfferFactory(
                application__referrer=prescriber,
                application__referrer_organisation=membership.organisation,
                application__referral_consent_at=timezone.now(),
            )

        assert queries() == few

    def test_the_detail_shows_the_refusal_meant_for_the_person_never_the_team_s_notes(
        self, client, prescriber, membership
    ):
        referral = referral_of(membership)
        team = UserFactory()
        note_add(application=referral, text="Note interne confidentielle", acting_user=team)
        application_score(application=referral, score=7, acting_user=team)
        other = ApplicationFactory(
            session=referral.session, motivation="Motivation d'une autre personne " * 8
        )
        application_refuse(
            application=referral,
            reason=RefusalReason.TESTS,
            comment="Retentez à la prochaine session après une remise à niveau.",
            acting_user=team,
        )

        content = client.get(reverse("admissions:referral", kwargs={"pk": referral.pk})).content.decode()

        assert "Tests non réussis" in content
        assert "Retentez à la prochaine session" in content
        assert referral.motivation[:60].replace("'", "&#x27;") in content
        assert "Note interne confidentielle" not in content
        assert "7,0" not in content and "7.0" not in content
        assert other.candidate.user.last_name not in content
        assert "Motivation d&#x27;une autre personne" not in content

    def test_the_detail_of_anyone_else_s_application_is_not_found(self, client, prescriber, membership):
        colleague = referral_of(prescriber_membership(organisation=membership.organisation))
        elsewhere = referral_of(prescriber_membership(name="France Travail Lille"))
        direct = ApplicationFactory()

        for application_id in (colleague.pk, elsewhere.pk, direct.pk, 999_999):
            url = reverse("admissions:referral", kwargs={"pk": application_id})
            assert client.get(url).status_code == 404

    def test_the_space_links_to_the_referrals(self, client, prescriber):
        content = client.get(reverse("accounts:space")).content.decode()

        assert reverse("admissions:referrals") in content


def prescriber_urls(referral: Application) -> list[str]:
    return [
        reverse("admissions:referrals"),
        reverse("admissions:referral", kwargs={"pk": referral.pk}),
        reverse("admissions:refer"),
        reverse("admissions:refer_person", kwargs={"session_pk": referral.session_id}),
    ]


class TestWhoMayReachThePages:
    def test_anonymous_visitors_go_to_the_login_page(self, client, membership):
        for url in prescriber_urls(referral_of(membership)):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url.startswith(f"{LOGIN_URL}?next=")

    @pytest.mark.parametrize("role", [Role.CANDIDATE, Role.ORGANISATION, Role.NATIONAL_TEAM, Role.FUNDER])
    def test_other_roles_are_forbidden(self, client, membership, role):
        referral = referral_of(membership)
        other = MembershipFactory(role=role).user
        if role == Role.ORGANISATION:  # even the team that runs the session
            MembershipFactory(user=other, role=role, organisation=referral.session.course.organisation)
        client.force_login(other)

        for url in prescriber_urls(referral):
            assert client.get(url).status_code == 403
        assert client.post(refer_url(referral.session), answers()).status_code == 403
        assert Application.objects.count() == 1
