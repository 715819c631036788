"""The demo's candidates and applications, at the small scale, seeded once for the module (each test
runs in its own transaction, rolled back: what a test changes is gone for the next)."""

import dataclasses
import datetime
import itertools
from collections import Counter, defaultdict

import pytest
from django.db.models import Count, Q

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import (
    Application,
    ApplicationTransition,
    Candidate,
    MinimumRate,
    Offer,
    OfferTransition,
    Selection,
)
from gen.admissions.models.applications import MOTIVATION_MIN_LENGTH
from gen.admissions.selectors import (
    applications_of_candidate,
    referrals_of,
    sessions_selected_by,
    standing_of,
)
from gen.admissions.services.applications import ranking_by_score
from gen.admissions.services.offers import offers_publish
from gen.admissions.services.workflows import APPLICATION_WORKFLOW, OFFER_WORKFLOW, OPEN_STATES
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.demo.admissions import NOW_HOUR, texts
from gen.demo.admissions.digest import admissions_rows
from gen.demo.admissions.figures import admissions_figures
from gen.demo.admissions.staff import ADVISER
from gen.demo.builder import demo_clear, demo_logins, demo_seed
from gen.demo.context import demo_organisations
from gen.demo.labelling.dossiers import at
from gen.demo.people import DEMO_USERS
from gen.demo.scales import SMALL
from gen.notifications.models import OutboxMessage
from gen.organisations.models import Organisation
from tests.demo.conftest import demo_seeded
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)
NOW = at(TODAY, NOW_HOUR)
State = Application.State


