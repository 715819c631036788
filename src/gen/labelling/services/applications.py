"""Label applications: a draft filled in sections by the organisation, submitted once complete."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.catalogue.models import Course
from gen.labelling.models import Attachment, CoFunding, LabelApplication, LabellingCall
from gen.labelling.services.calls import call_is_open
from gen.labelling.services.workflows import APPLICATION_WORKFLOW

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
REQUIRED_ATTACHMENTS = (Attachment.Kind.PROGRAMME, Attachment.Kind.BUDGET)
# The fields of each section a dossier needs before it can be submitted.
REQUIRED_FIELDS = (
    "places_per_session",
    "sessions_per_year",
    "share_low_qualification",
    "share_young",
    "share_women",
    "share_qpv_zrr",
    "share_job_seekers",
    "sourcing_partners",
    "employer_partners",
    "annual_budget",
    "seed_grant_requested",
)
# The organisation's own identity, declared in the dossier and kept on the organisation.
ORGANISATION_FIELDS = ("activity_declaration_number",)
EDITABLE_FIELDS = REQUIRED_FIELDS + ORGANISATION_FIELDS


def _locked(application: LabelApplication) -> LabelApplication:
    return (
        LabelApplication.objects.select_for_update().select_related("call", "course").get(pk=application.pk)
    )


def _check_draft(application: LabelApplication) -> None:
    if application.state != LabelApplication.State.DRAFT:
        raise ValidationError(_("A submitted dossier can no longer be changed."), code="locked")


@transaction.atomic
def application_create(*, call: LabellingCall, course: Course, acting_user) -> LabelApplication:
    if not call_is_open(call):
        raise ValidationError(_("This call is not open for applications."), code="call_not_open")
    regions = set(call.regions.values_list("pk", flat=True))
    if regions and course.commune.departement.region_id not in regions:
        raise ValidationError(_("This call is for other regions than the course's."), code="other_region")
    try:
        with transaction.atomic():
            return LabelApplication.objects.create(
                call=call,
                course=course,
                places_per_session=24,
                sessions_per_year=2,
            )
    except IntegrityError:
        raise ValidationError(
            _("A dossier already exists for this course in this call."), code="duplicate"
        ) from None


@transaction.atomic
def application_update(application: LabelApplication, *, acting_user, **fields) -> LabelApplication:
    """Save some fields of a draft (a section of the form); the seed-grant cap is checked at once."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    application = _locked(application)
    _check_draft(application)
    organisation_fields = {name: fields.pop(name) for name in ORGANISATION_FIELDS if name in fields}
    if organisation_fields:
        _update_organisation(application.course.organisation, organisation_fields)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["call", "course"])
    _check_seed_grant(application)
    application.save(update_fields=list(fields))
    return application


def _update_organisation(organisation, fields: dict) -> None:
    number = fields["activity_declaration_number"].strip()
    if not (len(number) == 11 and number.isdigit()):
        raise ValidationError(
            {"activity_declaration_number": _("An activity declaration number has exactly 11 digits.")}
        )
    organisation.activity_declaration_number = number
    organisation.save(update_fields=["activity_declaration_number"])


def _check_seed_grant(application: LabelApplication) -> None:
    rate = application.seed_grant_rate
    if rate is not None and rate > application.call.max_seed_grant_rate:
        raise ValidationError(
            {
                "seed_grant_requested": _(
                    "The seed grant may not exceed %(percent)d%% of the budget (%(maximum)s €)."
                )
                % {
                    "percent": round(application.call.max_seed_grant_rate * 100),
                    "maximum": int(application.annual_budget * application.call.max_seed_grant_rate),
                }
            },
            code="seed_grant_cap",
        )


@transaction.atomic
def co_funding_add(application: LabelApplication, *, funder_name: str, amount, acting_user) -> CoFunding:
    application = _locked(application)
    _check_draft(application)
    co_funding = CoFunding(application=application, funder_name=funder_name.strip(), amount=amount)
    co_funding.full_clean()
    if co_funding.amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    co_funding.save()
    return co_funding


@transaction.atomic
def co_funding_remove(co_funding: CoFunding, *, acting_user) -> None:
    _check_draft(_locked(co_funding.application))
    co_funding.delete()


def validate_pdf(uploaded_file) -> None:
    """PDF only, checked three ways (name, declared type, the file's own first bytes), 5 MB at most."""
    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("This file is too large: %(size)d MB at most."), params={"size": MAX_ATTACHMENT_BYTES // 2**20}
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("This file is empty."))
    head = uploaded_file.read(5)
    uploaded_file.seek(0)
    is_pdf_name = uploaded_file.name.lower().endswith(".pdf")
    if not is_pdf_name or uploaded_file.content_type != "application/pdf" or head != b"%PDF-":
        raise ValidationError(_("Only PDF files are accepted."), code="not_pdf")


@transaction.atomic
def attachment_add(application: LabelApplication, *, kind: str, uploaded_file, acting_user) -> Attachment:
    application = _locked(application)
    _check_draft(application)
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of document from the list.")})
    validate_pdf(uploaded_file)
    attachment = Attachment(
        application=application,
        kind=kind,
        token=secrets.token_hex(8),
        original_name=uploaded_file.name[-255:],
        size=uploaded_file.size,
    )
    attachment.file.save("document.pdf", uploaded_file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(attachment: Attachment, *, acting_user) -> None:
    _check_draft(_locked(attachment.application))
    attachment.file.delete(save=False)
    attachment.delete()


def application_missing(application: LabelApplication) -> list[str]:
    """What the dossier still lacks before it can be submitted, in words for the organisation."""
    missing = [
        str(LabelApplication._meta.get_field(name).verbose_name)
        for name in REQUIRED_FIELDS
        if getattr(application, name) in (None, "")
    ]
    organisation = application.course.organisation
    if not organisation.activity_declaration_number:
        missing.append(_("the organisation's activity declaration number"))
    if not application.course.jobs.exists():
        missing.append(_("the trades (ROME) of the course"))
    present = set(application.attachments.values_list("kind", flat=True))
    missing += [
        _("attachment: %(kind)s") % {"kind": Attachment.Kind(kind).label}
        for kind in REQUIRED_ATTACHMENTS
        if kind not in present
    ]
    return missing


@transaction.atomic
def application_submit(
    application: LabelApplication, *, acting_user, now: datetime.datetime | None = None
) -> LabelApplication:
    now = now or timezone.now()
    application = _locked(application)
    _check_draft(application)
    if not call_is_open(application.call, now):
        raise ValidationError(
            _("The deadline of this call has passed: the dossier can no longer be submitted.")
        )
    missing = application_missing(application)
    if missing:
        raise ValidationError(
            _("The dossier is incomplete: %(missing)s."),
            params={"missing": ", ".join(missing)},
            code="incomplete",
        )
    _check_seed_grant(application)
    application.submitted_at = now
    APPLICATION_WORKFLOW.move(
        application, to=LabelApplication.State.SUBMITTED, actor=acting_user, update_fields=("submitted_at",)
    )
    return application
