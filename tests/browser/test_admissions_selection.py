"""An organisation's selection team ranks its candidates in the browser and publishes the offers."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from gen.accounts.models import Role
from gen.admissions.models import Application, Offer
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

State = Application.State


@pytest.fixture
def selection(reference_data):
    """A session of two places with four candidates after their interview (scored) and one just received."""
    member = MembershipFactory(
        role=Role.ORGANISATION,
        user__email="selection@popschool.example.org",
        organisation__name="Pop School Lens",
    ).user
    session = SessionFactory(
        course__organisation=member.memberships.get().organisation,
        course__title="Développeur web et mobile",
        name="Promotion printemps",
        capacity=2,
    )
    people = [
        ("Inès", "Dupont", "woman", Decimal("12.5")),
        ("Alix", "Durand", "man", Decimal("16")),
        ("Sacha", "Petit", "man", Decimal("14")),
        ("Noé", "Lambert", "man", None),
    ]
    assessed = {}
    for first_name, last_name, gender, score in people:
        candidate = CandidateFactory(
            user__first_name=first_name,
            user__last_name=last_name,
            user__email=f"{first_name}.{last_name}@example.org".lower(),
            gender=gender,
        )
        assessed[first_name] = ApplicationFactory(
            session=session, candidate=candidate, state=State.ASSESSING, score=score
        )
    ApplicationFactory(
        session=session,
        candidate=CandidateFactory(
            user__first_name="Léa", user__last_name="Roux", user__email="lea@example.org"
        ),
    )
    return {"member": member, "session": session, "assessed": assessed}


def ranked_names(page) -> list[str]:
    return page.locator("#ranking-form tbody th").all_inner_texts()


def test_the_team_ranks_its_candidates_and_publishes_the_offers(page, selection):
    log_in(page, selection["member"].email, "/selection/")
    page.get_by_role("link", name="Promotion printemps – Développeur web et mobile").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile – Promotion printemps").wait_for()
    assert page.locator("#applicants-title").inner_text() == "5 candidatures"
    screenshot(page, "selection-applicants")
    assert not axe_violations(page), describe(axe_violations(page))

    # The search refreshes the table as one types (htmx), and the address keeps the filter.
    page.get_by_label("Nom ou adresse e-mail").fill("roux")
    page.locator("#applicants-title", has_text="1 candidature").wait_for()
    assert "q=roux" in page.url
    page.get_by_role("link", name="Effacer les filtres").click()
    page.locator("#applicants-title", has_text="5 candidatures").wait_for()

    # Bulk: rank the four interviewed candidates at once.
    for name in ("Inès Dupont", "Alix Durand", "Sacha Petit", "Noé Lambert"):
        page.get_by_label(f"Cocher {name}").check()
    page.get_by_label("Action").select_option(label="Classer (en fin de classement)")
    assert page.get_by_label("Motif du refus").is_hidden()  # only the fields of the chosen action
    page.get_by_role("button", name="Appliquer aux candidatures cochées").click()
    page.get_by_text("4 candidatures mises à jour.").wait_for()

    page.get_by_role("navigation", name="Sélection de cette session").get_by_role(
        "link", name="Classement"
    ).click()
    page.get_by_role("heading", level=2, name="Classement").wait_for()
    assert ranked_names(page) == ["Inès Dupont", "Alix Durand", "Sacha Petit", "Noé Lambert"]
    page.get_by_role("button", name="Classer par note").click()
    page.get_by_text("Les candidats sont classés par note").wait_for()
    assert ranked_names(page) == ["Alix Durand", "Sacha Petit", "Inès Dupont", "Noé Lambert"]
    page.get_by_role("button", name="Faire monter Inès Dupont").click()
    page.get_by_text("Le classement est enregistré.").wait_for()
    assert ranked_names(page) == ["Alix Durand", "Inès Dupont", "Sacha Petit", "Noé Lambert"]
    screenshot(page, "selection-ranking")
    assert not axe_violations(page), describe(axe_violations(page))

    # Half the places for women: the preview shows Inès called first.
    page.get_by_role("link", name="Étape suivante : taux minimaux et ordre d’appel").click()
    page.get_by_label("Taux minimum pour : Femmes, en pourcentage").fill("50")
    page.get_by_label("Priorité de : Femmes").fill("1")
    expect(page.locator("#call-order tbody tr").first).to_contain_text("Inès Dupont")
    assert "Remonte de 1 place" in page.locator("#call-order tbody tr").first.text_content()
    page.get_by_role("button", name="Enregistrer les règles").click()
    page.get_by_text("Les règles de sélection sont enregistrées.").wait_for()
    screenshot(page, "selection-rates")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name="Publier les propositions…").click()
    page.get_by_text("2 candidats reçoivent maintenant une proposition par courriel.").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Publier les propositions et envoyer les courriels").click()
    page.get_by_text("Les propositions sont publiées : 2 candidats en ont reçu une par courriel.").wait_for()
    assert {offer.application.candidate.user.first_name for offer in Offer.objects.all()} == {"Inès", "Alix"}
    waiting = page.locator("section[aria-labelledby=waiting-title]").inner_text()
    assert "Sacha Petit" in waiting and "Noé Lambert" in waiting
    screenshot(page, "selection-offers")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("navigation", name="Sélection de cette session").get_by_role(
        "link", name="Classement"
    ).click()
    page.get_by_text("Le classement est figé").wait_for()
    assert page.get_by_role("button", name="Classer par note").count() == 0

    page.get_by_role("link", name="Inès Dupont").click()
    page.get_by_role("heading", level=1, name="Inès Dupont").wait_for()
    page.get_by_label("Nouvelle observation").fill("Très à l’aise à l’entretien ; à suivre pour le stage.")
    page.get_by_role("button", name="Ajouter l’observation").click()
    page.get_by_text("L’observation est ajoutée.").wait_for()
    screenshot(page, "selection-application")
    assert not axe_violations(page), describe(axe_violations(page))


def test_an_application_page_works_on_a_phone(phone_page, selection):
    application = selection["assessed"]["Inès"]
    log_in(phone_page, selection["member"].email, f"/selection/candidatures/{application.pk}/")
    phone_page.get_by_label("Note (sur 20)").fill("15,5")
    phone_page.get_by_role("button", name="Enregistrer la note").click()
    phone_page.get_by_text("La note est enregistrée.").wait_for()
    application.refresh_from_db()
    assert application.score == Decimal("15.5")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(phone_page, "selection-application-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
