"""A label application ("dossier de candidature au label"): one per course and call, filled in sections."""

from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gen.core.workflow import TransitionLog

PERCENT = [MaxValueValidator(100)]


class LabelApplication(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        DECIDED = "decided", _("Decided")

    call = models.ForeignKey("labelling.LabellingCall", on_delete=models.PROTECT, related_name="applications")
    course = models.ForeignKey(
        "catalogue.Course", on_delete=models.PROTECT, related_name="label_applications"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)

    # The course as it will run under the label.
    places_per_session = models.PositiveSmallIntegerField(_("places per session"), null=True, blank=True)
    sessions_per_year = models.PositiveSmallIntegerField(_("sessions per year"), null=True, blank=True)

    # Commitments on priority publics: target shares of learners, in percent.
    share_low_qualification = models.PositiveSmallIntegerField(
        _("people at bac level or below (%)"), null=True, blank=True, validators=PERCENT
    )
    share_young = models.PositiveSmallIntegerField(
        _("young people under 26 (%)"), null=True, blank=True, validators=PERCENT
    )
    share_women = models.PositiveSmallIntegerField(_("women (%)"), null=True, blank=True, validators=PERCENT)
    share_qpv_zrr = models.PositiveSmallIntegerField(
        _("residents of QPV or ZRR (%)"), null=True, blank=True, validators=PERCENT
    )
    share_job_seekers = models.PositiveSmallIntegerField(
        _("job seekers (%)"), null=True, blank=True, validators=PERCENT
    )

    sourcing_partners = models.TextField(
        _("sourcing partners"), blank=True, help_text=_("France Travail, Missions Locales, associations…")
    )
    employer_partners = models.TextField(
        _("employer partners and local hiring needs"),
        blank=True,
        help_text=_("Companies, hiring needs, internships."),
    )

    # Budget of one year of the course, in euros.
    annual_budget = models.DecimalField(
        _("annual budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    seed_grant_requested = models.DecimalField(
        _("seed grant requested (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("label application")
        verbose_name_plural = _("label applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "course"], name="label_application_one_per_course_and_call"
            ),
            models.CheckConstraint(
                condition=Q(annual_budget__isnull=True) | Q(annual_budget__gt=0),
                name="label_application_budget_positive",
            ),
            models.CheckConstraint(
                condition=Q(seed_grant_requested__isnull=True) | Q(seed_grant_requested__gte=0),
                name="label_application_seed_grant_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
                name="label_application_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("labelling:application", kwargs={"pk": self.pk})

    @property
    def learners_per_year(self) -> int | None:
        if self.places_per_session and self.sessions_per_year:
            return self.places_per_session * self.sessions_per_year
        return None

    @property
    def cost_per_learner(self) -> Decimal | None:
        learners = self.learners_per_year
        if self.annual_budget and learners:
            return (self.annual_budget / learners).quantize(Decimal("1"))
        return None

    @property
    def seed_grant_rate(self) -> Decimal | None:
        if self.annual_budget and self.seed_grant_requested is not None:
            return self.seed_grant_requested / self.annual_budget
        return None


class CoFunding(models.Model):
    """Another funder of the course's budget, with its amount."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="co_fundings")
    funder_name = models.CharField(_("funder"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("co-funding")
        verbose_name_plural = _("co-fundings")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="co_funding_amount_positive")]

    def __str__(self) -> str:
        return f"{self.funder_name}: {self.amount} €"


def attachment_path(attachment: "Attachment", filename: str) -> str:
    # The stored name is ours; the person's file name is kept apart, never used as a path.
    return f"labelling/applications/{attachment.application_id}/{attachment.kind}-{attachment.token}.pdf"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Teaching programme")
        BUDGET = "budget", _("Detailed budget")
        PARTNERSHIPS = "partnerships", _("Letters of partnership")
        OTHER = "other", _("Other document")

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    token = models.CharField(max_length=32, editable=False)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class LabelApplicationTransition(TransitionLog):
    subject = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("application state change")
        verbose_name_plural = _("application state changes")
