"""The national team starts a campaign's round from its page; the worker runs it; the run's page follows it
by itself until it succeeds, then links to the campaign's result. axe-core finds nothing on the way."""

import pytest

from gen.accounts.models import Role
from gen.admissions.models import AdmissionRound, Offer
from gen.jobs.models import JobRun
from tests.admissions.test_round_team_views import build_campaign
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import MembershipFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_national_team_starts_a_round_and_follows_it_to_its_result(page, reference_data):
    campaign, _sessions = build_campaign()
    team = MembershipFactory(role=Role.NATIONAL_TEAM).user

    log_in(page, team.email, "/comptes/mon-espace/")
    page.get_by_role("link", name="Campagnes d'admission").click()
    page.get_by_role("heading", name="Campagnes d'admission", level=1).wait_for()
    assert "Tour non lancé" in page.text_content(f"#campaign-{campaign.slug}")
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name=campaign.name).click()
    page.get_by_role("heading", name="Sessions dont l'ordre d'appel n'est pas figé").wait_for()
    screenshot(page, "team-campaign")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_text("Laisser hors du tour les sessions dont l'ordre d'appel n'est pas figé").click()
    page.get_by_role("button", name="Lancer le tour").click()

    page.wait_for_url("**/taches/executions/*/")
    page.get_by_text("En attente du worker").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    run = JobRun.objects.get()
    assert run.arguments["skip_unfrozen"] is True

    page.evaluate("window.stillTheSamePage = true")
    run_queued_tasks()
    page.locator("#run-status").get_by_text("Réussie").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # htmx updated it: no reload
    assert "Candidats placés : 1 (sur leur premier vœu : 1) ; sans place : 2." in page.inner_text("#run-status")
    screenshot(page, "team-round-run")
    assert not axe_violations(page), describe(axe_violations(page))
    assert AdmissionRound.objects.filter(campaign=campaign).exists() and Offer.objects.count() == 1

    page.get_by_role("link", name="Voir le résultat").click()
    page.get_by_role("heading", name="Résultat du tour").wait_for()
    assert page.url.endswith(f"/equipe/campagnes/{campaign.slug}/")
    assert not axe_violations(page), describe(axe_violations(page))
