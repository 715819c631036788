"""A candidate's account pages: sign-up, activation by e-mail, the profile and the privacy notice."""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Candidate
from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.admissions.services.referrals import referral_create
from gen.notifications.models import OutboxMessage
from gen.territories.models import Commune
from tests.factories import CandidateFactory, MembershipFactory, OrganisationFactory, SessionFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("admissions:candidate_signup")
PROFILE_URL = reverse("admissions:candidate_profile")
SPACE_URL = reverse("admissions:candidate_space")
PASSWORD = "une-phrase-de-passe-solide"
MOTIVATION = (
    "Je veux devenir développeuse web. J'ai appris seule les bases du HTML et du CSS en créant le site "
    "de l'association de mon quartier, et je veux maintenant en faire mon métier avec un vrai encadrement "
    "et un stage."
)


def content(response) -> str:
    return response.content.decode()


def signup(client, email="alix@example.org", **overrides):
    data = {"email": email, "first_name": "Alix", "last_name": "Durand", **overrides}
    return client.post(SIGNUP_URL, data)


def activation_path(email: str) -> str:
    message = OutboxMessage.objects.filter(to=email).order_by("-pk").first()
    return re.search(r"/candidat/activer/[^/\s]+/[^/\s]+/", message.body)[0]


def passwords(password=PASSWORD, again=None) -> dict:
    return {"new_password1": password, "new_password2": password if again is None else again}


def profile_answers(**overrides) -> dict:
    return {
        "birth_date": "1999-04-12",
        "gender": "woman",
        "diploma_level": "4",
        "is_job_seeker": "on",
        "commune": "Lens (62)",
        "heard_from": "mission_locale",
        "consent": "on",
        **overrides,
    }


# Sign-up


def test_the_signup_form_asks_no_password(client):
    page = content(client.get(SIGNUP_URL))

    for name in ("email", "first_name", "last_name"):
        assert f'name="{name}"' in page
    assert 'type="password"' not in page
    assert "vous choisissez votre mot de passe en suivant son lien" in page


def test_signup_creates_an_inactive_account_without_password_and_emails_the_activation_link(client):
    response = signup(client)

    assert response.status_code == 302
    assert response.url == reverse("admissions:candidate_signup_done")
    user = User.objects.get(email="alix@example.org")
    assert not user.is_active
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.CANDIDATE).exists()
    message = OutboxMessage.objects.get(to="alix@example.org")
    assert message.kind == "admissions.activate"
    assert "Activez votre compte" in message.subject
    assert "choisir votre mot de passe" in message.body
    assert activation_path("alix@example.org") in message.body
    assert "Consultez votre messagerie" in content(client.get(response.url))


def test_signup_with_a_known_address_shows_the_same_page_and_tells_the_owner(client):
    owner = CandidateFactory(user__email="alix@example.org").user

    response = signup(client, email="Alix@Example.org")

    assert response.url == reverse("admissions:candidate_signup_done")
    assert User.objects.filter(email="alix@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("mot-de-passe-solide-42")
    assert OutboxMessage.objects.get(to="alix@example.org").kind == "admissions.already_registered"


def test_signup_again_before_activating_sends_a_new_link(client):
    signup(client)
    first_link = activation_path("alix@example.org")

    response = signup(client, first_name="Quelqu'un", last_name="D'autre")

    assert response.url == reverse("admissions:candidate_signup_done")
    user = User.objects.get(email="alix@example.org")
    assert (user.first_name, user.last_name) == ("Alix", "Durand")  # the second sign-up changes nothing
    assert [m.kind for m in OutboxMessage.objects.order_by("pk")] == ["admissions.activate"] * 2
    assert "Ce lien ne fonctionne plus" in content(client.post(first_link, passwords()))  # only the newest
    assert client.post(activation_path("alix@example.org"), passwords()).url == PROFILE_URL


def test_a_stranger_signing_up_with_someone_s_address_cannot_get_into_the_account(client):
    """Account pre-hijacking: whoever knows an address may sign up with it, but only its owner reads the
    link, and the password is chosen there. A password slipped into the sign-up form is ignored."""
    stranger_password = "le-mot-de-passe-de-l-intrus"
    signup(client, email="alix@example.org", password=stranger_password)
    assert not User.objects.get(email="alix@example.org").check_password(stranger_password)

    owner = Client()
    owner.post(activation_path("alix@example.org"), passwords())

    user = User.objects.get(email="alix@example.org")
    assert user.is_active and user.check_password(PASSWORD)
    assert not client.login(username="alix@example.org", password=stranger_password)
    assert owner.login(username="alix@example.org", password=PASSWORD)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide."),
        ({"email": ""}, "Ce champ est obligatoire."),
        ({"first_name": ""}, "Ce champ est obligatoire."),
        ({"last_name": "x" * 151}, "au plus 150 caractères"),
    ],
)
def test_signup_refuses_bad_input_in_french(client, overrides, message):
    response = signup(client, **overrides)

    assert response.status_code == 200
    assert message in content(response)
    assert not User.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_signup_page_sends_a_logged_in_user_to_their_space(client):
    client.force_login(CandidateFactory().user)
    assert client.get(SIGNUP_URL).url == SPACE_URL


