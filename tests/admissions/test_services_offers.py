"""Offers: published in call order up to the places, answered, expired, passed on to the next called."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.admissions.models import Application, MinimumRate, Offer
from gen.admissions.publics import Public
from gen.admissions.services.offers import (
    application_withdraw,
    compute_call_order,
    offer_accept,
    offer_decline,
    offers_expire,
    offers_publish,
    offers_remind,
)
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.notifications.models import OutboxMessage
from tests.factories import ApplicationFactory, CandidateFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Application.State


def ranked(session, count: int, **candidate_fields) -> list[Application]:
    """`count` ranked applications to `session`, appended after those already ranked."""
    start = session.applications.count()
    return [
        ApplicationFactory(
            session=session,
            state=State.RANKED,
            rank=start + position,
            candidate=CandidateFactory(**candidate_fields),
        )
        for position in range(1, count + 1)
    ]


@pytest.fixture
def team():
    return UserFactory()


@pytest.fixture
def session():
    return SessionFactory(capacity=2)


def pending(session) -> list[Application]:
    return [offer.application for offer in session.offers.filter(state=Offer.State.PENDING).order_by("pk")]


def test_publishing_freezes_the_call_order_and_offers_the_places(session, team):
    first, second, third = ranked(session, 3)

    offers = offers_publish(session=session, acting_user=team)

    assert [offer.application for offer in offers] == [first, second]
    positions = dict(session.applications.values_list("pk", "call_position"))
    assert positions == {first.pk: 1, second.pk: 2, third.pk: 3}
    assert OutboxMessage.objects.filter(kind="admissions.offer_made").count() == 2
    with pytest.raises(ValidationError, match="déjà publiées"):
        offers_publish(session=session, acting_user=team)


def test_publishing_needs_a_ranking(session, team):
    ApplicationFactory(session=session)
    with pytest.raises(ValidationError, match="Classez au moins"):
        offers_publish(session=session, acting_user=team)


def test_the_call_order_holds_the_minimum_rate_of_women():
    session = SessionFactory()
    men = ranked(session, 3)
    (woman,) = ranked(session, 1, gender="woman")
    MinimumRate.objects.create(session=session, public=Public.WOMEN, rate=50, precedence=1)

    # k=1: 0 women among 0 called < 50 % × 1, so the best-ranked woman comes first.
    # k=2: 1 ≥ 50 % × 2 — not binding; k=3: no woman remains.
    assert compute_call_order(session) == [woman.pk, men[0].pk, men[1].pk, men[2].pk]


def test_without_saved_rates_the_label_commitments_apply(team):
    from tests.factories import LabelApplicationFactory, LabelFactory

    dossier = LabelApplicationFactory(complete=True)  # commits to 40 % of women among others
    session = SessionFactory(course=dossier.course)
    LabelFactory(course=dossier.course, application=dossier)
    man, woman = ranked(session, 1)[0], ranked(session, 1, gender="woman")[0]

    assert compute_call_order(session) == [woman.pk, man.pk]


def test_a_declined_offer_goes_to_the_next_called(session, team):
    first, second, third = ranked(session, 3)
    offers_publish(session=session, acting_user=team)

    offer_decline(offer=first.offer, acting_user=first.candidate.user)

    first.refresh_from_db()
    assert first.state == State.WITHDRAWN
    assert first.offer.state == Offer.State.DECLINED
    assert pending(session) == [second, third]


def test_accepting_takes_a_place_and_enrols(session, team):
    first, _second = ranked(session, 2)
    offers_publish(session=session, acting_user=team)

    enrolment = offer_accept(offer=first.offer, acting_user=first.candidate.user)

    session.refresh_from_db()
    first.refresh_from_db()
    assert session.places_taken == 1
    assert first.state == State.ADMITTED
    assert enrolment == Enrolment.objects.get(application=first)
    assert list(first.offer.transitions.values_list("to_state", flat=True)) == ["pending", "accepted"]


def test_accepting_withdraws_the_candidate_from_overlapping_sessions(
    session, team, django_capture_on_commit_callbacks
):
    (accepted,) = ranked(session, 1)
    elsewhere = SessionFactory(capacity=1, start_date=session.start_date + datetime.timedelta(days=30))
    later = SessionFactory(capacity=1, start_date=session.end_date + datetime.timedelta(days=10))
    other_offer_app = ApplicationFactory(
        session=elsewhere, candidate=accepted.candidate, state=State.RANKED, rank=1
    )
    next_in_line = ranked(elsewhere, 1)[0]
    not_overlapping = ApplicationFactory(session=later, candidate=accepted.candidate)
    offers_publish(session=session, acting_user=team)
    offers_publish(session=elsewhere, acting_user=team)
    assert pending(elsewhere) == [other_offer_app]

    with django_capture_on_commit_callbacks(execute=True):
        offer_accept(offer=accepted.offer, acting_user=accepted.candidate.user)

    other_offer_app.refresh_from_db()
    not_overlapping.refresh_from_db()
    assert other_offer_app.state == State.WITHDRAWN
    assert other_offer_app.offer.state == Offer.State.CANCELLED
    assert not_overlapping.state == State.RECEIVED
    # The place freed in the other session went to its next called, after commit.
    assert pending(elsewhere) == [next_in_line]


def test_an_offer_cannot_be_accepted_twice_late_or_without_a_place(session, team):
    first, second = ranked(session, 2)
    offers_publish(session=session, acting_user=team)
    offer_accept(offer=first.offer, acting_user=first.candidate.user)
    with pytest.raises(ValidationError, match="ne peut plus être acceptée"):
        offer_accept(offer=first.offer, acting_user=first.candidate.user)

    Offer.objects.filter(pk=second.offer.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=6),
        deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    second.refresh_from_db()
    with pytest.raises(ValidationError, match="délai"):
        offer_accept(offer=second.offer, acting_user=second.candidate.user)

    Session.objects.filter(pk=session.pk).update(capacity=1)  # the one place is taken
    Offer.objects.filter(pk=second.offer.pk).update(deadline=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="plus de place"):
        offer_accept(offer=second.offer, acting_user=second.candidate.user)
    assert Enrolment.objects.filter(session=session).count() == 1


def test_expired_offers_pass_to_the_next_called(session, team):
    first, second, third = ranked(session, 3)
    offers_publish(session=session, acting_user=team)
    Offer.objects.filter(application=first).update(
        sent_at=timezone.now() - datetime.timedelta(days=6),
        deadline=timezone.now() - datetime.timedelta(hours=1),
    )

    assert offers_expire() == 1
    assert offers_expire() == 0

    first.refresh_from_db()
    assert first.offer.state == Offer.State.EXPIRED
    assert first.state == State.WITHDRAWN
    assert pending(session) == [second, third]
    assert OutboxMessage.objects.filter(
        kind="admissions.offer_expired", to=first.candidate.user.email
    ).exists()


def test_candidates_are_reminded_once_the_day_before(session, team):
    first, second = ranked(session, 2)
    offers_publish(session=session, acting_user=team)
    Offer.objects.filter(application=first).update(deadline=timezone.now() + datetime.timedelta(hours=20))

    assert offers_remind() == 1
    assert offers_remind() == 0
    assert OutboxMessage.objects.filter(kind="admissions.offer_reminder").count() == 1


def test_an_admitted_candidate_gives_the_place_back(session, team):
    first, second, third = ranked(session, 3)
    offers_publish(session=session, acting_user=team)
    offer_accept(offer=first.offer, acting_user=first.candidate.user)

    application_withdraw(application=first, acting_user=first.candidate.user)

    session.refresh_from_db()
    first.refresh_from_db()
    assert session.places_taken == 0
    assert first.offer.state == Offer.State.CANCELLED
    assert not Enrolment.objects.filter(application=first).exists()
    assert pending(session) == [second, third]


def test_no_place_given_back_once_the_session_has_started(team):
    session = SessionFactory(
        capacity=1,
        start_date=timezone.localdate(),
        application_opens_on=timezone.localdate() - datetime.timedelta(days=60),
        application_closes_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    (first,) = ranked(session, 1)
    offers_publish(session=session, acting_user=team)
    offer_accept(offer=first.offer, acting_user=first.candidate.user)

    with pytest.raises(ValidationError, match="a commencé"):
        application_withdraw(application=first, acting_user=first.candidate.user)


def test_the_daily_command_is_a_dry_run_unless_applied(session, team):
    from io import StringIO

    from django.core.management import call_command

    first, second, third = ranked(session, 3)
    offers_publish(session=session, acting_user=team)
    Offer.objects.filter(application=first).update(
        sent_at=timezone.now() - datetime.timedelta(days=6),
        deadline=timezone.now() - datetime.timedelta(hours=1),
    )

    out = StringIO()
    call_command("expire_offers", stdout=out)
    assert "1 offer(s) would expire" in out.getvalue()
    assert Offer.objects.get(application=first).state == Offer.State.PENDING

    call_command("expire_offers", "--apply", stdout=out)
    assert Offer.objects.get(application=first).state == Offer.State.EXPIRED
    assert pending(session) == [second, third]
