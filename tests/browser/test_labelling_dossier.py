"""A training organisation fills in its label application in the browser, uploads PDFs and submits it."""

import pytest

from gen.accounts.models import Role
from gen.catalogue.models import Job
from gen.labelling.models import LabelApplication
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import (
    CourseFactory,
    LabelApplicationFactory,
    LabellingCallFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def member(reference_data):
    lens = Commune.objects.get(insee_code="62498")
    organisation = OrganisationFactory(
        name="Pop School Lens", commune=lens, activity_declaration_number="32590000000"
    )
    CourseFactory(
        organisation=organisation,
        title="Développeur web et mobile",
        commune=lens,
        jobs=[Job.objects.get(code="M1855")],
        labelled=False,
    )
    LabellingCallFactory(title="Appel à labellisation 2027")
    return MembershipFactory(
        role=Role.ORGANISATION, organisation=organisation, user__email="camille@popschool.fr"
    ).user


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% a small test document\n"}


def test_a_member_fills_in_uploads_and_submits_a_dossier(page, member):
    log_in(page, member.email, "/espace/dossiers/")
    page.get_by_role("heading", level=1, name="Candidatures au label").wait_for()
    page.get_by_role("button", name="Commencer un dossier").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()

    publics = page.locator("#publics")
    for label, value in [
        ("Personnes de niveau bac ou infra (%)", "60"),
        ("Jeunes de moins de 26 ans (%)", "50"),
        ("Femmes (%)", "40"),
        ("Habitants des QPV ou ZRR (%)", "25"),
        ("Demandeurs d’emploi (%)", "70"),
    ]:
        publics.get_by_label(label).fill(value)
    publics.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("« Engagements sur les publics prioritaires » : enregistré comme brouillon.").wait_for()

    partners = page.locator("#partners")
    partners.get_by_label("Partenaires du sourcing").fill(
        "France Travail Lens, Mission Locale de Lens-Liévin"
    )
    partners.get_by_label("Partenaires employeurs et besoins locaux de recrutement").fill(
        "Six entreprises du numérique de l'agglomération"
    )
    partners.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("« Partenaires » : enregistré comme brouillon.").wait_for()

    budget = page.locator("#budget")
    budget.get_by_label("Budget annuel de la formation (€)").fill("288000")
    budget.get_by_label("Subvention d’amorçage demandée (€)").fill("100000")
    # htmx recomputes the cost per learner as the figures are typed: 288 000 € for 48 learners.
    page.locator("#budget-summary").get_by_text("6\xa0000 €").wait_for()
    budget.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("« Budget » : enregistré comme brouillon.").wait_for()

    budget = page.locator("#budget")
    budget.get_by_label("Cofinanceur").fill("Région Hauts-de-France")
    budget.get_by_label("Montant (€)").fill("90000")
    budget.get_by_role("button", name="Ajouter le cofinancement").click()
    page.get_by_text("Cofinancement ajouté.").wait_for()

    for kind, name in [("programme", "programme.pdf"), ("budget", "budget-detaille.pdf")]:
        attachments = page.locator("#attachments")
        attachments.get_by_label("Type de document").select_option(kind)
        attachments.get_by_label("Fichier PDF").set_input_files(pdf_file(name))
        attachments.get_by_role("button", name="Ajouter le document").click()
        page.get_by_text("Document ajouté.").wait_for()
        page.locator("#attachments").get_by_role("link", name=name).wait_for()

    assert "Votre dossier est complet : vous pouvez le déposer." in page.inner_text("main")
    screenshot(page, "labelling-dossier-draft")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name="Déposer le dossier").click()
    page.get_by_role("button", name="Confirmer le dépôt").click()
    page.get_by_text("Votre dossier est déposé.").wait_for()

    main = page.inner_text("main")
    assert "Déposé" in main and "Étape 2 sur 4" in main
    assert "Enregistrer le brouillon" not in main
    application = LabelApplication.objects.get()
    assert application.state == LabelApplication.State.SUBMITTED
    assert application.attachments.count() == 2 and application.co_fundings.count() == 1
    screenshot(page, "labelling-dossier-submitted")
    assert not axe_violations(page), describe(axe_violations(page))


def test_the_dossier_page_works_on_a_phone(phone_page, member):
    application = LabelApplicationFactory(course=member.memberships.get().organisation.courses.get())
    log_in(phone_page, member.email, f"/espace/dossiers/{application.pk}/")

    phone_page.get_by_role("heading", level=1).wait_for()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 320px"
    screenshot(phone_page, "labelling-dossier-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))

    phone_page.goto("/espace/dossiers/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the list scrolls sideways by {overflow}px at 320px"
    screenshot(phone_page, "labelling-dossiers-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
