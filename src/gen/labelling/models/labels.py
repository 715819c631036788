"""The label of a course: granted by the committee for three years, suspended, withdrawn or expired."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gen.core.workflow import TransitionLog

LABEL_VALIDITY_YEARS = 3


class LabelQuerySet(models.QuerySet):
    def in_force(self, on_date: datetime.date):
        return self.filter(status=Label.Status.ACTIVE, valid_from__lte=on_date, valid_until__gte=on_date)


class Label(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    course = models.ForeignKey("catalogue.Course", on_delete=models.CASCADE, related_name="labels")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status_reason = models.TextField(_("reason"), blank=True)
    # The dossier whose committee decision granted it (labels imported from before the platform have none).
    application = models.ForeignKey(
        "labelling.LabelApplication", on_delete=models.PROTECT, null=True, blank=True, related_name="labels"
    )

    objects = LabelQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        indexes = [models.Index(fields=["course", "status", "valid_until"], name="label_course_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="label_validity_ordered"
            ),
            # A course has at most one active label at a time.
            models.UniqueConstraint(
                fields=["course"], condition=Q(status="active"), name="label_one_active_per_course"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.get_status_display()})"


class LabelTransition(TransitionLog):
    subject = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("label state change")
        verbose_name_plural = _("label state changes")
