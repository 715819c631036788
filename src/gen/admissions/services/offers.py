"""Offers of places: published in call order up to the places, answered before a deadline; and what
frees a place (a refusal, an expiry, a withdrawal) passes it to the next called.

Invariants held by the database: a session never has more places taken than it has
(`session_places_taken_within_capacity`), and an acceptance takes its place with a conditional
UPDATE under the session's row lock. Lock order, to stay free of deadlocks: offer, then session.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import Application, CampaignSession, MinimumRate, Offer, Selection
from gen.admissions.publics import publics_of
from gen.admissions.services.emails import tell_offer
from gen.admissions.services.rates import Rate, minimum_rates_of
from gen.admissions.services.workflows import APPLICATION_WORKFLOW, OFFER_WORKFLOW, OPEN_STATES
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.matching import call_order

REMINDER_BEFORE = datetime.timedelta(days=1)


def answer_deadline(now: datetime.datetime, days: int) -> datetime.datetime:
    """The end of the last day to answer, in the platform's time zone."""
    last_day = timezone.localtime(now).date() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59, 59)))


def compute_call_order(session: Session, rates: list[Rate] | None = None) -> list[int]:
    """The session's ranked applications in call order: the ranking re-ordered for minimum rates
    (the session's, or `rates` to preview others)."""
    ranked = list(
        session.applications.filter(state=Application.State.RANKED)
        .order_by("rank")
        .select_related("candidate")
    )
    rates = minimum_rates_of(session) if rates is None else rates
    groups = {rate.public: [] for rate in rates}
    for application in ranked:
        for public in publics_of(application.candidate, session.start_date) & groups.keys():
            groups[public].append(application.pk)
    return call_order(
        [application.pk for application in ranked],
        groups,
        {rate.public: rate.rate for rate in rates},
        [rate.public for rate in rates],
    )


@transaction.atomic
def offers_publish(*, session: Session, acting_user) -> list[Offer]:
    """Freeze the call order (unless it already is) and send the first offers, up to the places."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    selection, _created = Selection.objects.select_for_update().get_or_create(session=session)
    if selection.offers_published_at is not None:
        raise ValidationError(_("Offers for this session are already published."))
    if CampaignSession.objects.filter(session=session, campaign__round__isnull=True).exists():
        raise ValidationError(
            _("This session takes part in a national round: its offers go out with the round.")
        )
    if selection.call_order_frozen_at is None:
        _freeze(session, selection)
    selection.offers_published_at = timezone.now()
    selection.save(update_fields=["offers_published_at"])
    return _send_next(session, selection, acting_user)


@transaction.atomic
def call_order_freeze(*, session: Session, acting_user) -> Selection:
    """Freeze the ranking and the call order without sending offers (before a national round)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    selection, _created = Selection.objects.select_for_update().get_or_create(session=session)
    if selection.call_order_frozen_at is not None:
        raise ValidationError(_("The call order of this session is already frozen."))
    _freeze(session, selection)
    return selection


def _freeze(session: Session, selection: Selection) -> None:
    order = compute_call_order(session)
    if not order:
        raise ValidationError(
            _("Rank at least one candidate first: the call order is made from the ranking.")
        )
    # The rates in force are recorded with the call order they produced.
    if not session.minimum_rates.exists():
        MinimumRate.objects.bulk_create(
            MinimumRate(session=session, public=r.public, rate=r.rate, precedence=r.precedence)
            for r in minimum_rates_of(session)
        )
    Application.objects.bulk_update(
        [Application(pk=pk, call_position=position) for position, pk in enumerate(order, start=1)],
        ["call_position"],
    )
    selection.call_order_frozen_at = timezone.now()
    selection.save(update_fields=["call_order_frozen_at"])


