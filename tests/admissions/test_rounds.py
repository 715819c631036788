"""National rounds: wishes, the round from the database (dry run, apply), the command."""

import datetime
import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from gen.admissions.models import (
    AdmissionRound,
    Application,
    CampaignSession,
    Offer,
    OfferTransition,
    Selection,
    Wish,
)
from gen.admissions.services.applications import application_refuse, ranking_save
from gen.admissions.services.campaigns import campaign_create, campaign_sessions_add, wishes_save
from gen.admissions.services.offers import call_order_freeze, offers_publish
from gen.admissions.services.round_emails import OFFER_KIND, REFERRALS_KIND
from gen.admissions.services.rounds import round_apply, round_load, round_solve
from gen.matching import allocate
from gen.notifications.models import OutboxMessage
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    OfferFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
State = Application.State


def open_campaign(slug="printemps-2027", max_wishes=3):
    return campaign_create(
        name="Printemps 2027",
        slug=slug,
        wishes_close_on=timezone.localdate() + datetime.timedelta(days=7),
        max_wishes=max_wishes,
        acting_user=None,
    )


def close_wishes(campaign):
    campaign.wishes_close_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save(update_fields=["wishes_close_on"])


def campaign_with_sessions(capacities, **options):
    campaign = open_campaign(**options)
    sessions = [SessionFactory(capacity=capacity) for capacity in capacities]
    campaign_sessions_add(campaign=campaign, sessions=sessions, acting_user=None)
    return campaign, sessions


def apply(candidate, session, rank=None):
    """`candidate`'s application to `session`, ranked `rank` (None: received, not ranked)."""
    state = State.RANKED if rank is not None else State.RECEIVED
    return ApplicationFactory(candidate=candidate, session=session, state=state, rank=rank)


def wish(candidate, campaign, *applications):
    wishes_save(
        candidate=candidate,
        campaign=campaign,
        application_ids=[application.pk for application in applications],
        acting_user=candidate.user,
    )


# Wishes


def test_a_candidate_orders_their_wishes_and_may_reorder_them():
    campaign, (lens, lille) = campaign_with_sessions([24, 24])
    candidate = CandidateFactory()
    to_lens, to_lille = apply(candidate, lens), apply(candidate, lille)

    wish(candidate, campaign, to_lille, to_lens)
    wish(candidate, campaign, to_lens, to_lille)

    assert list(Wish.objects.order_by("rank").values_list("application_id", "rank")) == [
        (to_lens.pk, 1),
        (to_lille.pk, 2),
    ]


@pytest.mark.parametrize(
    "case, message",
    [
        ("too_many", "au plus 2 vœux"),
        ("repeated", "qu'une fois"),
        ("not_own", "l'une de vos candidatures"),
        ("not_in_campaign", "l'une de vos candidatures"),
        ("closed_application", "l'une de vos candidatures"),
        ("after_deadline", "sont clos"),
    ],
)
def test_wishes_are_checked_and_nothing_is_saved_when_they_are_wrong(case, message):
    campaign, sessions = campaign_with_sessions([24, 24, 24], max_wishes=2)
    candidate = CandidateFactory()
    mine = [apply(candidate, session) for session in sessions]
    wish(candidate, campaign, mine[0])
    chosen = {
        "too_many": mine,
        "repeated": [mine[0], mine[0]],
        "not_own": [mine[0], apply(CandidateFactory(), sessions[1])],
        "not_in_campaign": [mine[0], apply(candidate, SessionFactory())],
        "closed_application": [mine[1]],
        "after_deadline": [mine[1]],
    }[case]
    if case == "closed_application":
        application_refuse(application=mine[1], reason="other", acting_user=None)
    if case == "after_deadline":
        close_wishes(campaign)

    with pytest.raises(ValidationError, match=message):
        wish(candidate, campaign, *chosen)

    assert list(Wish.objects.values_list("application_id", flat=True)) == [mine[0].pk]


