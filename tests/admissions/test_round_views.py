"""The pages of national rounds: a candidate's wishes and result, an organisation's sessions in a campaign."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.admissions.models import Application, Selection, Wish
from gen.admissions.services.campaigns import campaign_create, campaign_sessions_add, wishes_save
from gen.admissions.services.offers import call_order_freeze
from gen.admissions.services.rounds import round_apply
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db
State = Application.State
LOGIN_URL = reverse("accounts:login")


@pytest.fixture
def campaign():
    return campaign_create(
        name="Printemps 2027",
        slug="printemps-2027",
        wishes_close_on=timezone.localdate() + datetime.timedelta(days=7),
        max_wishes=2,
        acting_user=None,
    )


def cells(page: str, row_id: str) -> list[str]:
    """The text of the data cells of a table row."""
    row = page[page.index(f'id="{row_id}"') :].split("</tr>")[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def close_wishes(campaign):
    campaign.wishes_close_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save(update_fields=["wishes_close_on"])


def wishes_url(campaign) -> str:
    return reverse("admissions:round_wishes", kwargs={"slug": campaign.slug})


def campaign_url(campaign) -> str:
    return reverse("admissions:round_campaign", kwargs={"slug": campaign.slug})


def freeze_url(campaign, session) -> str:
    return reverse("admissions:round_session_freeze", kwargs={"slug": campaign.slug, "pk": session.pk})


# Candidates


@pytest.fixture
def candidate_in(campaign):
    """A candidate with applications to three sessions of the campaign, none of them a wish yet."""
    sessions = [SessionFactory() for _ in range(3)]
    campaign_sessions_add(campaign=campaign, sessions=sessions, acting_user=None)
    candidate = CandidateFactory()
    applications = [ApplicationFactory(candidate=candidate, session=session) for session in sessions]
    return candidate, applications


def wished(candidate) -> list[int]:
    return list(
        Wish.objects.filter(candidate=candidate).order_by("rank").values_list("application_id", flat=True)
    )


def test_the_wishes_page_is_for_candidates_of_the_campaign_only(client, campaign, candidate_in):
    assert client.get(wishes_url(campaign)).url.startswith(LOGIN_URL)
    client.force_login(CandidateFactory().user)
    assert client.get(wishes_url(campaign)).status_code == 404
    assert client.get(reverse("admissions:round_wishes", kwargs={"slug": "inconnue"})).status_code == 404

    client.force_login(candidate_in[0].user)
    page = client.get(wishes_url(campaign)).content.decode()
    assert "Vous n'avez encore aucun vœu" in page
    assert page.count('value="add:') == 3
    assert campaign.name in client.get(reverse("admissions:round_candidate_campaigns")).content.decode()


def test_a_candidate_adds_orders_and_removes_wishes_with_buttons(client, campaign, candidate_in):
    candidate, (first, second, third) = candidate_in
    client.force_login(candidate.user)

    for move in (f"add:{first.pk}", f"add:{second.pk}", f"up:{second.pk}"):
        response = client.post(wishes_url(campaign), {"move": move}, follow=True)
    assert wished(candidate) == [second.pk, first.pk]
    assert "Vos vœux sont enregistrés" in response.content.decode()

    response = client.post(wishes_url(campaign), {"move": f"add:{third.pk}"}, follow=True)
    assert "au plus 2 vœux" in response.content.decode()
    client.post(wishes_url(campaign), {"move": f"down:{second.pk}"})
    assert wished(candidate) == [first.pk, second.pk]
    client.post(wishes_url(campaign), {"move": f"remove:{first.pk}"})
    assert wished(candidate) == [second.pk]


def test_a_candidate_cannot_move_what_is_not_theirs_or_send_nonsense(client, campaign, candidate_in):
    candidate, (first, *_rest) = candidate_in
    other = ApplicationFactory(session=first.session)
    client.force_login(candidate.user)

    for move in (f"add:{other.pk}", f"up:{other.pk}", f"remove:{first.pk}", "jump:1", "add:abc", ""):
        assert client.post(wishes_url(campaign), {"move": move}).status_code == 404
    assert wished(candidate) == []


def test_after_the_deadline_the_wishes_are_shown_but_no_longer_change(client, campaign, candidate_in):
    candidate, (first, second, _third) = candidate_in
    wishes_save(candidate=candidate, campaign=campaign, application_ids=[first.pk], acting_user=None)
    close_wishes(campaign)
    client.force_login(candidate.user)

    page = client.get(wishes_url(campaign)).content.decode()
    assert 'name="move"' not in page and "Les vœux ont été clos" in page
    response = client.post(wishes_url(campaign), {"move": f"add:{second.pk}"}, follow=True)
    assert "sont clos" in response.content.decode()
    assert wished(candidate) == [first.pk]


def test_after_the_round_a_candidate_sees_their_place_and_why_better_wishes_were_out_of_reach(
    client, campaign
):
    full, mine = SessionFactory(capacity=1), SessionFactory(capacity=1)
    campaign_sessions_add(campaign=campaign, sessions=[full, mine], acting_user=None)
    rival, candidate = CandidateFactory(), CandidateFactory()
    ApplicationFactory(candidate=rival, session=full, state=State.RANKED, rank=1)
    mine_to_full = ApplicationFactory(candidate=candidate, session=full, state=State.RANKED, rank=2)
    mine_to_mine = ApplicationFactory(candidate=candidate, session=mine, state=State.RANKED, rank=1)
    for session in (full, mine):
        call_order_freeze(session=session, acting_user=None)
    wishes_save(
        candidate=candidate,
        campaign=campaign,
        application_ids=[mine_to_full.pk, mine_to_mine.pk],
        acting_user=None,
    )
    wishes_save(
        candidate=rival,
        campaign=campaign,
        application_ids=[Application.objects.get(candidate=rival).pk],
        acting_user=None,
    )
    close_wishes(campaign)
    round_apply(campaign=campaign, acting_user=None)
    client.force_login(candidate.user)

    page = client.get(wishes_url(campaign)).content.decode()

    assert "Le tour vous donne une place" in page and "(vœu 2)" in page
    assert "le dernier candidat admis a été appelé en position 1 ; vous étiez en position 2" in page
    assert reverse("admissions:candidate_offer_accept", kwargs={"pk": mine_to_mine.offer.pk}) in page


# Organisations


@pytest.fixture
def two_organisations_in(campaign):
    """A member of an organisation with a session in the campaign; another organisation's session too."""
    member = MembershipFactory(role=Role.ORGANISATION)
    mine = SessionFactory(course__organisation=member.organisation)
    theirs = SessionFactory()
    campaign_sessions_add(campaign=campaign, sessions=[mine, theirs], acting_user=None)
    return member.user, mine, theirs


