"""The internship that ends a labelled course (usually two months): the host company, the tutor, the
dates, the state of the agreement, and whether the host hired the learner afterwards."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gen.core.workflow import TransitionLog
from gen.organisations.validators import validate_siret


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SENT = "sent", _("Sent for signature")
    SIGNED = "signed", _("Signed")
    CANCELLED = "cancelled", _("Cancelled")


class Internship(models.Model):
    enrolment = models.ForeignKey("cohorts.Enrolment", on_delete=models.CASCADE, related_name="internships")
    company_name = models.CharField(_("host company"), max_length=200)
    siret = models.CharField(
        _("SIRET of the host company"),
        max_length=14,
        validators=[validate_siret],
        help_text=_("14 digits, on the company's documents or on annuaire-entreprises.data.gouv.fr."),
    )
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town of the host company"),
    )
    job_title = models.CharField(_("position held"), max_length=200, blank=True)
    tutor_name = models.CharField(_("tutor's name"), max_length=150)
    tutor_email = models.EmailField(_("tutor's e-mail address"), blank=True)
    tutor_phone = models.CharField(_("tutor's phone number"), max_length=20, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    agreement_status = models.CharField(
        _("internship agreement"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
    )
    # None: not known yet. Only a signed internship took place, so only it can lead to a job.
    hired_afterwards = models.BooleanField(_("hired by the host afterwards"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "starts_on", "pk"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="internship_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(siret__regex=r"^[0-9]{14}$"), name="internship_siret_digits"),
            models.CheckConstraint(
                condition=Q(agreement_status__in=AgreementStatus.values),
                name="internship_agreement_known",
            ),
            models.CheckConstraint(
                condition=Q(hired_afterwards__isnull=True) | Q(agreement_status=AgreementStatus.SIGNED),
                name="internship_hired_only_if_signed",
            ),
            # A cancelled agreement may be followed by another internship; otherwise one at a time.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~Q(agreement_status=AgreementStatus.CANCELLED),
                name="internship_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.starts_on} – {self.ends_on})"


class InternshipTransition(TransitionLog):
    subject = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("internship agreement change")
        verbose_name_plural = _("internship agreement changes")