def offers_send_next(*, session_id: int, acting_user=None) -> list[Offer]:
    """Give free places to the next called, if any (after a refusal, an expiry, a withdrawal)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session_id)
        selection = Selection.objects.filter(session=session).first()
        if selection is None or selection.offers_published_at is None:
            return []
        return _send_next(session, selection, acting_user)


def _send_next(session: Session, selection: Selection, acting_user) -> list[Offer]:
    pending = Offer.objects.filter(session=session, state=Offer.State.PENDING).count()
    free = session.capacity - session.places_taken - pending
    if free <= 0:
        return []
    waiting = (
        session.applications.filter(
            state=Application.State.RANKED, call_position__isnull=False, offer__isnull=True
        )
        .order_by("call_position")
        .select_related("candidate__user", "session__course", "referrer")[:free]
    )
    now = timezone.now()
    deadline = answer_deadline(now, selection.response_days)
    offers = Offer.objects.bulk_create(
        Offer(application=application, session=session, sent_at=now, deadline=deadline)
        for application in waiting
    )
    OFFER_WORKFLOW.log_model.objects.bulk_create(
        OFFER_WORKFLOW.log_model(
            subject=offer, from_state="", to_state=Offer.State.PENDING, actor=acting_user
        )
        for offer in offers
    )
    for offer in offers:
        tell_offer(offer, "offer_made")
    return offers


def _locked_offer(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().select_related("application__candidate__user").get(pk=offer.pk)


def offer_accept(*, offer: Offer, acting_user) -> Enrolment:
    with transaction.atomic():
        offer = _locked_offer(offer)
        if offer.state != Offer.State.PENDING:
            raise ValidationError(
                _("This offer can no longer be accepted (%(state)s).")
                % {"state": offer.get_state_display().lower()}
            )
        if timezone.now() > offer.deadline:
            raise ValidationError(_("The time to answer this offer is over."))
        # The place: a conditional increment under the session's row lock; the check constraint backs it.
        taken = Session.objects.filter(pk=offer.session_id, places_taken__lt=F("capacity")).update(
            places_taken=F("places_taken") + 1
        )
        if not taken:
            raise ValidationError(_("There is no place left in this session."))
        offer.answered_at = timezone.now()
        OFFER_WORKFLOW.move(offer, to=Offer.State.ACCEPTED, actor=acting_user, update_fields=("answered_at",))
        application = offer.application
        APPLICATION_WORKFLOW.move(application, to=Application.State.ADMITTED, actor=acting_user)
        enrolment = Enrolment.objects.create(
            application=application, session_id=offer.session_id, candidate_id=application.candidate_id
        )
        freed = _withdraw_overlapping(application=application, acting_user=acting_user)
        tell_offer(offer, "offer_accepted")
        # Places freed elsewhere go to the next called, each in its own transaction after this one.
        for session_id in sorted(set(freed)):
            transaction.on_commit(lambda session_id=session_id: offers_send_next(session_id=session_id))
    return enrolment


@transaction.atomic
def offer_decline(*, offer: Offer, acting_user) -> Offer:
    offer = _locked_offer(offer)
    offer.answered_at = timezone.now()
    OFFER_WORKFLOW.move(offer, to=Offer.State.DECLINED, actor=acting_user, update_fields=("answered_at",))
    application = Application.objects.select_for_update().get(pk=offer.application_id)
    APPLICATION_WORKFLOW.move(
        application, to=Application.State.WITHDRAWN, actor=acting_user, reason=_("Offer declined.")
    )
    offers_send_next(session_id=offer.session_id, acting_user=acting_user)
    return offer


def offer_release(*, offer: Offer, acting_user, reason: str) -> None:
    """Cancel a pending or accepted offer (the caller holds the locks) and pass the place on."""
    was_accepted = offer.state == Offer.State.ACCEPTED
    OFFER_WORKFLOW.move(offer, to=Offer.State.CANCELLED, actor=acting_user, reason=reason)
    if was_accepted:
        Enrolment.objects.filter(application_id=offer.application_id).delete()
        Session.objects.filter(pk=offer.session_id).update(places_taken=F("places_taken") - 1)
    offers_send_next(session_id=offer.session_id, acting_user=acting_user)


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire the offers whose deadline has passed; their places go to the next called. Daily."""
    now = now or timezone.now()
    expired = 0
    for offer_id in Offer.objects.filter(state=Offer.State.PENDING, deadline__lt=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            offer = Offer.objects.select_for_update().filter(pk=offer_id, state=Offer.State.PENDING).first()
            if offer is None:  # answered meanwhile
                continue
            OFFER_WORKFLOW.move(offer, to=Offer.State.EXPIRED, reason=_("No answer before the deadline."))
            application = Application.objects.select_for_update().get(pk=offer.application_id)
            APPLICATION_WORKFLOW.move(
                application, to=Application.State.WITHDRAWN, reason=_("Offer expired without an answer.")
            )
            tell_offer(offer, "offer_expired")
            offers_send_next(session_id=offer.session_id)
            expired += 1
    return expired


def offers_remind(*, now: datetime.datetime | None = None) -> int:
    """Remind once the candidates whose offer ends within a day. Daily, before `offers_expire`."""
    now = now or timezone.now()
    due = Offer.objects.filter(
        state=Offer.State.PENDING,
        reminded_at__isnull=True,
        deadline__gte=now,
        deadline__lt=now + REMINDER_BEFORE,
    )
    reminded = 0
    for offer_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            offer = Offer.objects.select_for_update().filter(pk=offer_id, reminded_at__isnull=True).first()
            if offer is None:
                continue
            offer.reminded_at = now
            offer.save(update_fields=["reminded_at"])
            tell_offer(offer, "offer_reminder")
            reminded += 1
    return reminded


@transaction.atomic
def application_withdraw(*, application: Application, acting_user, reason: str = "") -> Application:
    """The candidate withdraws; an admitted candidate gives their place back before the session starts."""
    application = (
        Application.objects.select_for_update()
        .select_related("session", "candidate__user")
        .get(pk=application.pk)
    )
    if (
        application.state == Application.State.ADMITTED
        and application.session.start_date <= timezone.localdate()
    ):
        raise ValidationError(
            _("The session has started: tell the training organisation that you are leaving it.")
        )
    if application.call_position is None:  # leaves a ranking that may still change
        application.rank = None
    APPLICATION_WORKFLOW.move(
        application,
        to=Application.State.WITHDRAWN,
        actor=acting_user,
        reason=reason or _("Withdrawn by the candidate."),
        update_fields=("rank",),
    )
    offer = Offer.objects.select_for_update().filter(application=application).first()
    if offer is not None and offer.state in (Offer.State.PENDING, Offer.State.ACCEPTED):
        offer_release(offer=offer, acting_user=acting_user, reason=_("Application withdrawn."))
    return application


def _withdraw_overlapping(*, application: Application, acting_user) -> list[int]:
    """After an acceptance: withdraw the candidate's other open applications to overlapping sessions.

    Returns the sessions whose pending offers were cancelled (their places go to the next called).
    """
    session = application.session
    others = (
        Application.objects.select_for_update()
        .filter(
            candidate_id=application.candidate_id,
            state__in=OPEN_STATES,
            session__start_date__lte=session.end_date,
            session__end_date__gte=session.start_date,
        )
        .exclude(pk=application.pk)
        .select_related("session")
        .order_by("pk")
    )
    freed_sessions = []
    reason = _("Another offer was accepted for the same dates.")
    for other in others:
        APPLICATION_WORKFLOW.move(other, to=Application.State.WITHDRAWN, actor=acting_user, reason=reason)
        offer = Offer.objects.select_for_update().filter(application=other, state=Offer.State.PENDING).first()
        if offer is not None:
            OFFER_WORKFLOW.move(offer, to=Offer.State.CANCELLED, actor=acting_user, reason=reason)
            freed_sessions.append(other.session_id)
    return freed_sessions
