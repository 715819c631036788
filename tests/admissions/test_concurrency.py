"""Never more acceptances than places, with many candidates accepting at the same instant (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gen.admissions.models import Application, Offer
from gen.admissions.services.offers import offer_accept
from gen.cohorts.models import Enrolment
from tests.factories import OfferFactory, SessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CANDIDATES = 12
PLACES = 3


def accept_all_at_once(offers: list[Offer]) -> tuple[int, list[str]]:
    """Each offer accepted in its own thread and connection, all released by one barrier."""
    barrier = threading.Barrier(len(offers))
    accepted, refusals, lock = [], [], threading.Lock()

    def accept(offer: Offer) -> None:
        try:
            barrier.wait()
            offer_accept(offer=offer, acting_user=None)
            with lock:
                accepted.append(offer.pk)
        except ValidationError as error:
            with lock:
                refusals.extend(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(accepted), refusals


def test_simultaneous_acceptances_never_exceed_the_places(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks and concurrent transactions are PostgreSQL's.")
    session = SessionFactory(capacity=PLACES)
    # More offers than places, as after an over-generous round: the database must hold the line.
    offers = [
        OfferFactory(
            session=session,
            application__session=session,
            application__rank=position,
            application__call_position=position,
        )
        for position in range(1, CANDIDATES + 1)
    ]

    accepted, refusals = accept_all_at_once(offers)

    session.refresh_from_db()
    assert accepted == PLACES
    assert session.places_taken == PLACES
    assert Enrolment.objects.filter(session=session).count() == PLACES
    assert Application.objects.filter(session=session, state=Application.State.ADMITTED).count() == PLACES
    assert refusals == ["Il n'y a plus de place dans cette session."] * (CANDIDATES - PLACES)


def test_a_round_started_by_several_people_at_once_is_queued_once(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks and concurrent transactions are PostgreSQL's.")
    from gen.admissions.services.rounds import round_start
    from gen.jobs.models import JobRun
    from tests.admissions.test_round_team_views import build_campaign

    campaign, _sessions = build_campaign(unfrozen=False)
    starters = 8
    barrier = threading.Barrier(starters)
    refusals, lock = [], threading.Lock()

    def start() -> None:
        try:
            barrier.wait()
            round_start(campaign=campaign, acting_user=None)
        except ValidationError as error:
            with lock:
                refusals.extend(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(starters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert JobRun.objects.filter(job="admissions-round").count() == 1
    assert refusals == [
        "Le tour de cette campagne est déjà en attente ou en cours : suivez-le sur sa page."
    ] * (starters - 1)
