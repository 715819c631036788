"""A Mission Locale adviser refers a young person to a session in the browser, then follows the referral."""

import pytest

from gen.accounts.models import Role
from gen.admissions.models import Application
from gen.organisations.models import Organisation
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

MOTIVATION = (
    "Inès a créé le site de l'association de son quartier et apprend seule le HTML depuis un an. Elle veut "
    "en faire son métier, avec un vrai encadrement et un stage en entreprise ; nous avons préparé ce "
    "projet ensemble pendant trois rendez-vous."
)


@pytest.fixture
def adviser(reference_data):
    lens = Commune.objects.get(insee_code="62498")
    SessionFactory(
        name="Promotion printemps",
        course__title="Développeur web et web mobile",
        course__organisation__name="Pop School Lens",
        course__commune=lens,
    )
    SessionFactory(course__title="Technicien d'assistance informatique", course__organisation__name="Simplon")
    return MembershipFactory(
        role=Role.PRESCRIBER,
        organisation__kind=Organisation.Kind.PRESCRIBER,
        organisation__name="Mission locale de Lens-Liévin",
        user__email="conseillere@mission-locale.example.org",
    ).user


def test_an_adviser_refers_a_person_and_follows_the_referral(page, adviser):
    log_in(page, adviser.email, "/comptes/mon-espace/")
    page.locator("main").get_by_role("link", name="Mes orientations").click()
    page.get_by_role("heading", level=1, name="Mes orientations").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))

    page.locator("main").get_by_role("link", name="Orienter une personne").click()
    page.get_by_role("heading", level=1, name="Orienter une personne").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_label("Formation, métier, organisme ou commune").fill("développeur lens")
    sessions = page.locator("#sessions")
    sessions.get_by_text("1 session ouverte aux candidatures").wait_for()  # htmx, as the adviser types
    assert "Technicien" not in sessions.inner_text()
    screenshot(page, "prescriber-sessions")
    sessions.get_by_role("link", name="Choisir").click()

    page.get_by_role(
        "heading", level=1, name="Orienter une personne vers « Développeur web et web mobile »"
    ).wait_for()
    page.get_by_label("Adresse e-mail de la personne").fill("ines.haddad@example.org")
    page.locator("#id_first_name").fill("Inès")
    page.locator("#id_last_name").fill("Haddad")
    page.get_by_label("Date de naissance").fill("2004-04-02")
    page.get_by_text("Femme", exact=True).click()
    page.get_by_label("Diplôme le plus élevé").select_option("none")
    page.get_by_label("Commune de résidence").fill("Lens (62)")
    page.get_by_text("Inscrit·e comme demandeur d'emploi").click()
    page.get_by_label("Comment avez-vous connu la formation").select_option("mission_locale")
    page.get_by_label("Motivation").fill(MOTIVATION)
    page.get_by_label("Disponibilités").fill("Dès le mois prochain, à temps plein.")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Envoyer la candidature").click()

    page.get_by_text("Cochez cette case une fois que la personne a donné son accord").wait_for()
    assert not Application.objects.exists()
    assert not axe_violations(page), describe(axe_violations(page))
    screenshot(page, "prescriber-refer-errors")
    page.get_by_text("La personne a accepté que je candidate en son nom").click()
    page.get_by_role("button", name="Envoyer la candidature").click()

    page.get_by_role("heading", level=1, name="Inès Haddad").wait_for()
    assert "La candidature est envoyée." in page.inner_text("main")
    assert "Reçue" in page.inner_text("main")
    assert not axe_violations(page), describe(axe_violations(page))
    screenshot(page, "prescriber-referral")
    application = Application.objects.get()
    assert application.referrer == adviser
    assert not application.candidate.user.is_active

    page.locator("main").get_by_role("link", name="Mes orientations").click()
    page.get_by_role("heading", level=1, name="Mes orientations").wait_for()
    assert "Inès Haddad" in page.inner_text("main")
    assert not axe_violations(page), describe(axe_violations(page))
    screenshot(page, "prescriber-referrals")