# Activation


def test_opening_the_link_asks_for_a_password_and_activates_nothing(client):
    signup(client)

    page = content(client.get(activation_path("alix@example.org")))

    assert "Choisissez le mot de passe" in page
    assert "alix@example.org" in page
    assert 'name="new_password1"' in page and 'name="new_password2"' in page
    assert 'autocomplete="new-password"' in page
    assert not User.objects.get(email="alix@example.org").is_active  # mail scanners open links


def test_choosing_the_password_activates_logs_in_and_opens_the_profile(client):
    signup(client)

    response = client.post(activation_path("alix@example.org"), passwords())

    user = User.objects.get(email="alix@example.org")
    assert user.is_active and user.check_password(PASSWORD)
    assert response.url == PROFILE_URL
    assert client.session[SESSION_KEY] == str(user.pk)
    assert "Vérifiez votre profil" in content(client.get(PROFILE_URL))  # still logged in after the change


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Ce champ est obligatoire."),
        (passwords("court"), "Ce mot de passe est trop court"),
        (passwords("123456789012345"), "entièrement numérique"),
        (passwords("qwerty123456"), "trop courant"),
        (passwords("alix.durand@example"), "trop semblable"),
        (passwords(again="autre-chose-de-long"), "Les deux mots de passe ne correspondent pas."),
    ],
)
def test_a_bad_password_is_refused_in_french_and_activates_nothing(client, data, message):
    signup(client)
    link = activation_path("alix@example.org")

    response = client.post(link, data)

    assert response.status_code == 200
    assert message in content(response)
    user = User.objects.get(email="alix@example.org")
    assert not user.is_active and not user.has_usable_password()
    assert SESSION_KEY not in client.session
    assert client.post(link, passwords()).url == PROFILE_URL  # the link still works


def test_an_activation_link_works_once(client):
    signup(client)
    link = activation_path("alix@example.org")
    client.post(link, passwords())
    client.logout()

    for response in (client.get(link), client.post(link, passwords("un-tout-autre-mot-de-passe"))):
        assert response.status_code == 200
        assert "Ce lien ne fonctionne plus" in content(response)
    assert SESSION_KEY not in client.session
    assert User.objects.get(email="alix@example.org").check_password(PASSWORD)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link[:-3] + "xx/",  # token changed
        lambda link: re.sub(r"activer/[^/]+/", "activer/OTk5OTk5/", link),  # someone else's id
        lambda link: re.sub(r"activer/[^/]+/", "activer/%%%%/", link),  # not base64
        lambda link: re.sub(r"activer/[^/]+/", "activer/YWJj/", link),  # base64 of a non-number
    ],
)
def test_a_tampered_activation_link_is_refused_clearly(client, tamper):
    signup(client)
    link = tamper(activation_path("alix@example.org"))

    response = client.post(link, passwords())

    assert response.status_code == 200
    assert "Ce lien ne fonctionne plus" in content(response)
    assert not User.objects.get(email="alix@example.org").is_active


