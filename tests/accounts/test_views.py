"""Logging in and out, the password reset, and "Mon espace"."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from gen.accounts.models import Role
from tests.accounts.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")


def login(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


class TestLogin:
    def test_page_asks_for_email_and_password_in_french(self, client):
        response = client.get(LOGIN_URL)
        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Connexion à GEN Plateforme</h1>" in content
        assert ">Se connecter</button>" in content
        assert 'type="email"' in content
        assert "Adresse électronique" in content
        assert "Mot de passe" in content
        assert reverse("accounts:password_reset") in content
        assert "Mot de passe oublié ?" in content

    def test_right_password_logs_in_and_opens_my_space(self, client):
        user = UserFactory(email="camille@example.org")
        response = login(client, "Camille@Example.org", PASSWORD)
        assert response.status_code == 302
        assert response.url == reverse("accounts:space")
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_login_goes_back_to_the_page_asked_for(self, client):
        user = MembershipFactory(role=Role.ORGANISATION).user
        url = reverse("organisations:space", kwargs={"slug": user.memberships.get().organisation.slug})
        response = client.post(
            f"{LOGIN_URL}?next={url}", {"username": user.email, "password": PASSWORD, "next": url}
        )
        assert response.status_code == 302
        assert response.url == url

    def test_login_never_sends_to_another_site(self, client):
        user = UserFactory()
        response = client.post(
            LOGIN_URL, {"username": user.email, "password": PASSWORD, "next": "https://pirate.example/"}
        )
        assert response.status_code == 302
        assert response.url == reverse("accounts:space")

    def test_wrong_password_says_so_in_french(self, client):
        user = UserFactory()
        response = login(client, user.email, "pas-le-bon-mot-de-passe")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        assert (
            "Adresse électronique ou mot de passe incorrect. "
            "Attention aux majuscules et minuscules du mot de passe." in response.content.decode()
        )

    def test_inactive_account_cannot_log_in(self, client):
        user = UserFactory(is_active=False)
        response = login(client, user.email, PASSWORD)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_logged_in_user_is_sent_to_my_space(self, client):
        client.force_login(UserFactory())
        response = client.get(LOGIN_URL)
        assert response.status_code == 302
        assert response.url == reverse("accounts:space")


class TestLogout:
    def test_logout_is_a_post(self, client):
        client.force_login(UserFactory())
        assert client.get(reverse("accounts:logout")).status_code == 405
        assert "_auth_user_id" in client.session

        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302
        assert response.url == reverse("home")
        assert "_auth_user_id" not in client.session

    def test_header_has_the_logout_form_when_logged_in(self, client):
        client.force_login(UserFactory())
        content = client.get(reverse("accounts:space")).content.decode()
        assert f'<form method="post" action="{reverse("accounts:logout")}">' in content


class TestPasswordReset:
    def test_full_flow(self, client):
        user = UserFactory(email="camille@example.org")

        response = client.get(reverse("accounts:password_reset"))
        assert response.status_code == 200
        assert "<h1>Mot de passe oublié</h1>" in response.content.decode()

        response = client.post(reverse("accounts:password_reset"), {"email": "Camille@example.org"})
        assert response.status_code == 302
        assert response.url == reverse("accounts:password_reset_done")
        done = client.get(response.url).content.decode()
        assert "<h1>Consultez vos courriels</h1>" in done

        assert mail.outbox == []  # written to the outbox; the worker sends it
        run_queued_tasks()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["camille@example.org"]
        assert message.subject == "Choisissez un nouveau mot de passe pour GEN Plateforme"
        assert message.body.startswith("Bonjour,")
        assert "votre compte GEN Plateforme (camille@example.org)" in message.body
        assert "Si vous n’êtes pas à l’origine de cette demande" in message.body
        assert "L’équipe GEN Plateforme" in message.body
        # The link points at the platform's address, whatever Host the request came in by.
        link = re.search(rf"{re.escape(settings.SITE_URL)}(/\S+)", message.body).group(1)

        # The token leaves the address for the session, then the form appears.
        response = client.get(link, follow=True)
        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Choisissez un nouveau mot de passe</h1>" in content

        new_password = "un-tout-nouveau-secret-2025"
        response = client.post(
            response.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
        )
        assert response.status_code == 302
        assert response.url == reverse("accounts:password_reset_complete")
        complete = client.get(response.url).content.decode()
        assert "<h1>Mot de passe modifié</h1>" in complete

        user.refresh_from_db()
        assert user.check_password(new_password)
        assert login(client, "camille@example.org", PASSWORD).status_code == 200  # the old one fails
        response = login(client, "camille@example.org", new_password)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

        # The link was for one use only.
        response = client.get(link, follow=True)
        assert "<h1>Ce lien ne fonctionne plus</h1>" in response.content.decode()

    def test_unknown_address_looks_the_same_and_sends_nothing(self, client):
        response = client.post(reverse("accounts:password_reset"), {"email": "personne@example.org"})
        assert response.status_code == 302
        assert response.url == reverse("accounts:password_reset_done")
        assert run_queued_tasks() == 0 and mail.outbox == []

    def test_weak_new_password_is_refused_in_french(self, client):
        UserFactory(email="camille@example.org")
        client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})
        run_queued_tasks()
        link = re.search(rf"{re.escape(settings.SITE_URL)}(/\S+)", mail.outbox[0].body).group(1)
        response = client.get(link, follow=True)
        response = client.post(
            response.redirect_chain[-1][0], {"new_password1": "1234", "new_password2": "1234"}
        )
        assert response.status_code == 200
        assert "Ce mot de passe est trop court." in response.content.decode()

    def test_broken_link_says_so(self, client):
        user = UserFactory()
        url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-def"})
        response = client.get(url)
        assert response.status_code == 200
        assert "<h1>Ce lien ne fonctionne plus</h1>" in response.content.decode()
        user.refresh_from_db()
        assert user.check_password(PASSWORD)


class TestMySpace:
    def test_anonymous_goes_to_login(self, client):
        response = client.get(reverse("accounts:space"))
        assert response.status_code == 302
        assert response.url == f"{LOGIN_URL}?next={reverse('accounts:space')}"

    def test_greets_the_user_and_lists_each_role_with_what_it_opens(self, client):
        user = UserFactory(first_name="Camille", email="camille@example.org")
        organisation = OrganisationFactory(name="Fabrique de Lens")
        MembershipFactory(user=user, role=Role.ORGANISATION, organisation=organisation, is_admin=True)
        prescriber = MembershipFactory(
            user=user, role=Role.PRESCRIBER, organisation__name="Mission locale de Lille"
        )
        MembershipFactory(user=user, role=Role.NATIONAL_TEAM)
        region = RegionFactory()
        MembershipFactory(user=user, role=Role.REVIEWER, region=region)
        MembershipFactory(user=user, role=Role.FUNDER, funder__name="Conseil régional de test")
        MembershipFactory(user=user, role=Role.CANDIDATE)
        client.force_login(user)

        response = client.get(reverse("accounts:space"))

        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Bonjour Camille</h1>" in content
        assert "Adresse de connexion : camille@example.org" in content
        assert '<h2 id="roles-title">Mes rôles</h2>' in content
        # Training organisation, as its administrator.
        assert "Membre d’un organisme de formation" in content
        assert "Fabrique de Lens" in content
        assert "Administrateur" in content
        assert reverse("organisations:space", kwargs={"slug": organisation.slug}) in content
        assert "Ouvrir l’espace de Fabrique de Lens" in content
        # Prescriber: their structure, and what comes next.
        assert reverse("organisations:space", kwargs={"slug": prescriber.organisation.slug}) in content
        assert "Orienter des candidats vers une formation" in content
        # National team: the admin.
        assert reverse("admin:index") in content
        assert "Ouvrir l’administration" in content
        # Reviewer, funder, candidate: a sentence on what comes next.
        assert region.name in content
        assert "Les dossiers de candidature au label à instruire" in content
        assert "Conseil régional de test" in content
        assert "Les chiffres de ce que vous financez" in content
        assert reverse("catalogue:search") in content

    def test_member_without_admin_flag_gets_no_admin_link(self, client):
        membership = MembershipFactory(role=Role.ORGANISATION)
        client.force_login(membership.user)
        content = client.get(reverse("accounts:space")).content.decode()
        assert reverse("organisations:space", kwargs={"slug": membership.organisation.slug}) in content
        assert reverse("admin:index") not in content
        assert "Administrateur" not in content

    def test_user_without_role_is_told_what_to_do(self, client):
        client.force_login(UserFactory())
        content = client.get(reverse("accounts:space")).content.decode()
        assert "Votre compte n’a pas encore de rôle" in content

    @pytest.mark.parametrize("count", [1, 6])
    def test_query_count_does_not_grow_with_roles(self, client, django_assert_num_queries, count):
        user = UserFactory()
        for _ in range(count - 1):
            MembershipFactory(user=user, role=Role.ORGANISATION)
        MembershipFactory(user=user, role=Role.FUNDER)
        client.force_login(user)
        # Session, user, the roles for the header, the memberships with their scope.
        with django_assert_num_queries(4):
            assert client.get(reverse("accounts:space")).status_code == 200