def test_the_campaign_page_is_for_members_of_an_organisation_taking_part(
    client, campaign, two_organisations_in
):
    user, mine, theirs = two_organisations_in
    assert client.get(campaign_url(campaign)).url.startswith(LOGIN_URL)
    client.force_login(CandidateFactory().user)
    assert client.get(campaign_url(campaign)).status_code == 403
    client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
    assert client.get(campaign_url(campaign)).status_code == 404
    assert campaign.name not in client.get(reverse("admissions:round_campaigns")).content.decode()

    client.force_login(user)
    page = client.get(campaign_url(campaign)).content.decode()
    assert f'id="session-{mine.pk}"' in page and f'id="session-{theirs.pk}"' not in page
    assert campaign.name in client.get(reverse("admissions:round_campaigns")).content.decode()


def test_a_member_freezes_the_call_order_of_their_sessions_only(client, campaign, two_organisations_in):
    user, mine, theirs = two_organisations_in
    for session in (mine, theirs):
        ApplicationFactory(session=session, state=State.RANKED, rank=1)
    client.force_login(user)

    assert client.get(freeze_url(campaign, mine)).status_code == 405
    assert client.post(freeze_url(campaign, theirs)).status_code == 404
    response = client.post(freeze_url(campaign, mine), follow=True)

    assert "est figé" in response.content.decode()
    assert Selection.objects.get(session=mine).call_order_frozen_at is not None
    assert not Selection.objects.filter(session=theirs).exists()
    response = client.post(freeze_url(campaign, mine), follow=True)
    assert "déjà figé" in response.content.decode()


def test_a_session_without_ranking_cannot_be_frozen(client, campaign, two_organisations_in):
    user, mine, _theirs = two_organisations_in
    client.force_login(user)
    response = client.post(freeze_url(campaign, mine), follow=True)
    assert "Classez au moins un candidat" in response.content.decode()


def test_after_the_round_a_member_sees_what_it_gave_their_sessions(client, campaign, two_organisations_in):
    user, mine, theirs = two_organisations_in
    mine.capacity = 1
    mine.save()
    for rank in (1, 2):
        application = ApplicationFactory(session=mine, state=State.RANKED, rank=rank)
        wishes_save(
            candidate=application.candidate,
            campaign=campaign,
            application_ids=[application.pk],
            acting_user=None,
        )
    call_order_freeze(session=mine, acting_user=None)
    close_wishes(campaign)
    round_apply(campaign=campaign, acting_user=None, skip_unfrozen=True)
    client.force_login(user)

    page = client.get(campaign_url(campaign)).content.decode()

    assert "Le tour a eu lieu le" in page
    frozen_on = timezone.localdate().strftime("%d/%m/%Y")
    assert cells(page, f"session-{mine.pk}") == ["2", f"Figé le {frozen_on}", "0", "1", "1", "1"]


def test_the_campaign_page_reads_a_fixed_number_of_queries(client, campaign, two_organisations_in):
    user, mine, _theirs = two_organisations_in
    client.force_login(user)
    with CaptureQueriesContext(connection) as one:
        client.get(campaign_url(campaign))
    more = [SessionFactory(course=mine.course) for _ in range(3)]
    campaign_sessions_add(campaign=campaign, sessions=more, acting_user=None)
    with CaptureQueriesContext(connection) as four:
        client.get(campaign_url(campaign))
    assert len(four) == len(one)
