"""The candidate's pages: applying to a session, the space (withdraw, answer offers, explanations), and the
boundaries: nobody sees or acts on an application or an offer that is not theirs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from gen.accounts.models import Role
from gen.admissions.models import Application, Offer, RefusalReason
from gen.admissions.services.applications import application_refuse
from gen.admissions.services.offers import offers_publish
from gen.cohorts.models import Enrolment
from gen.notifications.models import OutboxMessage
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    CourseFactory,
    MembershipFactory,
    OfferFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SPACE_URL = reverse("admissions:candidate_space")
MOTIVATION = (
    "Depuis deux ans je répare les ordinateurs de ma famille et de mes voisins, et j'ai suivi des tutoriels "
    "en ligne pour apprendre le HTML. Je veux en faire un métier : cette formation gratuite, avec un stage, "
    "est ce qu'il me faut pour y arriver."
)


def content(response) -> str:
    return response.content.decode()


def french(label) -> str:
    with translation.override("fr"):
        return str(label)


def apply_url(session) -> str:
    return reverse("admissions:candidate_apply", args=[session.pk])


def withdraw_url(application) -> str:
    return reverse("admissions:candidate_withdraw", args=[application.pk])


def accept_url(offer) -> str:
    return reverse("admissions:candidate_offer_accept", args=[offer.pk])


def decline_url(offer) -> str:
    return reverse("admissions:candidate_offer_decline", args=[offer.pk])


@pytest.fixture
def candidate(client):
    candidate = CandidateFactory(user__first_name="Alix", user__email="alix@example.org")
    client.force_login(candidate.user)
    return candidate


@pytest.fixture
def session():
    return SessionFactory(course__title="Développeur web", name="Promotion printemps", capacity=1)


def ranked(session, candidate=None, rank=1) -> Application:
    return ApplicationFactory(
        session=session, candidate=candidate or CandidateFactory(), state=Application.State.RANKED, rank=rank
    )


# Applying


def test_applying_needs_a_login_and_comes_back_after_it(client, session):
    response = client.get(apply_url(session))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={apply_url(session)}"


def test_a_user_without_profile_is_sent_to_the_profile_then_back(client, session):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)

    response = client.get(apply_url(session))

    assert response.status_code == 302
    assert (
        response.url
        == f"{reverse('admissions:candidate_profile')}?next=%2Fcandidat%2Fcandidater%2F{session.pk}%2F"
    )
    assert (
        client.post(
            apply_url(session), {"motivation": MOTIVATION, "availability": "Tout de suite"}
        ).status_code
        == 302
    )
    assert not Application.objects.exists()


def test_the_apply_page_shows_the_session_and_a_live_character_counter(client, candidate, session):
    page = content(client.get(apply_url(session)))

    assert "Candidater à Développeur web" in page
    assert "Promotion printemps" in page
    assert "Au moins 200 caractères" in page
    assert 'data-min-length="200"' in page
    assert "character_counter.js" in page


def test_a_candidate_applies_and_finds_the_application_in_the_space(client, candidate, session):
    response = client.post(apply_url(session), {"motivation": MOTIVATION, "availability": "Dès janvier"})

    assert response.url == SPACE_URL
    application = Application.objects.get(candidate=candidate, session=session)
    assert application.state == Application.State.RECEIVED
    assert application.availability == "Dès janvier"
    assert OutboxMessage.objects.get(to="alix@example.org").kind == "admissions.received"
    space = content(client.get(SPACE_URL))
    assert "Votre candidature est envoyée" in space
    assert "Développeur web" in space
    assert f'fr-badge--info">{french(Application.State.RECEIVED.label)}</p>' in space


def test_a_motivation_too_short_is_refused_with_the_count(client, candidate, session):
    response = client.post(
        apply_url(session), {"motivation": "Je suis motivé.", "availability": "Dès janvier"}
    )

    assert response.status_code == 200
    assert "au moins 200 caractères (15 pour l" in content(response)
    assert not Application.objects.exists()


def test_missing_answers_are_refused_in_french(client, candidate, session):
    response = client.post(apply_url(session), {"motivation": "", "availability": ""})

    assert "Parlez-nous de votre motivation." in content(response)
    assert "Indiquez à partir de quand vous êtes disponible." in content(response)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [
        ({"application_opens_on": 3}, "ouvrent le"),
        ({"application_closes_on": -1}, "ont fermé le"),
    ],
)
def test_no_application_outside_the_window(client, candidate, days_from_today, message, today):
    window = {field: today + datetime.timedelta(days=days) for field, days in days_from_today.items()}
    start = today + datetime.timedelta(days=60)
    opens_on = window.get("application_opens_on", today - datetime.timedelta(days=30))
    session = SessionFactory(
        start_date=start,
        application_opens_on=opens_on,
        application_closes_on=window.get("application_closes_on", opens_on + datetime.timedelta(days=20)),
    )

    page = client.get(apply_url(session))
    response = client.post(apply_url(session), {"motivation": MOTIVATION, "availability": "Dès janvier"})

    assert message in content(page)
    assert 'name="motivation"' not in content(page)
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_applying_twice_shows_the_first_application(client, candidate, session):
    ApplicationFactory(candidate=candidate, session=session)

    page = client.get(apply_url(session))
    client.post(apply_url(session), {"motivation": MOTIVATION, "availability": "Dès janvier"})

    assert "Vous avez déjà candidaté à cette session" in content(page)
    assert SPACE_URL in content(page)
    assert Application.objects.filter(candidate=candidate).count() == 1


def test_applying_to_an_unknown_or_unlisted_session_is_a_404(client, candidate):
    unlisted = SessionFactory(course=CourseFactory(labelled=False))

    assert client.get(apply_url(unlisted)).status_code == 404
    assert client.get(reverse("admissions:candidate_apply", args=[999_999])).status_code == 404


# The space


def test_the_space_needs_a_login(client):
    response = client.get(SPACE_URL)
    assert response.url.startswith(reverse("accounts:login"))


def test_the_space_lists_only_the_candidates_own_applications(client, candidate, session):
    ApplicationFactory(candidate=candidate, session=session)
    ApplicationFactory(session=SessionFactory(course__title="Technicien réseaux"))

    page = content(client.get(SPACE_URL))

    assert "Développeur web" in page
    assert "Technicien réseaux" not in page


def test_the_space_of_someone_without_profile_asks_for_it(client):
    client.force_login(MembershipFactory(role=Role.CANDIDATE).user)
    page = content(client.get(SPACE_URL))
    assert "Remplissez votre profil avant de candidater" in page
    assert "Vous n’avez encore candidaté à aucune session" in page


def test_the_space_reads_a_fixed_number_of_queries_whatever_the_number_of_applications(client, candidate):
    ApplicationFactory(candidate=candidate)
    with CaptureQueriesContext(connection) as one:
        client.get(SPACE_URL)
    for _ in range(4):
        ApplicationFactory(candidate=candidate)
    with CaptureQueriesContext(connection) as five:
        client.get(SPACE_URL)

    assert len(five) == len(one)


def test_a_refused_candidate_sees_the_reason_and_the_comment(client, candidate, session):
    application = ApplicationFactory(candidate=candidate, session=session)
    application_refuse(
        application=application,
        reason=RefusalReason.AVAILABILITY,
        comment="Les cours ont lieu en journée ; revenez vers nous à la session d'automne.",
        acting_user=None,
    )

    page = content(client.get(SPACE_URL))

    assert f'fr-badge--error">{french(Application.State.REFUSED.label)}</p>' in page
    assert f"Motif :</strong> {french(RefusalReason.AVAILABILITY.label)}" in page
    assert "revenez vers nous à la session d&#x27;automne" in page


def test_a_ranked_candidate_waiting_sees_where_they_stand(client, candidate):
    session = SessionFactory(capacity=1)
    first = ranked(session, rank=1)
    ranked(session, rank=2)
    ranked(session, candidate, rank=3)
    offers_publish(session=session, acting_user=None)

    page = content(client.get(SPACE_URL))

    assert first.offer.state == Offer.State.PENDING
    assert "Vous êtes n° 3 dans l’ordre d’appel" in page
    assert "Places attribuées : 0 sur 1." in page
    assert "Les propositions sont allées jusqu’au n° 1." in page
    assert "1 personne avant vous attend encore une place." in page
    assert "Comment avance la liste d’attente ?" in page
    assert "ne répond pas à temps" in page


def test_a_ranked_candidate_before_offers_is_told_the_ranking_is_not_final(client, candidate, session):
    ranked(session, candidate)
    page = content(client.get(SPACE_URL))
    assert "Une fois le classement définitif" in page


def test_a_candidate_withdraws_after_confirming(client, candidate, session):
    application = ApplicationFactory(candidate=candidate, session=session)

    page = client.get(withdraw_url(application))
    response = client.post(withdraw_url(application))

    assert "Confirmer le retrait" in content(page)
    assert response.url == SPACE_URL
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN
    space = content(client.get(SPACE_URL))
    assert "Votre candidature est retirée." in space
    assert withdraw_url(application) not in space


def test_a_closed_application_cannot_be_withdrawn(client, candidate, session):
    application = ApplicationFactory(candidate=candidate, session=session, state=Application.State.WITHDRAWN)

    response = client.post(withdraw_url(application))

    assert response.status_code == 200
    assert "ne peut plus être retirée" in content(response)


def test_a_candidate_accepts_an_offer_and_is_enrolled(client, candidate, session):
    offer = OfferFactory(application__candidate=candidate, application__session=session)
    space = content(client.get(SPACE_URL))
    assert "Une place vous est proposée !" in space
    assert "Répondez avant le" in space
    assert accept_url(offer) in space and decline_url(offer) in space

    page = client.get(accept_url(offer))
    response = client.post(accept_url(offer))

    assert "Confirmer : j’accepte la place" in content(page)
    assert response.url == SPACE_URL
    offer.refresh_from_db()
    assert offer.state == Offer.State.ACCEPTED
    assert Enrolment.objects.filter(application=offer.application).exists()
    space = content(client.get(SPACE_URL))
    assert "Votre inscription à cette session est confirmée" in space
    assert "Renoncer à ma place" in space


def test_a_candidate_declines_an_offer_and_the_next_one_gets_it(client, candidate):
    session = SessionFactory(capacity=1)
    mine = ranked(session, candidate, rank=1)
    next_one = ranked(session, rank=2)
    offers_publish(session=session, acting_user=None)
    offer = mine.offer

    response = client.post(decline_url(offer))

    assert response.url == SPACE_URL
    offer.refresh_from_db()
    assert offer.state == Offer.State.DECLINED
    assert Offer.objects.get(application=next_one).state == Offer.State.PENDING
    assert "Vous avez refusé la proposition le" in content(client.get(SPACE_URL))


def test_an_offer_past_its_deadline_cannot_be_accepted(client, candidate, session):
    sent = timezone.now() - datetime.timedelta(days=6)
    offer = OfferFactory(
        application__candidate=candidate,
        application__session=session,
        sent_at=sent,
        deadline=sent + datetime.timedelta(days=5),
    )

    space = content(client.get(SPACE_URL))
    page = client.get(accept_url(offer))
    client.post(accept_url(offer))

    assert accept_url(offer) not in space
    assert "Le délai pour répondre à cette proposition est dépassé" in space
    assert "Le délai pour répondre à cette proposition est dépassé" in content(page)
    offer.refresh_from_db()
    assert offer.state == Offer.State.PENDING
    assert not Enrolment.objects.exists()


def test_an_expired_offer_is_explained(client, candidate, session):
    offer = OfferFactory(
        application__candidate=candidate,
        application__session=session,
        application__state=Application.State.WITHDRAWN,
        state=Offer.State.EXPIRED,
    )

    assert "elle a expiré" in content(client.get(SPACE_URL))
    response = client.post(decline_url(offer))
    assert "Il n’est plus possible de répondre à cette proposition" in content(response)


# Boundaries


@pytest.fixture
def someone_elses():
    """Another candidate's application (with a referral) and pending offer."""
    structure = MembershipFactory(role=Role.PRESCRIBER, organisation__kind="prescriber")
    offer = OfferFactory(
        application__referrer=structure.user,
        application__referrer_organisation=structure.organisation,
        application__referral_consent_at=timezone.now(),
    )
    return offer