def test_an_expired_activation_link_is_refused(client, settings):
    signup(client)
    link = activation_path("alix@example.org")
    settings.PASSWORD_RESET_TIMEOUT = -1

    assert "Ce lien ne fonctionne plus" in content(client.post(link, passwords()))
    assert not User.objects.get(email="alix@example.org").is_active


def test_an_active_account_s_link_cannot_reset_its_password(client):
    """A link sent before the account was activated another way is spent, whatever it is posted with."""
    signup(client)
    link = activation_path("alix@example.org")
    user = User.objects.get(email="alix@example.org")
    user.is_active = True
    user.save(update_fields=["is_active"])

    assert "Ce lien ne fonctionne plus" in content(client.post(link, passwords()))
    assert not User.objects.get(email="alix@example.org").has_usable_password()


@pytest.fixture
def referred_email():
    """A person a prescriber applied for: an account without a password, and the e-mail telling them."""
    structure = OrganisationFactory(kind="prescriber", name="Mission Locale de Lens")
    prescriber = MembershipFactory(role=Role.PRESCRIBER, organisation=structure).user
    referral_create(
        acting_user=prescriber,
        organisation=structure,
        session=SessionFactory(),
        email="sacha@example.org",
        first_name="Sacha",
        last_name="Petit",
        consent=True,
        motivation=MOTIVATION,
        availability="Dès maintenant.",
        profile={
            "birth_date": datetime.date(2003, 1, 9),
            "gender": "man",
            "diploma_level": "none",
            "is_job_seeker": True,
            "commune": Commune.objects.get(insee_code="62498"),
            "lives_in_qpv_or_zrr": True,
            "is_scholarship_holder": False,
            "heard_from": "mission_locale",
        },
    )
    return OutboxMessage.objects.get(to="sacha@example.org", kind="admissions.referred")


def test_a_person_referred_by_a_prescriber_chooses_a_password_when_activating(client, referred_email):
    link = re.search(r"/candidat/activer/[^/\s]+/[^/\s]+/", referred_email.body)[0]
    assert "Choisissez le mot de passe" in content(client.get(link))

    mismatch = client.post(link, passwords(again="autre-chose-de-long"))
    assert "Les deux mots de passe ne correspondent pas." in content(mismatch)
    assert not User.objects.get(email="sacha@example.org").is_active

    response = client.post(link, passwords())

    user = User.objects.get(email="sacha@example.org")
    assert user.is_active and user.check_password(PASSWORD)
    assert response.url == PROFILE_URL
    page = content(client.get(PROFILE_URL))
    assert 'value="Lens (62)"' in page  # the profile the prescriber filled in, to check
    assert "Ce lien ne fonctionne plus" in content(client.get(link))


# Profile


def test_the_profile_needs_a_login(client):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_profile_says_why_each_question_is_asked_and_links_the_privacy_notice(client):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)

    page = content(client.get(PROFILE_URL))

    for name in ("birth_date", "gender", "diploma_level", "commune", "lives_in_qpv_or_zrr", "heard_from"):
        assert str(Candidate._meta.get_field(name).help_text) in page
    assert reverse("admissions:candidate_privacy") in page
    assert 'hx-get="/formations/communes/"' in page


def test_saving_the_profile_records_the_answers_and_the_consent(client):
    user = MembershipFactory(role=Role.CANDIDATE).user
    client.force_login(user)

    response = client.post(PROFILE_URL, profile_answers())

    assert response.url == SPACE_URL
    candidate = Candidate.objects.get(user=user)
    assert candidate.birth_date == datetime.date(1999, 4, 12)
    assert candidate.commune.insee_code == "62498"
    assert candidate.is_job_seeker and not candidate.is_scholarship_holder
    assert candidate.consent_at is not None
    assert candidate.privacy_notice_version == PRIVACY_NOTICE_VERSION