@pytest.fixture(scope="module", autouse=True)
def small(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_seeded(SMALL, TODAY) as dataset:
        yield dataset


def demo_sessions():
    return Session.objects.filter(course__organisation__in=demo_organisations())


def user(local_part: str) -> User:
    return User.objects.get(email=next(spec.email for spec in DEMO_USERS if spec.local_part == local_part))


def test_every_application_and_offer_state_is_there():
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert set(Offer.objects.values_list("state", flat=True)) == set(Offer.State.values)


def test_places_taken_are_the_offers_accepted_each_with_its_enrolment():
    sessions = demo_sessions().annotate(
        accepted=Count("offers", filter=Q(offers__state=Offer.State.ACCEPTED))
    )

    for session in sessions:
        assert session.places_taken == session.accepted <= session.capacity
    admitted = Application.objects.filter(state=State.ADMITTED)
    assert set(admitted.values_list("pk", "session", "candidate")) == set(
        Enrolment.objects.values_list("application", "session", "candidate")
    )
    assert not admitted.exclude(offer__state=Offer.State.ACCEPTED).exists()
    for enrolment in Enrolment.objects.select_related("application__offer"):
        assert enrolment.enrolled_at == enrolment.application.offer.answered_at


def test_past_sessions_are_mostly_full_some_with_a_waiting_list_left():
    started = demo_sessions().filter(start_date__lte=TODAY, applications__isnull=False).distinct()
    full = [session for session in started if session.places_left == 0]

    assert len(full) / len(started) > 0.4
    assert len(full) < len(started)
    waiting = Application.objects.filter(
        session__in=started, state=State.RANKED, call_position__isnull=False, offer__isnull=True
    )
    assert waiting.values("session").distinct().count() > 5
    assert not Offer.objects.filter(session__start_date__lte=TODAY - datetime.timedelta(days=14)).filter(
        state=Offer.State.PENDING
    )


def test_sessions_not_open_yet_have_no_applicants_and_upcoming_ones_have_places_left():
    assert not Application.objects.filter(session__application_opens_on__gt=TODAY).exists()
    upcoming = demo_sessions().filter(start_date__gt=TODAY)
    assert upcoming.filter(places_taken__gt=0).exists()
    assert upcoming.filter(places_taken=0).exists()


def test_nobody_applies_twice_to_a_session_some_apply_to_several():
    pairs = Counter(Application.objects.values_list("candidate", "session"))
    per_candidate = Counter(Application.objects.values_list("candidate", flat=True))

    assert max(pairs.values()) == 1
    assert set(per_candidate.values()) == {1, 2, 3}
    assert Counter(per_candidate.values())[1] / len(per_candidate) > 0.75


def test_logs_walk_the_workflows_up_to_now():
    assert_logged(Application.objects.values_list("pk", "state", "created_at"), ApplicationTransition)
    assert_logged(Offer.objects.values_list("pk", "state", "sent_at"), OfferTransition)
    for application in Application.objects.filter(state=State.RECEIVED)[:50]:
        assert application.updated_at == application.created_at <= NOW


def assert_logged(subjects, log) -> None:
    """Each subject's log starts from nothing when it was made, walks the workflow's table in time order
    up to the demo's now, and ends in the subject's state."""
    workflow = APPLICATION_WORKFLOW if log is ApplicationTransition else OFFER_WORKFLOW
    rows = defaultdict(list)
    for subject, source, target, moment in log.objects.order_by("at", "pk").values_list(
        "subject", "from_state", "to_state", "at"
    ):
        rows[subject].append((source, target, moment))
    for pk, state, made_at in subjects:
        steps = rows[pk]
        assert steps[0][0] == "" and steps[0][2] == made_at
        for (_, target, _), (source, _, _) in itertools.pairwise(steps):
            assert target == source
        for source, target, moment in steps[1:]:
            assert source in workflow.transitions[target] and moment <= NOW
        assert steps[-1][1] == state


def test_accepting_an_offer_withdrew_the_other_applications_for_the_same_dates():
    elsewhere = ApplicationTransition.objects.filter(
        to_state=State.WITHDRAWN, reason="Une autre proposition a été acceptée pour les mêmes dates."
    ).select_related("subject__session")
    assert elsewhere.exists()
    for withdrawal in elsewhere:
        application = withdrawal.subject
        # The application admitted at that instant (its candidate may have withdrawn from it since).
        accepted = Application.objects.get(
            candidate=application.candidate,
            transitions__to_state=State.ADMITTED,
            transitions__at=withdrawal.at,
            session__start_date__lte=application.session.end_date,
            session__end_date__gte=application.session.start_date,
        )
        assert accepted.offer.answered_at == withdrawal.at
    for enrolment in Enrolment.objects.select_related("session"):
        overlapping_open = Application.objects.filter(
            candidate=enrolment.candidate,
            state__in=OPEN_STATES,
            session__start_date__lte=enrolment.session.end_date,
            session__end_date__gte=enrolment.session.start_date,
        )
        assert not overlapping_open.exists()


def test_selections_under_way_today_some_published_others_to_publish():
    selections = Selection.objects.filter(
        session__application_opens_on__lte=TODAY, session__start_date__gt=TODAY
    )
    published = selections.filter(offers_published_at__isnull=False)
    to_publish = selections.filter(offers_published_at__isnull=True)

    assert published.exists() and to_publish.exists()
    pending = Offer.objects.filter(state=Offer.State.PENDING)
    assert pending.exists()
    for offer in pending:
        assert NOW < offer.deadline <= NOW + datetime.timedelta(days=8)
    for selection in published:
        assert selection.call_order_frozen_at == selection.offers_published_at
        assert MinimumRate.objects.filter(session=selection.session).exists()
    ranked = Application.objects.filter(session__selection__in=to_publish, state=State.RANKED)
    assert ranked.exists()
    assert not ranked.filter(Q(rank__isnull=True) | Q(call_position__isnull=False)).exists()
    assert not Offer.objects.filter(session__selection__in=to_publish).exists()


def test_refusals_have_a_reason_most_a_comment_and_ranked_candidates_a_score():
    refused = Application.objects.filter(state=State.REFUSED)

    assert not refused.filter(refusal_reason="").exists()
    assert 0.4 < refused.exclude(refusal_comment="").count() / refused.count() < 0.9
    assert not refused.filter(rank__isnull=False).exists()
    assert not Application.objects.filter(state=State.RANKED, score__isnull=True).exists()


def test_referred_applications_come_from_advisers_of_prescribing_structures_with_consent():
    referred = Application.objects.filter(referrer_organisation__isnull=False)

    assert 0.1 < referred.count() / Application.objects.count() < 0.22
    for application in referred.select_related("referrer_organisation"):
        assert application.referrer_organisation.kind == Organisation.Kind.PRESCRIBER
        assert application.referral_consent_at == application.created_at
        assert Membership.objects.filter(
            user=application.referrer_id, organisation=application.referrer_organisation, role=Role.PRESCRIBER
        ).exists()
        first = application.transitions.earliest("at")
        assert first.actor_id == application.referrer_id
    names = set(demo_organisations().filter(kind=Organisation.Kind.PRESCRIBER).values_list("name", flat=True))
    assert sum(name.startswith("Mission Locale") for name in names) == len(SMALL.regions)


def test_figures_are_near_the_seeds():
    figures = admissions_figures(TODAY)

    # The small scale's courses are a third popular, as the national ones, but its Pop School-like
    # courses, all popular, weigh more there.
    assert 4 < figures.applications_per_place < 7.5
    assert 0.13 < figures.admitted_share < 0.27
    assert 0.53 < figures.bac_level_or_below_share < 0.67
    assert 0.62 < figures.under_30_share < 0.76
    assert 0.25 < figures.women_share < 0.42
    assert 0.18 < figures.qpv_zrr_share < 0.32
    assert 0.57 < figures.job_seeker_share < 0.73
    assert 0.18 < figures.scholarship_holder_share < 0.32
    assert set(figures.application_states) == set(State.values)


def test_candidates_live_mostly_in_the_region_of_their_sessions():
    applications = Application.objects.values_list(
        "candidate__commune__departement__region", "session__course__commune__departement__region"
    )

    assert sum(home == away for home, away in applications) / len(applications) > 0.8


def test_history_sends_no_email():
    assert not OutboxMessage.objects.exists()


def test_the_demo_candidate_has_an_offer_to_answer_a_place_on_a_waiting_list_and_a_refusal():
    candidate = user("candidat")

    applications = {application.state: application for application in applications_of_candidate(candidate)}

    assert Candidate.objects.filter(user=candidate).exists()
    offered = Application.objects.get(candidate__user=candidate, offer__state=Offer.State.PENDING)
    assert offered.offer.deadline > NOW
    waiting = next(
        application
        for application in applications_of_candidate(candidate).filter(state=State.RANKED, offer__isnull=True)
    )
    standing = standing_of(waiting)
    assert standing.is_waiting and standing.call_position > standing.last_called
    refused = applications[State.REFUSED]
    assert refused.refusal_reason and refused.refusal_comment
    assert applications_of_candidate(candidate).count() == 3
    assert candidate.date_joined < min(application.created_at for application in applications.values())


def test_the_pop_members_have_a_selection_to_rank_and_publish_and_one_published():
    admin, member = user("admin.pop"), user("formateur.pop")
    sessions = sessions_selected_by(admin).filter(start_date__gt=TODAY, applications__isnull=False).distinct()

    assert set(sessions) == set(
        sessions_selected_by(member).filter(start_date__gt=TODAY, applications__isnull=False).distinct()
    )
    ready = next(session for session in sessions if session.selection.offers_published_at is None)
    assert set(ready.applications.values_list("state", flat=True)) == set(State.values) - {State.ADMITTED}
    assert sessions.filter(selection__offers_published_at__isnull=False, offers__state=Offer.State.PENDING)
    ranking_by_score(session=ready, acting_user=admin)
    ranked = ready.applications.filter(state=State.RANKED).count()
    offers = offers_publish(session=ready, acting_user=admin)
    assert len(offers) == min(ranked, ready.capacity)


def test_the_adviser_follows_about_ten_referrals_in_various_states():
    adviser = User.objects.get(email=ADVISER.email)
    agency = Membership.objects.get(user=adviser, role=Role.PRESCRIBER).organisation

    referrals = referrals_of(adviser)

    assert 8 <= referrals.count() <= 12
    assert set(referrals.values_list("referrer_organisation", flat=True)) == {agency.pk}
    assert len(set(referrals.values_list("state", flat=True))) >= 5


def test_the_demo_logins_are_the_named_users_only():
    assert {email for email, _, _ in demo_logins()} == {spec.email for spec in DEMO_USERS}


def test_the_same_seed_gives_the_same_admissions():
    rows = list(admissions_rows())

    demo_seed(scale=SMALL, today=TODAY, reset=True)

    assert list(admissions_rows()) == rows


def test_a_scale_can_cap_the_sessions_with_applicants_keeping_the_pop_ones():
    demo_seed(scale=dataclasses.replace(SMALL, admissions_sessions=6), today=TODAY, reset=True)

    with_applicants = demo_sessions().filter(applications__isnull=False).distinct()
    assert with_applicants.count() == 6
    assert sessions_selected_by(user("admin.pop")).filter(pk__in=with_applicants).count() >= 3
    assert not demo_sessions().exclude(pk__in=with_applicants).exclude(places_taken=0).exists()


def test_reset_removes_the_demo_admissions_only():
    real = ApplicationFactory()

    demo_clear()

    assert list(Application.objects.all()) == [real]
    assert list(Candidate.objects.all()) == [real.candidate]
    assert not Offer.objects.exists() and not Enrolment.objects.exists()
    assert not OfferTransition.objects.exists() and not Selection.objects.exists()
    assert not Organisation.objects.filter(kind=Organisation.Kind.PRESCRIBER).exists()


def test_every_motivation_is_long_enough():
    for opening, path, goal in itertools.product(texts.OPENINGS, texts.PATHS, texts.GOALS):
        assert len(opening + path + goal) >= MOTIVATION_MIN_LENGTH
