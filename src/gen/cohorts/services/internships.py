"""Recording a learner's internship: host company, tutor, dates, the agreement as it goes from being
prepared to signed (or cancelled), and whether the host hired the learner afterwards."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gen.cohorts.models import AgreementStatus, Enrolment, Internship
from gen.cohorts.services.workflows import INTERNSHIP_WORKFLOW
from gen.territories.models import Commune

# What the service sets from its arguments; the agreement status moves through the workflow.
DETAILS = (
    "company_name",
    "siret",
    "commune",
    "job_title",
    "tutor_name",
    "tutor_email",
    "tutor_phone",
    "starts_on",
    "ends_on",
    "hired_afterwards",
)


def _check(enrolment: Enrolment, internship: Internship | None, details: dict, status: str) -> None:
    if internship is not None and internship.agreement_status == AgreementStatus.CANCELLED:
        raise ValidationError(_("A cancelled internship can no longer change: record a new one."))
    if internship is None and status == AgreementStatus.CANCELLED:
        raise ValidationError({"agreement_status": _("A new internship cannot start cancelled.")})
    if enrolment.status == Enrolment.Status.DROPPED_OUT and status != AgreementStatus.CANCELLED:
        raise ValidationError(_("This learner has left the course: their internship can only be cancelled."))
    errors = {}
    starts_on, ends_on = details["starts_on"], details["ends_on"]
    if starts_on < enrolment.session.start_date:
        errors["starts_on"] = _("The internship cannot start before the session (%(date)s).") % {
            "date": enrolment.session.start_date.strftime("%d/%m/%Y")
        }
    if ends_on <= starts_on:
        errors["ends_on"] = _("The internship must end after it starts.")
    if details["hired_afterwards"] is not None and status != AgreementStatus.SIGNED:
        errors["hired_afterwards"] = _("Only an internship whose agreement was signed can lead to a hiring.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def internship_save(
    *,
    enrolment: Enrolment,
    internship: Internship | None = None,
    company_name: str,
    siret: str,
    commune: Commune | None = None,
    job_title: str = "",
    tutor_name: str,
    tutor_email: str = "",
    tutor_phone: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    agreement_status: str = AgreementStatus.DRAFT,
    hired_afterwards: bool | None = None,
    acting_user,
) -> Internship:
    """Create the learner's internship (`internship` None) or change it; a change of the agreement's
    status follows the workflow and is logged."""
    enrolment = Enrolment.objects.select_for_update().select_related("session").get(pk=enrolment.pk)
    if internship is not None:
        internship = Internship.objects.select_for_update().get(pk=internship.pk, enrolment=enrolment)
    details = {
        "company_name": company_name.strip(),
        "siret": siret.replace(" ", ""),
        "commune": commune,
        "job_title": job_title.strip(),
        "tutor_name": tutor_name.strip(),
        "tutor_email": tutor_email.strip(),
        "tutor_phone": tutor_phone.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hired_afterwards": hired_afterwards,
    }
    if agreement_status not in AgreementStatus.values:
        raise ValidationError({"agreement_status": _("Choose the state of the agreement.")})
    _check(enrolment, internship, details, agreement_status)
    creating = internship is None
    if creating:
        if enrolment.internships.exclude(agreement_status=AgreementStatus.CANCELLED).exists():
            raise ValidationError(
                _("This learner already has an internship: change it, or cancel it to record another one.")
            )
        internship = Internship(enrolment=enrolment, agreement_status=agreement_status)
    for name in DETAILS:
        setattr(internship, name, details[name])
    internship.full_clean(exclude=["enrolment", "agreement_status"], validate_constraints=False)
    if creating:
        try:
            with transaction.atomic():
                internship.save()
        except IntegrityError as error:  # two saves at once: the database keeps one current internship
            raise ValidationError(_("This learner already has an internship: reload the page.")) from error
        INTERNSHIP_WORKFLOW.log_model.objects.create(
            subject=internship, from_state="", to_state=agreement_status, actor=acting_user
        )
    elif agreement_status != internship.agreement_status:
        # One UPDATE with the details: the hiring and the agreement's status are checked together.
        INTERNSHIP_WORKFLOW.move(
            internship, to=agreement_status, actor=acting_user, update_fields=(*DETAILS, "updated_at")
        )
    else:
        internship.save(update_fields=[*DETAILS, "updated_at"])
    return internship
