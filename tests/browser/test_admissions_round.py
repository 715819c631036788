"""A national round in the browser: an organisation freezes its call order, a candidate orders their
wishes with buttons, the round runs, both see its result. axe-core finds nothing on the way."""

import datetime

import pytest
from django.utils import timezone

from gen.accounts.models import Role
from gen.admissions.models import Application, Wish
from gen.admissions.services.campaigns import campaign_create, campaign_sessions_add
from gen.admissions.services.offers import call_order_freeze
from gen.admissions.services.rounds import round_apply
from tests.browser.conftest import axe_violations, describe, log_in, screenshot
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_round_from_freezing_to_the_candidate_s_result(page, reference_data):
    campaign = campaign_create(
        name="Printemps 2027",
        slug="printemps-2027",
        wishes_close_on=timezone.localdate() + datetime.timedelta(days=3),
        acting_user=None,
    )
    member = MembershipFactory(role=Role.ORGANISATION)
    lens = SessionFactory(
        course__title="Développeur web", course__organisation=member.organisation, capacity=1
    )
    lille = SessionFactory(course__title="Technicien réseaux", capacity=1)
    campaign_sessions_add(campaign=campaign, sessions=[lens, lille], acting_user=None)
    candidate, rival = CandidateFactory(), CandidateFactory()
    ApplicationFactory(candidate=rival, session=lens, state=Application.State.RANKED, rank=1)
    ApplicationFactory(candidate=candidate, session=lens, state=Application.State.RANKED, rank=2)
    ApplicationFactory(candidate=candidate, session=lille, state=Application.State.RANKED, rank=1)
    call_order_freeze(session=lille, acting_user=None)

    log_in(page, member.user.email, f"/selection/campagnes/{campaign.slug}/")
    page.get_by_role("button", name="Figer l'ordre d'appel : Développeur web").click()
    page.get_by_text("est figé").wait_for()
    screenshot(page, "round-campaign")
    assert not axe_violations(page), describe(axe_violations(page))

    page.context.clear_cookies()
    log_in(page, candidate.user.email, f"/candidat/campagnes/{campaign.slug}/voeux/")
    page.get_by_role("button", name="Ajouter à mes vœux : Technicien réseaux").click()
    page.get_by_role("button", name="Ajouter à mes vœux : Développeur web").click()
    page.get_by_role("button", name="Monter : Développeur web").click()
    page.get_by_text("Vos vœux sont enregistrés").wait_for()
    screenshot(page, "round-wishes")
    assert not axe_violations(page), describe(axe_violations(page))
    assert list(
        Wish.objects.filter(candidate=candidate)
        .order_by("rank")
        .values_list("application__session", flat=True)
    ) == [
        lens.pk,
        lille.pk,
    ]

    Wish.objects.create(
        campaign=campaign, candidate=rival, application=Application.objects.get(candidate=rival), rank=1
    )
    campaign.wishes_close_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    round_apply(campaign=campaign, acting_user=None)
    page.reload()

    page.get_by_role(
        "heading", name="Le tour vous donne une place : « Technicien réseaux » (vœu 2)"
    ).wait_for()
    assert "appelé en position 1 ; vous étiez en position 2" in page.inner_text("main")
    screenshot(page, "round-result")
    assert not axe_violations(page), describe(axe_violations(page))