def other_users(offer) -> dict:
    organisation = offer.session.course.organisation
    return {
        "another candidate": CandidateFactory().user,
        "the organisation's member": MembershipFactory(
            role=Role.ORGANISATION, organisation=organisation
        ).user,
        "the prescriber who referred": offer.application.referrer,
        "the national team": MembershipFactory(role=Role.NATIONAL_TEAM).user,
    }


def test_nobody_else_sees_or_acts_on_a_candidates_application_or_offer(client, someone_elses):
    offer = someone_elses
    application = offer.application
    for who, user in other_users(offer).items():
        client.force_login(user)
        for url in (withdraw_url(application), accept_url(offer), decline_url(offer)):
            assert client.get(url).status_code == 404, (who, url)
            assert client.post(url).status_code == 404, (who, url)
        assert offer.session.course.title not in content(client.get(SPACE_URL)), who
    application.refresh_from_db()
    offer.refresh_from_db()
    assert application.state == Application.State.RANKED
    assert offer.state == Offer.State.PENDING


def test_anonymous_visitors_are_sent_to_the_login_page(client, someone_elses):
    offer = someone_elses
    for url in (SPACE_URL, withdraw_url(offer.application), accept_url(offer), decline_url(offer)):
        response = client.get(url) if url == SPACE_URL else client.post(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    offer.refresh_from_db()
    assert offer.state == Offer.State.PENDING


def test_unknown_ids_are_404(client, candidate):
    assert client.get(reverse("admissions:candidate_withdraw", args=[999_999])).status_code == 404
    assert client.get(reverse("admissions:candidate_offer_accept", args=[999_999])).status_code == 404


def test_an_application_made_by_a_prescriber_says_so(client, candidate, session):
    structure = MembershipFactory(
        role=Role.PRESCRIBER, organisation__kind="prescriber", organisation__name="Mission Locale de Lens"
    )
    ApplicationFactory(
        candidate=candidate,
        session=session,
        referrer=structure.user,
        referrer_organisation=structure.organisation,
        referral_consent_at=timezone.now(),
    )

    assert "faite par Mission Locale de Lens, avec votre accord" in content(client.get(SPACE_URL))


def test_an_admitted_candidate_gives_up_the_place_before_the_start(client, candidate, session):
    offer = OfferFactory(application__candidate=candidate, application__session=session)
    client.post(accept_url(offer))
    application = offer.application

    page = client.get(withdraw_url(application))
    client.post(withdraw_url(application))

    assert "Vous perdrez votre place dans cette session" in content(page)
    application.refresh_from_db()
    session.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN
    assert session.places_taken == 0
    assert not Enrolment.objects.exists()
