"""A visitor reads the register of labels, filters it by region, opens a course; the calls page too.
axe-core finds nothing on either page, on a desktop or a 320 px phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.catalogue.models import Job
from gen.labelling.models import LabellingCall
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, screenshot
from tests.factories import (
    CourseFactory,
    LabelApplicationFactory,
    LabellingCallFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(reference_data):
    lens, lille, lyon = (Commune.objects.get(insee_code=code) for code in ("62498", "59350", "69123"))
    web = Job.objects.get(code="M1855")
    return [
        CourseFactory(
            title="Développeur web et mobile", commune=lens, jobs=[web], organisation__name="Pop School Lens"
        ),
        CourseFactory(title="Technicien réseaux", commune=lille, organisation__name="Code Académie"),
        CourseFactory(title="Data analyste", commune=lyon, organisation__name="Pixel Campus"),
    ]


@pytest.fixture
def calls(reference_data):
    now = timezone.now()
    open_call = LabellingCallFactory(title="Appel Hauts-de-France 2027", region_codes=["32"])
    LabelApplicationFactory(call=open_call)
    LabellingCallFactory(
        title="Appel national 2025",
        opens_at=now - datetime.timedelta(days=400),
        deadline=now - datetime.timedelta(days=300),
        state=LabellingCall.State.DECIDED,
    )
    return open_call


def test_a_visitor_filters_the_register_by_region_and_opens_a_course(page, register):
    page.goto("/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Labels").click()
    page.get_by_role("heading", level=1, name="Registre des labels en vigueur").wait_for()
    assert "3 labels en vigueur" in page.inner_text("main")

    page.get_by_label("Région", exact=True).select_option(label="Hauts-de-France")
    page.get_by_role("button", name="Appliquer les filtres").click()

    page.get_by_text("2 labels en vigueur").wait_for()
    assert "region=32" in page.url
    counts = page.locator("#counts-by-region")
    assert counts.get_by_role("row", name="Hauts-de-France 2").count() == 1
    assert "Auvergne-Rhône-Alpes" not in counts.inner_text()
    rows = page.locator("#register-table")
    assert "Data analyste" not in rows.inner_text()
    screenshot(page, "labelling-register")
    assert not axe_violations(page), describe(axe_violations(page))

    rows.get_by_role("link", name="Développeur web et mobile", exact=True).click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()
    assert "Pop School Lens" in page.inner_text("main")


def test_the_register_on_a_phone(phone_page, register):
    phone_page.goto("/labels/")
    phone_page.get_by_role("heading", level=1, name="Registre des labels en vigueur").wait_for()
    screenshot(phone_page, "labelling-register-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
    # Nothing wider than the screen but the tables, which scroll inside their own frame.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_calls_page_and_a_call(page, calls):
    page.goto("/labellisation/appels/")
    page.get_by_role("heading", level=1, name="Appels à labellisation").wait_for()
    text = page.inner_text("main")
    assert text.index("Appel Hauts-de-France 2027") < text.index("Appel national 2025")
    assert "30 jours restants" in text
    screenshot(page, "labelling-calls")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name="Appel Hauts-de-France 2027").click()
    page.get_by_role("heading", level=1, name="Appel Hauts-de-France 2027").wait_for()
    assert "80\xa0% du budget annuel de la formation" in page.inner_text("main")
    screenshot(page, "labelling-call")
    assert not axe_violations(page), describe(axe_violations(page))


def test_a_label_page(page, register):
    page.goto("/labels/")
    page.locator("#register-table").get_by_role("link", name="Détails – Data analyste").click()
    page.get_by_role("heading", level=1, name="Label de « Data analyste »").wait_for()
    screenshot(page, "labelling-label")
    assert not axe_violations(page), describe(axe_violations(page))


def test_the_national_team_suspends_a_label(page, register):
    team = MembershipFactory(role=Role.NATIONAL_TEAM, user__email="equipe@example.org").user
    label = register[2].labels.get()
    page.goto(reverse("accounts:login") + f"?next={reverse('labelling:label', args=[label.pk])}")
    page.get_by_label("Adresse électronique").fill(team.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", level=1, name="Label de « Data analyste »").wait_for()

    page.get_by_label("Motif").fill("Contrôle des présences en cours.")
    page.get_by_role("button", name="Suspendre le label").click()

    page.get_by_text("Le label est suspendu.").wait_for()
    history = page.locator("#label-history").inner_text()
    assert "Contrôle des présences en cours." in history
    assert team.get_full_name() in history
    screenshot(page, "labelling-label-team")
    assert not axe_violations(page), describe(axe_violations(page))
