"""A candidate in the browser: signs up, chooses a password to activate the account and fills in the
profile; applies to a session from the catalogue, then accepts the offer in the space. axe-core finds nothing
on the way."""

import re

import pytest
from playwright.sync_api import expect

from gen.accounts.models import Role
from gen.admissions.models import Application, Candidate, RefusalReason
from gen.admissions.services.applications import application_invite, application_rank, application_refuse
from gen.admissions.services.offers import offers_publish
from gen.notifications.models import OutboxMessage
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    MembershipFactory,
    OfferFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MOTIVATION = (
    "Je répare les ordinateurs de ma famille depuis des années et j'ai appris seule les bases du HTML "
    "en refaisant le site de mon club de basket. Je veux en faire mon métier : une formation gratuite, "
    "avec un stage en entreprise, c'est ce qu'il me faut."
)


@pytest.fixture
def session(reference_data):
    lens = Commune.objects.get(insee_code="62498")
    return SessionFactory(
        course__title="Développeur web et mobile",
        course__commune=lens,
        course__organisation__name="Pop School Lens",
        name="Promotion de printemps",
        capacity=12,
    )


@pytest.fixture
def candidate(reference_data):
    return CandidateFactory(
        user__email="alix@example.org",
        user__first_name="Alix",
        commune=Commune.objects.get(insee_code="62498"),
    )


def test_a_candidate_applies_then_accepts_the_offer(page, session, candidate):
    log_in(page, candidate.user.email, session.course.get_absolute_url())
    page.get_by_role("link", name="Promotion de printemps").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()
    screenshot(page, "admissions-session")
    assert not axe_violations(page), describe(axe_violations(page))
    page.locator("main").get_by_role("link", name="Candidater", exact=True).click()

    page.get_by_role("heading", level=1, name="Candidater à Développeur web et mobile").wait_for()
    motivation = page.get_by_label("Votre motivation")
    counter = page.locator("#motivation-counter")
    motivation.fill("Je suis motivée.")
    expect(counter).to_contain_text("encore 184 pour atteindre le minimum de 200")
    motivation.fill(MOTIVATION)
    assert "c’est suffisant" in counter.inner_text()
    page.get_by_label("Disponibilités").fill("Dès maintenant, à temps plein.")
    screenshot(page, "admissions-apply")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Envoyer ma candidature").click()

    page.get_by_role("heading", level=1, name="Mes candidatures").wait_for()
    assert "Votre candidature est envoyée" in page.inner_text("main")
    application = Application.objects.get(candidate=candidate)

    team = MembershipFactory(role=Role.ORGANISATION, organisation=session.course.organisation).user
    application_invite(application=application, acting_user=team)
    application_rank(application=application, acting_user=team)
    offers_publish(session=session, acting_user=team)
    page.reload()

    card = page.get_by_role("article", name="Développeur web et mobile")
    card.get_by_text("Une place vous est proposée !").wait_for()
    assert "Répondez avant le" in card.inner_text()
    screenshot(page, "admissions-space-offer")
    assert not axe_violations(page), describe(axe_violations(page))

    card.get_by_role("link", name="Accepter la place").click()
    page.get_by_role("heading", level=1, name="Accepter la place").wait_for()
    screenshot(page, "admissions-accept")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Confirmer : j’accepte la place").click()

    page.get_by_text("Vous avez accepté la place. Bienvenue dans la session !").wait_for()
    assert "Votre inscription à cette session est confirmée" in page.inner_text("main")
    application.refresh_from_db()
    assert application.state == Application.State.ADMITTED
    screenshot(page, "admissions-space-admitted")


def test_a_visitor_signs_up_activates_and_fills_in_the_profile(page, reference_data):
    page.goto("/comptes/connexion/")
    page.get_by_role("link", name="Créer un compte candidat").click()
    page.get_by_label("Adresse électronique").fill("sacha@example.org")
    page.get_by_label("Prénom").fill("Sacha")
    page.locator("main input[name=last_name]").fill("Petit")
    assert page.locator("main input[type=password]").count() == 0  # chosen on activation, not here
    screenshot(page, "admissions-signup")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_role("heading", level=1, name="Consultez votre messagerie").wait_for()

    body = OutboxMessage.objects.get(to="sacha@example.org").body
    page.goto(re.search(r"/candidat/activer/\S+/\S+/", body)[0])
    page.locator("main input[name=new_password1]").fill("une-phrase-de-passe-solide")
    page.get_by_label("Confirmation du mot de passe").fill("une-phrase-de-passe-solide")
    screenshot(page, "admissions-activate")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Activer mon compte").click()

    page.get_by_role("heading", level=1, name="Mon profil").wait_for()
    page.get_by_label("Date de naissance").fill("2002-06-15")
    page.get_by_role("group", name="Genre").get_by_text("Homme").click()
    page.get_by_label("Diplôme le plus élevé").select_option("none")
    town = page.get_by_label("Commune de résidence")
    town.press_sequentially("Liév")
    page.locator("#commune-suggestions option[value='Liévin (62)']").wait_for(state="attached")
    town.fill("Liévin (62)")
    page.locator("label[for=id_is_job_seeker]").click()
    page.get_by_label("Comment avez-vous connu la formation").select_option("word_of_mouth")
    page.locator("label[for=id_consent]").click()
    screenshot(page, "admissions-profile")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Enregistrer mon profil").click()

    page.get_by_role("heading", level=1, name="Mes candidatures").wait_for()
    assert "Votre profil est enregistré." in page.inner_text("main")
    profile = Candidate.objects.get(user__email="sacha@example.org")
    assert profile.commune.name == "Liévin"
    assert profile.is_job_seeker and not profile.is_scholarship_holder


def test_the_space_on_a_phone(phone_page, candidate):
    """An offer to answer, a place on a waiting list and a refusal, explained on a 320 px screen."""
    OfferFactory(application__candidate=candidate, application__session__course__title="Technicien réseaux")
    waiting = SessionFactory(course__title="Data analyste", capacity=1)
    for rank, who in enumerate([CandidateFactory(), candidate], start=1):
        ApplicationFactory(session=waiting, candidate=who, state=Application.State.RANKED, rank=rank)
    offers_publish(session=waiting, acting_user=None)
    application_refuse(
        application=ApplicationFactory(candidate=candidate, session__course__title="Designer UX"),
        reason=RefusalReason.TESTS,
        comment="Retentez votre chance à la prochaine session : vos progrès en logique sont nets.",
        acting_user=None,
    )

    log_in(phone_page, candidate.user.email, "/candidat/")
    phone_page.get_by_text("Une place vous est proposée !").wait_for()
    main = phone_page.inner_text("main")
    assert "Vous êtes n° 2 dans l’ordre d’appel" in main
    assert "Retentez votre chance" in main
    phone_page.get_by_text("Comment avance la liste d’attente ?").click()
    screenshot(phone_page, "admissions-space-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
