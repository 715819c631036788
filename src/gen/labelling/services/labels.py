"""The life of a label: suspended or withdrawn by the national team, expired when its time is up."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.catalogue.models import Course
from gen.catalogue.services import courses_refresh_listing
from gen.labelling.models import Label
from gen.labelling.services.workflows import LABEL_WORKFLOW


@transaction.atomic
def _move(label: Label, *, to: str, reason: str, acting_user) -> Label:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this change.")})
    label = Label.objects.select_for_update().get(pk=label.pk)
    label.status_reason = reason.strip()
    LABEL_WORKFLOW.move(
        label, to=to, actor=acting_user, reason=reason.strip(), update_fields=("status_reason",)
    )
    courses_refresh_listing(Course.objects.filter(pk=label.course_id))
    return label


def label_suspend(label: Label, *, reason: str, acting_user) -> Label:
    return _move(label, to=Label.Status.SUSPENDED, reason=reason, acting_user=acting_user)


def label_reinstate(label: Label, *, reason: str, acting_user) -> Label:
    return _move(label, to=Label.Status.ACTIVE, reason=reason, acting_user=acting_user)


def label_withdraw(label: Label, *, reason: str, acting_user) -> Label:
    return _move(label, to=Label.Status.WITHDRAWN, reason=reason, acting_user=acting_user)


def labels_to_expire(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Label.objects.filter(
        status__in=[Label.Status.ACTIVE, Label.Status.SUSPENDED], valid_until__lt=today
    )


@transaction.atomic
def labels_expire(today: datetime.date | None = None) -> int:
    """Expire the labels whose validity has ended (daily); their courses leave the catalogue."""
    today = today or timezone.localdate()
    expired = 0
    for label in labels_to_expire(today).select_for_update():
        LABEL_WORKFLOW.move(label, to=Label.Status.EXPIRED, reason=_("End of the three-year validity."))
        expired += 1
    courses_refresh_listing(today=today)
    return expired
