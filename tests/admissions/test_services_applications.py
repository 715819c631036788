"""Applying, and the selection team moving applications through their states."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gen.admissions.models import Application, RefusalReason
from gen.admissions.services.applications import (
    application_assess,
    application_invite,
    application_rank,
    application_refuse,
    application_score,
    application_submit,
    applications_bulk,
    note_add,
    ranking_by_score,
    ranking_save,
)
from gen.admissions.services.offers import offers_publish
from gen.core.workflow import TransitionNotAllowed
from gen.notifications.models import OutboxMessage
from tests.factories import ApplicationFactory, CandidateFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Application.State
MOTIVATION = "Je veux apprendre le développement web pour changer de métier. " * 5


def test_a_candidate_applies_once():
    candidate, session = CandidateFactory(), SessionFactory()

    application = application_submit(
        candidate=candidate,
        session=session,
        motivation=MOTIVATION,
        availability="Dès maintenant",
        acting_user=candidate.user,
    )

    assert application.state == State.RECEIVED
    assert list(application.transitions.values_list("from_state", "to_state")) == [("", "received")]
    assert OutboxMessage.objects.get(kind="admissions.received").to == candidate.user.email
    with pytest.raises(ValidationError, match="déjà"):
        application_submit(
            candidate=candidate,
            session=session,
            motivation=MOTIVATION,
            availability="Dès maintenant",
            acting_user=candidate.user,
        )
    assert Application.objects.count() == 1


def test_an_application_needs_motivation_availability_and_an_open_window():
    candidate = CandidateFactory()
    closed = SessionFactory(
        application_closes_on=timezone.localdate() - datetime.timedelta(days=1),
        application_opens_on=timezone.localdate() - datetime.timedelta(days=30),
    )

    with pytest.raises(ValidationError) as error:
        application_submit(
            candidate=candidate,
            session=closed,
            motivation="Trop court",
            availability=" ",
            acting_user=candidate.user,
        )

    assert set(error.value.message_dict) == {"motivation", "availability", "__all__"}
    assert "200 caractères" in error.value.message_dict["motivation"][0]
    assert not Application.objects.exists()


def test_the_selection_path_is_logged_step_by_step():
    team = UserFactory()
    application = ApplicationFactory()

    application_invite(application=application, acting_user=team, reason="Réunion le 3 février à 9 h")
    application_assess(application=application, acting_user=team)
    application = application_rank(application=application, acting_user=team)

    assert application.rank == 1
    steps = list(application.transitions.values_list("to_state", "actor", "reason"))
    assert steps == [
        ("invited", team.pk, "Réunion le 3 février à 9 h"),
        ("assessing", team.pk, ""),
        ("ranked", team.pk, ""),
    ]


def test_moves_outside_the_table_are_refused():
    application = ApplicationFactory()
    with pytest.raises(TransitionNotAllowed):
        application_rank(application=application, acting_user=None)
    application.refresh_from_db()
    assert application.state == State.RECEIVED


def test_a_refusal_needs_a_reason_from_the_list_and_tells_the_candidate():
    team, application = UserFactory(), ApplicationFactory()
    with pytest.raises(ValidationError):
        application_refuse(application=application, reason="bad", acting_user=team)

    application_refuse(
        application=application, reason=RefusalReason.TESTS, comment=" Revenez ! ", acting_user=team
    )

    application.refresh_from_db()
    assert (application.state, application.refusal_reason, application.refusal_comment) == (
        State.REFUSED,
        "tests",
        "Revenez !",
    )
    assert OutboxMessage.objects.filter(kind="admissions.refused").exists()


def test_scores_are_out_of_twenty():
    application = ApplicationFactory()
    application_score(application=application, score=Decimal("15.5"), acting_user=None)
    with pytest.raises(ValidationError):
        application_score(application=application, score=Decimal("21"), acting_user=None)
    application.refresh_from_db()
    assert application.score == Decimal("15.5")


def test_ranking_by_score_then_by_date_and_freezing_once_offers_are_out():
    team, session = UserFactory(), SessionFactory()
    low, high, tie_first, tie_second = (
        ApplicationFactory(session=session, state=State.RANKED, rank=position, score=score)
        for position, score in enumerate([8, 17, 12, 12], start=1)
    )

    ranking_by_score(session=session, acting_user=team)

    ordered = list(session.applications.order_by("rank").values_list("pk", flat=True))
    assert ordered == [high.pk, tie_first.pk, tie_second.pk, low.pk]
    with pytest.raises(ValidationError, match="chaque candidature classée"):
        ranking_save(session=session, ordered_ids=ordered[:2], acting_user=team)

    offers_publish(session=session, acting_user=team)
    with pytest.raises(ValidationError, match="ne peut plus"):
        ranking_save(session=session, ordered_ids=ordered, acting_user=team)
    with pytest.raises(ValidationError, match="ne peut plus"):
        application_refuse(application=low, reason=RefusalReason.OTHER, acting_user=team)


def test_ranked_after_publication_means_last_in_the_call_order():
    team, session = UserFactory(), SessionFactory(capacity=1)
    ApplicationFactory(session=session, state=State.RANKED, rank=1)
    offers_publish(session=session, acting_user=team)
    late = ApplicationFactory(session=session, state=State.ASSESSING)

    late = application_rank(application=late, acting_user=team)

    assert (late.rank, late.call_position) == (2, 2)
    assert not hasattr(late, "offer")  # the only place is already offered


def test_a_late_ranked_candidate_gets_a_free_place_at_once():
    team, session = UserFactory(), SessionFactory(capacity=2)
    ApplicationFactory(session=session, state=State.RANKED, rank=1)
    offers_publish(session=session, acting_user=team)
    late = ApplicationFactory(session=session, state=State.ASSESSING)

    application_rank(application=late, acting_user=team)

    late.refresh_from_db()
    assert late.offer.state == "pending"


def test_bulk_actions_report_what_could_not_be_done():
    team, session = UserFactory(), SessionFactory()
    received = ApplicationFactory(session=session)
    refused = ApplicationFactory(session=session, state=State.REFUSED, refusal_reason="other")
    foreign = ApplicationFactory()

    done, errors = applications_bulk(
        session=session, ids=[received.pk, refused.pk, foreign.pk], action="invite", acting_user=team
    )

    assert done == 1 and len(errors) == 1
    foreign.refresh_from_db()
    assert foreign.state == State.RECEIVED
    with pytest.raises(ValidationError):
        applications_bulk(session=session, ids=[received.pk], action="delete", acting_user=team)


def test_notes_cannot_be_empty():
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        note_add(application=application, text="  ", acting_user=None)
    assert note_add(application=application, text="Très motivée", acting_user=None).text == "Très motivée"


def test_a_withdrawn_candidate_leaves_the_ranking_before_it_is_frozen():
    from gen.admissions.services.offers import application_withdraw

    team, session = UserFactory(), SessionFactory()
    leaving, staying = (ApplicationFactory(session=session, state=State.RANKED, rank=rank) for rank in (1, 2))

    application_withdraw(application=leaving, acting_user=leaving.candidate.user)
    ranking_save(session=session, ordered_ids=[staying.pk], acting_user=team)

    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert (leaving.rank, staying.rank) == (None, 1)
