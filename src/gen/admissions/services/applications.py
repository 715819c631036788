"""Applying to a session, and the selection team moving applications through their states."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import (
    Application,
    ApplicationNote,
    Candidate,
    RefusalReason,
    Selection,
)
from gen.admissions.models.applications import MOTIVATION_MIN_LENGTH
from gen.admissions.services.emails import tell_candidate
from gen.admissions.services.offers import offers_send_next
from gen.admissions.services.workflows import APPLICATION_WORKFLOW, OPEN_STATES
from gen.catalogue.models import Session

State = Application.State


def application_submit(
    *,
    candidate: Candidate,
    session: Session,
    motivation: str,
    availability: str,
    acting_user,
    referrer=None,
    referrer_organisation=None,
) -> Application:
    """A candidate applies (or a prescriber applies for them, with their consent) during the window."""
    motivation, availability = motivation.strip(), availability.strip()
    errors = {}
    if len(motivation) < MOTIVATION_MIN_LENGTH:
        errors["motivation"] = _(
            "Tell us a little more about your motivation: at least %(minimum)d characters (%(count)d so far)."
        ) % {"minimum": MOTIVATION_MIN_LENGTH, "count": len(motivation)}
    if not availability:
        errors["availability"] = _("Say from when you are available.")
    if not session.is_open_for_applications(timezone.localdate()):
        errors["__all__"] = _("Applications to this session are closed.")
    if errors:
        raise ValidationError(errors)
    application = Application(
        candidate=candidate,
        session=session,
        motivation=motivation,
        availability=availability,
        referrer=referrer,
        referrer_organisation=referrer_organisation,
        referral_consent_at=timezone.now() if referrer_organisation else None,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # two clicks at once: the database keeps one application
        raise ValidationError(_("This person has already applied to this session.")) from error
    APPLICATION_WORKFLOW.log_model.objects.create(
        subject=application, from_state="", to_state=State.RECEIVED, actor=acting_user
    )
    tell_candidate(application, "received")
    return application


def _locked(application_id: int) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("session", "candidate__user")
        .get(pk=application_id)
    )


def _frozen(session_id: int) -> bool:
    return Selection.objects.filter(session_id=session_id, call_order_frozen_at__isnull=False).exists()


@transaction.atomic
def application_invite(*, application: Application, acting_user, reason: str = "") -> Application:
    application = _locked(application.pk)
    APPLICATION_WORKFLOW.move(application, to=State.INVITED, actor=acting_user, reason=reason)
    tell_candidate(application, "invited", details=reason)
    return application


@transaction.atomic
def application_assess(*, application: Application, acting_user, reason: str = "") -> Application:
    """Tests and interview; also takes a ranked application out of the ranking, until offers are out."""
    application = _locked(application.pk)
    if application.state == State.RANKED and _frozen(application.session_id):
        raise ValidationError(_("The call order is frozen: the ranking can no longer change."))
    application.rank = None
    APPLICATION_WORKFLOW.move(
        application, to=State.ASSESSING, actor=acting_user, reason=reason, update_fields=("rank",)
    )
    return application


@transaction.atomic
def application_rank(*, application: Application, acting_user) -> Application:
    """Put the application at the end of the ranking (and of the call order, once offers are out)."""
    application = _locked(application.pk)
    Session.objects.select_for_update().filter(pk=application.session_id).first()
    siblings = Application.objects.filter(session_id=application.session_id)
    application.rank = (siblings.aggregate(last=Max("rank"))["last"] or 0) + 1
    fields = ["rank"]
    if _frozen(application.session_id):
        application.call_position = (siblings.aggregate(last=Max("call_position"))["last"] or 0) + 1
        fields.append("call_position")
    APPLICATION_WORKFLOW.move(application, to=State.RANKED, actor=acting_user, update_fields=tuple(fields))
    if application.call_position is not None:  # a free place may be waiting for them
        offers_send_next(session_id=application.session_id, acting_user=acting_user)
    return application


@transaction.atomic
def application_refuse(
    *, application: Application, reason: str, comment: str = "", acting_user
) -> Application:
    if reason not in RefusalReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    application = _locked(application.pk)
    if application.state == State.RANKED and _frozen(application.session_id):
        raise ValidationError(_("The call order is frozen: a ranked candidate can no longer be refused."))
    application.refusal_reason, application.refusal_comment = reason, comment.strip()
    application.rank = None
    APPLICATION_WORKFLOW.move(
        application,
        to=State.REFUSED,
        actor=acting_user,
        reason=RefusalReason(reason).label,
        update_fields=("refusal_reason", "refusal_comment", "rank"),
    )
    tell_candidate(application, "refused")
    return application


def application_score(*, application: Application, score, acting_user) -> Application:
    if application.state not in OPEN_STATES:
        raise ValidationError(_("Only applications still in selection can be scored."))
    application.score = score
    application.full_clean(validate_unique=False, validate_constraints=False)
    Application.objects.filter(pk=application.pk).update(score=score)
    return application


@transaction.atomic
def ranking_save(*, session: Session, ordered_ids: list[int], acting_user) -> None:
    """Set the ranking of a session's ranked applications to the given order (best first)."""
    Session.objects.select_for_update().get(pk=session.pk)
    if _frozen(session.pk):
        raise ValidationError(_("The call order is frozen: the ranking can no longer change."))
    ranked = set(session.applications.filter(state=State.RANKED).values_list("pk", flat=True))
    if len(ordered_ids) != len(set(ordered_ids)) or set(ordered_ids) != ranked:
        raise ValidationError(_("The ranking must list every ranked application once."))
    # Ranks are unique per session: clear them before writing the new order.
    session.applications.filter(pk__in=ranked).update(rank=None)
    rows = [Application(pk=pk, rank=position) for position, pk in enumerate(ordered_ids, start=1)]
    Application.objects.bulk_update(rows, ["rank"])


def ranking_by_score(*, session: Session, acting_user) -> None:
    """Rank by score, best first; equal scores keep their current order, then the earliest application."""
    ordered = session.applications.filter(state=State.RANKED).order_by(
        F("score").desc(nulls_last=True), F("rank").asc(nulls_last=True), "created_at", "pk"
    )
    ranking_save(
        session=session, ordered_ids=list(ordered.values_list("pk", flat=True)), acting_user=acting_user
    )


BULK_ACTIONS = {
    "invite": application_invite,
    "assess": application_assess,
    "rank": application_rank,
}


def applications_bulk(
    *, session: Session, ids: Iterable[int], action: str, acting_user, **options
) -> tuple[int, list[str]]:
    """Apply one action to many applications, in the order given (a bulk ranking follows it); each is
    its own transaction. Ids of other sessions are ignored. Returns (done, errors)."""
    move = {**BULK_ACTIONS, "refuse": application_refuse}.get(action)
    if move is None:
        raise ValidationError(_("Unknown action."))
    ids = list(dict.fromkeys(ids))
    found = session.applications.select_related("candidate__user").in_bulk(ids)
    done, errors = 0, []
    for application in (found[pk] for pk in ids if pk in found):
        try:
            move(application=application, acting_user=acting_user, **options)
        except ValidationError as error:
            errors.append(f"{application.candidate}: {' '.join(error.messages)}")
        else:
            done += 1
    return done, errors


def note_add(*, application: Application, text: str, acting_user) -> ApplicationNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("The note is empty.")})
    return ApplicationNote.objects.create(application=application, text=text, author=acting_user)