def test_a_session_takes_part_in_one_campaign_at_most():
    campaign, (session,) = campaign_with_sessions([24])
    with pytest.raises(ValidationError, match="Déjà dans une campagne"):
        campaign_sessions_add(campaign=open_campaign(slug="autre"), sessions=[session], acting_user=None)


# Freezing


def test_freezing_fixes_the_call_order_without_offers_and_publishing_waits_for_the_round():
    campaign, (session,) = campaign_with_sessions([1])
    first, second = apply(CandidateFactory(), session, 1), apply(CandidateFactory(), session, 2)

    call_order_freeze(session=session, acting_user=None)

    assert dict(session.applications.values_list("pk", "call_position")) == {first.pk: 1, second.pk: 2}
    assert not Offer.objects.exists()
    with pytest.raises(ValidationError, match="déjà figé"):
        call_order_freeze(session=session, acting_user=None)
    with pytest.raises(ValidationError, match="ne peut plus changer"):
        ranking_save(session=session, ordered_ids=[second.pk, first.pk], acting_user=None)
    with pytest.raises(ValidationError, match="tour national"):
        offers_publish(session=session, acting_user=None)


# The round


def frozen_round(capacities, call_orders, wishes):
    """A campaign whose sessions have these capacities and call orders (candidate numbers, best
    first), and whose candidates wish these sessions (numbers, preferred first); wishes closed."""
    campaign, sessions = campaign_with_sessions(capacities, max_wishes=5)
    candidates = {
        number: CandidateFactory() for number in sorted({n for order in call_orders for n in order})
    }
    applications = {}
    for session, order in zip(sessions, call_orders, strict=True):
        for rank, number in enumerate(order, start=1):
            applications[number, session.pk] = apply(candidates[number], session, rank)
        call_order_freeze(session=session, acting_user=None)
    for number, wished in wishes.items():
        wish(candidates[number], campaign, *(applications[number, sessions[index].pk] for index in wished))
    close_wishes(campaign)
    return campaign, sessions, candidates


def round_offers(campaign) -> dict[int, int]:
    """Candidate id → session id of the offers made by the round."""
    ran_at = AdmissionRound.objects.get(campaign=campaign).ran_at
    offers = Offer.objects.filter(sent_at=ran_at, session__campaign_session__campaign=campaign)
    return dict(offers.values_list("application__candidate_id", "session_id"))


def test_the_round_gives_each_candidate_their_best_reachable_wish():
    # Session 0 (1 place) calls 1 then 2; session 1 (1 place) calls 2 then 3; session 2 (2 places) calls 3, 1.
    campaign, sessions, candidates = frozen_round(
        [1, 1, 2], [[1, 2], [2, 3], [3, 1]], {1: [0, 2], 2: [0, 1], 3: [1, 2]}
    )
    result = round_apply(campaign=campaign, acting_user=None)

    assert round_offers(campaign) == {
        candidates[1].pk: sessions[0].pk,
        candidates[2].pk: sessions[1].pk,
        candidates[3].pk: sessions[2].pk,
    }
    assert (result.placed, result.placed_first_wish, result.unplaced) == (3, 1, 0)
    results = dict(CampaignSession.objects.values_list("session_id", "cutoff_position"))
    assert results == {sessions[0].pk: 1, sessions[1].pk: 1, sessions[2].pk: None}
    # Candidate 1 got their first wish: they leave session 2, wished less. Candidate 3 got their second
    # wish and stays on session 1's list, which they preferred.
    states = dict(Application.objects.filter(state=State.WITHDRAWN).values_list("candidate", "session"))
    assert states == {candidates[1].pk: sessions[2].pk}
    assert Application.objects.get(candidate=candidates[3], session=sessions[1]).state == State.RANKED
    withdrawn = Application.objects.get(candidate=candidates[1], session=sessions[2])
    assert withdrawn.transitions.get().reason == "Un vœu préféré a été obtenu au tour national."


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_round_from_the_database_is_the_allocation_of_gen_matching(seed):
    rng = random.Random(seed)
    count, numbers = 5, list(range(1, 16))
    wishes = {number: rng.sample(range(count), rng.randint(1, 3)) for number in numbers}
    call_orders = [
        rng.sample([n for n in numbers if index in wishes[n]], k=sum(index in w for w in wishes.values()))
        for index in range(count)
    ]
    capacities = [rng.randint(1, 3) for _ in range(count)]
    campaign, sessions, candidates = frozen_round(capacities, call_orders, wishes)

    round_apply(campaign=campaign, acting_user=None)

    expected = allocate(
        capacity={index: capacities[index] for index in range(count)},
        call_order={index: call_orders[index] for index in range(count)},
        wishes=wishes,
    )
    assert round_offers(campaign) == {
        candidates[number].pk: sessions[index].pk
        for number, index in expected.assignment.items()
        if index is not None
    }
    positions = {
        index: call_orders[index].index(last) + 1 for index, last in expected.last_admitted.items() if last
    }
    cutoffs = dict(CampaignSession.objects.values_list("session_id", "cutoff_position"))
    assert cutoffs == {session.pk: positions.get(index) for index, session in enumerate(sessions)}


