"""The national team opens a call in the browser and records the committee's decision on a dossier."""

import pytest
from django.core import mail

from gen.accounts.models import Role
from gen.catalogue.models import Course
from gen.labelling.models import Label
from gen.labelling.services.applications import application_submit
from gen.labelling.services.reviews import review_assign, review_save
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import LabelApplicationFactory, LabellingCallFactory, MembershipFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "Partenariats solides avec les employeurs du bassin minier ; publics prioritaires bien ciblés."


@pytest.fixture
def committee(reference_data):
    """A call with one dossier under review, scored by a reviewer; the national-team member who decides."""
    team = MembershipFactory(role=Role.NATIONAL_TEAM, user__email="dominique@gen.gouv.fr").user
    reviewer = MembershipFactory(
        role=Role.REVIEWER, user__first_name="Alix", user__last_name="Durand", user__email="alix@example.org"
    ).user
    call = LabellingCallFactory(title="Appel à labellisation 2027")
    application = LabelApplicationFactory(
        call=call,
        complete=True,
        course__title="Développeur web et mobile",
        course__organisation__name="Pop School Lens",
        course__organisation__email="contact@popschool.example.org",
        course__commune=Commune.objects.get(insee_code="62498"),
    )
    application_submit(application, acting_user=None)
    assignment = review_assign(application, reviewer=reviewer, acting_user=team)
    criteria = list(call.criteria.all())
    scores = {criterion.pk: (4, "Dossier solide.") for criterion in criteria}
    scores[criteria[-1].pk] = (2, "Cofinancements encore incertains.")
    review_save(assignment, scores=scores, submit=True, acting_user=reviewer)
    return {"team": team, "call": call, "application": application}


def test_the_national_team_grants_the_label_in_committee(page, committee):
    log_in(page, committee["team"].email, "/comptes/mon-espace/")
    page.locator("main").get_by_role("link", name="Appels à labellisation").click()
    page.get_by_role("heading", level=1, name="Appels à labellisation").wait_for()
    assert "0 en brouillon · 0 déposés · 1 en instruction · 0 décidés" in page.inner_text("main")

    page.get_by_role("link", name="Appel à labellisation 2027").click()
    page.get_by_role("heading", level=1, name="Appel à labellisation 2027").wait_for()
    dossier = page.locator(f"#dossier-{committee['application'].pk}")
    assert "Développeur web et mobile" in dossier.inner_text()
    assert "1 sur 1, 0 manquante" in dossier.inner_text()
    assert not axe_violations(page), describe(axe_violations(page))

    dossier.get_by_role("link", name="Notes et décision").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()
    assert "Cofinancements encore incertains." in page.inner_text("main")
    page.get_by_text("Accordé", exact=True).click()
    page.get_by_label("Motifs").fill(REASONS)
    page.get_by_role("button", name="Enregistrer la décision").click()

    page.get_by_text("Le label est accordé pour trois ans.").wait_for()
    decisions = page.locator("section[aria-labelledby=decisions-title]")
    assert "Accordé par le comité du" in decisions.inner_text()
    assert REASONS in decisions.inner_text()
    label = Label.objects.get(application=committee["application"])
    assert label.status == Label.Status.ACTIVE
    assert Course.objects.get(pk=label.course_id).is_listed
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["contact@popschool.example.org"]]

    screenshot(page, "labelling-committee-decision")
    assert not axe_violations(page), describe(axe_violations(page))


def test_the_committee_pages_work_on_a_phone(phone_page, committee):
    log_in(phone_page, committee["team"].email, f"/espace/labellisation/appels/{committee['call'].slug}/")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
    phone_page.goto(f"/espace/labellisation/dossiers/{committee['application'].pk}/decision/")
    phone_page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()
    # Nothing wider than the screen but the score tables, which scroll inside their own box.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    screenshot(phone_page, "labelling-committee-decision-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))
