"""The labelling committee: granted, refused or deferred, with reasons; a grant creates the label."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gen.accounts.models import Membership
from gen.catalogue.models import Course
from gen.catalogue.services import courses_refresh_listing
from gen.labelling.models import CommitteeDecision, Label, LabelApplication
from gen.labelling.models.labels import LABEL_VALIDITY_YEARS
from gen.labelling.services.workflows import APPLICATION_WORKFLOW, LABEL_WORKFLOW
from gen.notifications.services import email_enqueue


def label_validity_end(start: datetime.date) -> datetime.date:
    """The last day of a label granted on `start`: three years, less a day (29 February falls back)."""
    try:
        end = start.replace(year=start.year + LABEL_VALIDITY_YEARS)
    except ValueError:
        end = start.replace(year=start.year + LABEL_VALIDITY_YEARS, day=28)
    return end - datetime.timedelta(days=1)


@transaction.atomic
def decision_record(
    application: LabelApplication, *, outcome: str, reasons: str, decided_on: datetime.date, acting_user
) -> CommitteeDecision:
    application = (
        LabelApplication.objects.select_for_update().select_related("course", "call").get(pk=application.pk)
    )
    if application.state != LabelApplication.State.UNDER_REVIEW:
        raise ValidationError(_("Only dossiers under review go to the committee."), code="not_under_review")
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons of the decision.")})
    decision = CommitteeDecision(
        application=application,
        outcome=outcome,
        reasons=reasons.strip(),
        decided_on=decided_on,
        decided_by=acting_user,
    )
    decision.full_clean()
    decision.save()
    _tell_organisation(decision)
    if outcome == CommitteeDecision.Outcome.DEFERRED:  # back to a later committee, still under review
        return decision
    APPLICATION_WORKFLOW.move(
        application,
        to=LabelApplication.State.DECIDED,
        actor=acting_user,
        reason=decision.get_outcome_display(),
    )
    if outcome == CommitteeDecision.Outcome.GRANTED:
        _grant_label(application, decided_on=decided_on, acting_user=acting_user)
    return decision


def _grant_label(application: LabelApplication, *, decided_on: datetime.date, acting_user) -> Label:
    # A renewal: the label in force makes way for the new one.
    for previous in Label.objects.select_for_update().filter(
        course=application.course, status__in=[Label.Status.ACTIVE, Label.Status.SUSPENDED]
    ):
        LABEL_WORKFLOW.move(
            previous, to=Label.Status.EXPIRED, actor=acting_user, reason=_("Renewed by the committee.")
        )
    label = Label.objects.create(
        course=application.course,
        application=application,
        valid_from=decided_on,
        valid_until=label_validity_end(decided_on),
    )
    courses_refresh_listing(Course.objects.filter(pk=application.course_id))
    return label


def _tell_organisation(decision: CommitteeDecision) -> None:
    application = decision.application
    recipients = list(
        Membership.objects.filter(organisation_id=application.course.organisation_id)
        .values_list("user__email", flat=True)
        .distinct()
    )
    if application.course.organisation.email:
        recipients.append(application.course.organisation.email)
    if not recipients:
        return
    for recipient in sorted(set(recipients)):
        email_enqueue(
            to=recipient,
            template="labelling/emails/decision",
            context={"decision": decision, "application": application},
            kind="labelling.decision",
        )