def test_a_dry_run_writes_nothing():
    campaign, _sessions, _candidates = frozen_round([1], [[1, 2]], {1: [0], 2: [0]})
    before = [model.objects.count() for model in (Offer, OfferTransition, OutboxMessage, AdmissionRound)]

    result = round_solve(round_load(campaign))
    call_command("admissions_round", campaign.slug, stdout=io.StringIO(), verbosity=0)

    assert result.placed == 1
    assert [
        model.objects.count() for model in (Offer, OfferTransition, OutboxMessage, AdmissionRound)
    ] == before
    assert not CampaignSession.objects.filter(admitted__isnull=False).exists()


def test_applying_writes_offers_their_log_the_results_the_round_and_the_emails():
    campaign, (session,), candidates = frozen_round([2], [[1, 2, 3]], {1: [0], 2: [0], 3: [0]})
    team = UserFactory()
    prescriber = UserFactory()
    Application.objects.filter(candidate=candidates[2]).update(referrer=prescriber)

    round_apply(campaign=campaign, acting_user=team)

    offers = Offer.objects.filter(session=session).select_related("application__candidate")
    assert {offer.application.candidate for offer in offers} == {candidates[1], candidates[2]}
    assert all(offer.state == Offer.State.PENDING and offer.deadline > offer.sent_at for offer in offers)
    logs = OfferTransition.objects.filter(subject__in=offers)
    assert sorted(logs.values_list("to_state", "actor")) == [("pending", team.pk)] * 2
    assert Selection.objects.get(session=session).offers_published_at is not None
    joined = CampaignSession.objects.get(session=session)
    assert (joined.places, joined.admitted, joined.cutoff_position) == (2, 2, 2)
    done = AdmissionRound.objects.get(campaign=campaign)
    assert (done.candidates, done.wishes, done.placed, done.placed_first_wish, done.unplaced) == (
        3,
        3,
        2,
        2,
        1,
    )
    assert done.ran_by == team
    mails = OutboxMessage.objects.filter(kind=OFFER_KIND)
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [candidates[1].user.email, candidates[2].user.email]
    )
    assert "Tour national" in mails[0].subject and "vœux" in mails[0].body
    (digest,) = OutboxMessage.objects.filter(kind=REFERRALS_KIND)
    assert digest.to == prescriber.email and "1 personne" in digest.body


