"""A learner's way through the cohort: leaving the course, completing it (with the certification when
the course leads to one), and undoing either when it was recorded by mistake."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.cohorts.models import DropOutReason, Enrolment
from gen.cohorts.services.workflows import ENROLMENT_WORKFLOW

Status = Enrolment.Status
# A drop-out or a completion can be undone for this long after it was recorded: time enough to
# correct a mistake, while the figures of past cohorts stay as they were published.
UNDO_DAYS = 30


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().select_related("session__course").get(pk=enrolment.pk)


def _check_date(on: datetime.date, *, not_before: datetime.date, field: str, too_early: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if on < not_before:
        raise ValidationError({field: too_early % {"date": not_before.strftime("%d/%m/%Y")}})


@transaction.atomic
def enrolment_drop_out(
    *, enrolment: Enrolment, on: datetime.date, reason: str, comment: str = "", acting_user
) -> Enrolment:
    """The learner left the course on `on`, for `reason` (a DropOutReason; "other" needs a comment)."""
    enrolment = _locked(enrolment)
    comment = comment.strip()
    if reason not in DropOutReason.values:
        raise ValidationError({"reason": _("Choose the reason for leaving.")})
    if reason == DropOutReason.OTHER and not comment:
        raise ValidationError({"comment": _("Say in a few words why the learner left.")})
    _check_date(
        on,
        not_before=timezone.localdate(enrolment.enrolled_at),
        field="on",
        too_early=_("The learner cannot leave before enrolling (%(date)s)."),
    )
    enrolment.dropped_out_on, enrolment.drop_out_reason, enrolment.drop_out_comment = on, reason, comment
    ENROLMENT_WORKFLOW.move(
        enrolment,
        to=Status.DROPPED_OUT,
        actor=acting_user,
        reason=" – ".join(filter(None, [str(DropOutReason(reason).label), comment])),
        update_fields=("dropped_out_on", "drop_out_reason", "drop_out_comment"),
    )
    return enrolment


def _check_certification(enrolment: Enrolment, obtained: bool | None) -> None:
    if obtained is not None and not enrolment.session.course.rncp_code:
        raise ValidationError(
            {"certification_obtained": _("This course leads to no certification registered at the RNCP.")}
        )


@transaction.atomic
def enrolment_complete(
    *, enrolment: Enrolment, on: datetime.date, certification_obtained: bool | None, acting_user
) -> Enrolment:
    """The learner completed the course on `on`; the certification result may be unknown yet (None)."""
    enrolment = _locked(enrolment)
    _check_certification(enrolment, certification_obtained)
    _check_date(
        on,
        not_before=enrolment.session.start_date,
        field="on",
        too_early=_("A learner cannot complete the course before it starts (%(date)s)."),
    )
    enrolment.completed_on, enrolment.certification_obtained = on, certification_obtained
    ENROLMENT_WORKFLOW.move(
        enrolment,
        to=Status.COMPLETED,
        actor=acting_user,
        update_fields=("completed_on", "certification_obtained"),
    )
    return enrolment


@transaction.atomic
def enrolment_certification_record(*, enrolment: Enrolment, obtained: bool | None, acting_user) -> Enrolment:
    """The certification's result, known after the jury, weeks after the course was completed."""
    enrolment = _locked(enrolment)
    if enrolment.status != Status.COMPLETED:
        raise ValidationError(_("Record the completion of the course first."))
    _check_certification(enrolment, obtained)
    enrolment.certification_obtained = obtained
    enrolment.save(update_fields=["certification_obtained"])
    return enrolment


def undo_deadline(enrolment: Enrolment) -> datetime.date | None:
    """The last day the drop-out or completion can be undone; None when there is nothing to undo."""
    if enrolment.status == Status.ENROLLED:
        return None
    last = enrolment.transitions.filter(to_state=enrolment.status).order_by("-at", "-pk").first()
    # Rows written in bulk (imports, demo data) have no log: count from the date they record.
    recorded = timezone.localdate(last.at) if last else enrolment.dropped_out_on or enrolment.completed_on
    return recorded + datetime.timedelta(days=UNDO_DAYS)


@transaction.atomic
def enrolment_undo(*, enrolment: Enrolment, reason: str, acting_user) -> Enrolment:
    """Back to enrolled: the drop-out or completion was a mistake. Its details are kept in the log."""
    enrolment = _locked(enrolment)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this change is undone.")})
    deadline = undo_deadline(enrolment)
    if deadline is not None and timezone.localdate() > deadline:
        raise ValidationError(
            _("This change was recorded more than %(days)d days ago: it can no longer be undone.")
            % {"days": UNDO_DAYS}
        )
    enrolment.dropped_out_on = enrolment.completed_on = enrolment.certification_obtained = None
    enrolment.drop_out_reason = enrolment.drop_out_comment = ""
    ENROLMENT_WORKFLOW.move(
        enrolment,
        to=Status.ENROLLED,
        actor=acting_user,
        reason=reason,
        update_fields=(
            "dropped_out_on",
            "drop_out_reason",
            "drop_out_comment",
            "completed_on",
            "certification_obtained",
        ),
    )
    return enrolment