def test_the_profile_is_not_saved_without_consent(client):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)

    response = client.post(PROFILE_URL, profile_answers(consent=""))

    assert response.status_code == 200
    assert "Cochez cette case pour enregistrer votre profil" in content(response)
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"birth_date": ""}, "Indiquez votre date de naissance."),
        ({"birth_date": "31/02/1999"}, "Saisissez une date réelle"),
        ({"birth_date": "2999-01-01"}, "Votre date de naissance doit être dans le passé."),
        ({"commune": "Atlantide"}, "Nous ne trouvons pas la commune « Atlantide »"),
        ({"commune": ""}, "Indiquez la commune où vous habitez"),
        ({"gender": ""}, "Choisissez une réponse."),
        ({"diploma_level": "12"}, "Choisissez une réponse dans la liste."),
    ],
)
def test_the_profile_refuses_bad_answers_in_french(client, overrides, message):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)

    response = client.post(PROFILE_URL, profile_answers(**overrides))

    assert response.status_code == 200
    assert message in content(response)
    assert "Votre profil n’est pas encore enregistré" in content(response)
    assert not Candidate.objects.exists()


def test_an_existing_profile_is_shown_and_updated(client):
    candidate = CandidateFactory(commune=Commune.objects.get(insee_code="59350"))
    client.force_login(candidate.user)

    assert 'value="Lille (59)"' in content(client.get(PROFILE_URL))
    client.post(PROFILE_URL, profile_answers(commune="62300"))

    candidate.refresh_from_db()
    assert candidate.commune.insee_code == "62498"
    assert Candidate.objects.count() == 1


def test_the_profile_sends_back_to_the_page_given_in_next_if_it_is_ours(client):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)
    apply_url = reverse("admissions:candidate_apply", args=[SessionFactory().pk])

    page = content(client.get(PROFILE_URL, {"next": apply_url}))
    assert f'name="next" value="{apply_url}"' in page
    assert client.post(PROFILE_URL, profile_answers(next=apply_url)).url == apply_url


@pytest.mark.parametrize(
    "target", ["https://ailleurs.example.com/", "//ailleurs.example.com/", "javascript:alert(1)"]
)
def test_the_profile_ignores_a_next_page_elsewhere(client, target):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)

    assert target not in content(client.get(PROFILE_URL, {"next": target}))
    assert client.post(PROFILE_URL, profile_answers(next=target)).url == SPACE_URL


def test_the_privacy_notice_is_public_and_says_who_to_write_to(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "dpo@gen.example.org"

    page = content(client.get(reverse("admissions:candidate_privacy")))

    assert "Qui voit quoi" in page
    assert "mailto:dpo@gen.example.org" in page
    assert PRIVACY_NOTICE_VERSION in page


def test_the_privacy_notice_says_what_the_retention_job_does(client):
    page = content(client.get(reverse("admissions:candidate_privacy")))

    assert "deux ans se soient écoulés sans connexion de votre part" in page
    assert "Ils sont alors anonymisés" in page
    assert "seule l’année est gardée" in page
    assert "Un compte sans profil est supprimé après deux ans sans connexion." in page


def test_the_login_page_offers_to_create_a_candidate_account(client):
    assert SIGNUP_URL in content(client.get(reverse("accounts:login")))


def test_signed_up_people_see_their_applications_from_their_space(client):
    client.force_login(CandidateFactory().user)
    assert SPACE_URL in content(client.get(reverse("accounts:space")))


def test_consent_time_is_refreshed_on_each_save(client):
    earlier = timezone.now() - datetime.timedelta(days=400)
    candidate = CandidateFactory(consent_at=earlier, privacy_notice_version="2020-01")
    client.force_login(candidate.user)

    client.post(PROFILE_URL, profile_answers())

    candidate.refresh_from_db()
    assert candidate.consent_at > earlier
    assert candidate.privacy_notice_version == PRIVACY_NOTICE_VERSION