def test_a_round_is_applied_once_and_only_after_the_wishes_close():
    campaign, _sessions, _candidates = frozen_round([1], [[1]], {1: [0]})
    campaign.wishes_close_on = timezone.localdate()
    campaign.save()
    with pytest.raises(ValidationError, match="lancez le tour après"):
        round_apply(campaign=campaign, acting_user=None)

    close_wishes(campaign)
    round_apply(campaign=campaign, acting_user=None)
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        round_apply(campaign=campaign, acting_user=None)
    assert Offer.objects.count() == 1


def test_sessions_not_frozen_are_reported_and_left_out_only_when_asked():
    campaign, (frozen, loose) = campaign_with_sessions([1, 1])
    candidate = CandidateFactory()
    to_frozen, to_loose = apply(candidate, frozen, 1), apply(candidate, loose, 1)
    call_order_freeze(session=frozen, acting_user=None)
    wish(candidate, campaign, to_loose, to_frozen)
    close_wishes(campaign)

    assert round_load(campaign).unfrozen == [loose]
    with pytest.raises(ValidationError, match="pas figé"):
        round_apply(campaign=campaign, acting_user=None)
    assert not Offer.objects.exists()

    round_apply(campaign=campaign, acting_user=None, skip_unfrozen=True)
    assert list(Offer.objects.values_list("application_id", flat=True)) == [to_frozen.pk]
    assert CampaignSession.objects.get(session=loose).admitted is None


def test_only_wishes_still_in_the_running_count_and_sessions_offer_the_places_they_have_left():
    campaign, (small, large), candidates = frozen_round(
        [2, 3], [[1, 2, 3], [4, 5]], {1: [0], 2: [0], 3: [0], 4: [1], 5: [1]}
    )
    # Session `small` has a place taken and an offer pending (before the round): no place is left.
    small.places_taken = 1
    small.save()
    outside = OfferFactory(
        application=ApplicationFactory(session=small, state=State.RANKED, rank=9), session=small
    )
    # Candidate 4 withdrew; candidate 5 already has an offer for their wish.
    Application.objects.filter(candidate=candidates[4]).update(state=State.WITHDRAWN)
    OfferFactory(application=Application.objects.get(candidate=candidates[5]), session=large)

    loaded = round_load(campaign)
    result = round_apply(campaign=campaign, acting_user=None)

    assert loaded.capacity.tolist() == [0, 2]
    assert loaded.wishes == 3 and result.placed == 0
    assert Offer.objects.exclude(application__candidate=candidates[5]).get() == outside


# The command


def test_the_command_reports_a_dry_run_then_applies():
    campaign, _sessions, _candidates = frozen_round([1], [[1, 2]], {1: [0], 2: [0]})

    out = io.StringIO()
    call_command("admissions_round", campaign.slug, stdout=out, verbosity=0)
    assert "2 candidates, 2 wishes, 1 sessions" in out.getvalue()
    assert "1 placed, 1 on their first wish (100%), 1 without a place" in out.getvalue()
    assert "Would write 1 offers" in out.getvalue()

    out = io.StringIO()
    call_command("admissions_round", campaign.slug, "--apply", stdout=out, verbosity=0)
    assert "Written: 1 offers" in out.getvalue()
    assert Offer.objects.count() == 1

    with pytest.raises(CommandError, match="déjà eu lieu"):
        call_command("admissions_round", campaign.slug, "--apply", stdout=io.StringIO(), verbosity=0)
    with pytest.raises(CommandError, match="No campaign"):
        call_command("admissions_round", "inconnue", stdout=io.StringIO(), verbosity=0)


def test_the_command_names_the_sessions_left_out():
    campaign, (session,) = campaign_with_sessions([1])
    apply(CandidateFactory(), session, 1)
    close_wishes(campaign)

    out = io.StringIO()
    call_command("admissions_round", campaign.slug, stdout=out, verbosity=0)
    assert f"not in the round, call order not frozen: {session} (#{session.pk})" in out.getvalue()
    with pytest.raises(CommandError, match="pas figé"):
        call_command("admissions_round", campaign.slug, "--apply", stdout=io.StringIO(), verbosity=0)
