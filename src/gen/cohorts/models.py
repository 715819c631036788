"""A learner's enrolment in a session's cohort, created when they accept an offer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    application = models.OneToOneField(
        "admissions.Application", on_delete=models.PROTECT, related_name="enrolment"
    )
    session = models.ForeignKey("catalogue.Session", on_delete=models.PROTECT, related_name="enrolments")
    candidate = models.ForeignKey("admissions.Candidate", on_delete=models.PROTECT, related_name="enrolments")
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)

    class Meta:
        ordering = ["session", "enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["session", "candidate"], name="enrolment_one_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.session}"
