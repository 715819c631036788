"""The simulation's outcome written in bulk: accounts, profiles, applications with their log, offers
with theirs, enrolments, selections, places taken. Dates are the demo's past ones, `created_at`
included. No e-mail is sent: this is history."""

import datetime
import math

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

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
from gen.admissions.models.candidates import PRIVACY_NOTICE_VERSION
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.demo.admissions.plans import SessionPlan
from gen.demo.admissions.profiles import Person
from gen.demo.admissions.rows import insert
from gen.demo.admissions.simulation import Simulation
from gen.demo.admissions.slots import BY_CANDIDATE, BY_SUBMITTER, OfferRecord, Slot
from gen.demo.context import DemoContext, batched, demo_organisations
from gen.demo.labelling.dossiers import at

# Between making an account and filling in the profile (which records the consent).
PROFILE_AFTER_SIGN_UP = datetime.timedelta(minutes=3)
LOG_FIELDS = ("subject", "from_state", "to_state", "at", "actor", "reason")
State = Application.State


def write(ctx: DemoContext, simulation: Simulation, persons: list[Person], password: str) -> None:
    size = ctx.scale.batch_size
    for batch in ctx.progress(
        batched(persons, size), total=math.ceil(len(persons) / size), desc="Candidates", unit="batch"
    ):
        _write_people(ctx, batch, password)
    slots = [slot for plan in simulation.plans for slot in plan.slots if slot.person is not None]
    for batch in ctx.progress(
        batched(slots, size), total=math.ceil(len(slots) / size), desc="Applications", unit="batch"
    ):
        _write_applications(ctx, batch, simulation.now)
    _write_selections(ctx, simulation)
    # Places taken are the offers accepted, session by session.
    accepted = (
        Offer.objects.filter(session=OuterRef("pk"), state=Offer.State.ACCEPTED)
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Session.objects.filter(course__organisation__in=demo_organisations()).update(
        places_taken=Coalesce(Subquery(accepted), 0)
    )


def _write_people(ctx: DemoContext, persons: list[Person], password: str) -> None:
    size = ctx.scale.batch_size
    new = [person for person in persons if person.user_id is None]
    for person in persons:
        if person.user_id is not None:  # a named demo user: their account dates from their first step
            User.objects.filter(pk=person.user_id).update(date_joined=_signed_up(person))
    user_ids = insert(
        User,
        ("email", "first_name", "last_name", "password", "date_joined"),
        [(person.email, person.first_name, person.last_name, password, _signed_up(person)) for person in new],
        batch_size=size,
        returning=True,
    )
    for person, user_id in zip(new, user_ids, strict=True):
        person.user_id = user_id
    insert(
        Membership,
        ("user", "role", "created_at"),
        [(person.user_id, Role.CANDIDATE, _signed_up(person)) for person in new],
        batch_size=size,
    )
    candidate_ids = insert(
        Candidate,
        (
            "user",
            "birth_date",
            "gender",
            "diploma_level",
            "is_job_seeker",
            "commune",
            "lives_in_qpv_or_zrr",
            "is_scholarship_holder",
            "heard_from",
            "consent_at",
            "privacy_notice_version",
            "created_at",
            "updated_at",
        ),
        [
            (
                person.user_id,
                person.birth_date,
                person.gender,
                person.diploma_level,
                person.is_job_seeker,
                person.commune.pk,
                person.lives_in_qpv_or_zrr,
                person.is_scholarship_holder,
                person.heard_from,
                _consented(person),
                PRIVACY_NOTICE_VERSION,
                _consented(person),
                _consented(person),
            )
            for person in persons
        ],
        batch_size=size,
        returning=True,
    )
    for person, candidate_id in zip(persons, candidate_ids, strict=True):
        person.candidate_id = candidate_id
    ctx.counts["candidates"] += len(persons)


def _signed_up(person: Person) -> datetime.datetime:
    return person.slots[0].received_at - person.signed_up_before


def _consented(person: Person) -> datetime.datetime:
    return _signed_up(person) + PROFILE_AFTER_SIGN_UP


def _write_applications(ctx: DemoContext, slots: list[Slot], now: datetime.datetime) -> None:
    size = ctx.scale.batch_size
    application_ids = insert(
        Application,
        (
            "candidate",
            "session",
            "state",
            "motivation",
            "availability",
            "score",
            "rank",
            "call_position",
            "refusal_reason",
            "refusal_comment",
            "referrer",
            "referrer_organisation",
            "referral_consent_at",
            "created_at",
            "updated_at",
        ),
        [
            (
                slot.person.candidate_id,
                slot.plan.pk,
                slot.state,
                slot.motivation,
                slot.availability,
                slot.score,
                slot.rank,
                slot.call_position,
                slot.refusal_reason,
                slot.refusal_comment,
                slot.referral and slot.referral.user_id,
                slot.referral and slot.referral.organisation_id,
                slot.received_at if slot.referral else None,
                slot.received_at,
                slot.history[-1][2],
            )
            for slot in slots
        ],
        batch_size=size,
        returning=True,
    )
    transitions = [
        (application_id, source, target, moment, _actor(actor, slot), reason)
        for slot, application_id in zip(slots, application_ids, strict=True)
        for source, target, moment, actor, reason in slot.history
    ]
    insert(ApplicationTransition, LOG_FIELDS, transitions, batch_size=size)
    offered = [(slot, pk) for slot, pk in zip(slots, application_ids, strict=True) if slot.offer is not None]
    offer_ids = insert(
        Offer,
        ("application", "session", "state", "sent_at", "deadline", "answered_at", "reminded_at"),
        [
            (
                application_id,
                slot.plan.pk,
                slot.offer.state,
                slot.offer.sent_at,
                slot.offer.deadline,
                slot.offer.answered_at,
                _reminded_at(slot.offer, now),
            )
            for slot, application_id in offered
        ],
        batch_size=size,
        returning=True,
    )
    offer_transitions = [
        (offer_id, source, target, moment, _actor(actor, slot), reason)
        for (slot, _), offer_id in zip(offered, offer_ids, strict=True)
        for source, target, moment, actor, reason in slot.offer.history
    ]
    insert(OfferTransition, LOG_FIELDS, offer_transitions, batch_size=size)
    enrolments = [
        (application_id, slot.plan.pk, slot.person.candidate_id, slot.offer.answered_at)
        for slot, application_id in offered
        if slot.state == State.ADMITTED
    ]
    insert(Enrolment, ("application", "session", "candidate", "enrolled_at"), enrolments, batch_size=size)
    ctx.counts["applications"] += len(application_ids)
    ctx.counts["application state changes"] += len(transitions)
    ctx.counts["offers"] += len(offer_ids)
    ctx.counts["offer state changes"] += len(offer_transitions)
    ctx.counts["enrolments"] += len(enrolments)


def _actor(actor, slot: Slot) -> int | None:
    if actor == BY_CANDIDATE:
        return slot.person.user_id
    if actor == BY_SUBMITTER:
        return slot.referral.user_id if slot.referral else slot.person.user_id
    return actor


def _reminded_at(offer: OfferRecord, now: datetime.datetime) -> datetime.datetime | None:
    """The nightly reminder of the last day, if the offer was still waiting for an answer then."""
    reminder = at(offer.deadline.date(), 1)
    if offer.sent_at < reminder <= now and (offer.closed_at is None or offer.closed_at > reminder):
        return reminder
    return None


def _write_selections(ctx: DemoContext, simulation: Simulation) -> None:
    """Each selection under way: its time to answer and, once published, its dates and its rates."""
    selections, rates = [], []
    for plan in simulation.plans:
        if not any(slot.person for slot in plan.slots):
            continue
        published_at = simulation.selection(plan).published_at
        selections.append(
            Selection(
                session_id=plan.pk,
                response_days=plan.response_days,
                call_order_frozen_at=published_at,
                offers_published_at=published_at,
            )
        )
        if published_at is not None:
            rates += _rates(plan)
    Selection.objects.bulk_create(selections, batch_size=ctx.scale.batch_size)
    MinimumRate.objects.bulk_create(rates, batch_size=ctx.scale.batch_size)
    ctx.counts["selections"] = len(selections)


def _rates(plan: SessionPlan) -> list[MinimumRate]:
    """The rates in force, recorded with the call order they produced (as `offers_publish` does)."""
    return [
        MinimumRate(session_id=plan.pk, public=rate.public, rate=rate.rate, precedence=rate.precedence)
        for rate in plan.rates
    ]
