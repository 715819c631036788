"""A learner's enrolment in a session's cohort: created when they accept an offer, then followed to the
end of the course (drop-out with its reason, or completion and certification)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gen.core.workflow import TransitionLog


class DropOutReason(models.TextChoices):
    JOB = "job", _("Found a job")
    OTHER_TRAINING = "other_training", _("Joined another training course")
    HEALTH = "health", _("Health")
    PERSONAL = "personal", _("Personal or family reasons")
    MONEY = "money", _("Financial difficulties")
    MOTIVATION = "motivation", _("Lost motivation or course not suited")
    EXCLUDED = "excluded", _("Excluded by the organisation")
    OTHER = "other", _("Other reason")


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", pgettext_lazy("enrolment status", "Enrolled")
        DROPPED_OUT = "dropped_out", pgettext_lazy("enrolment status", "Dropped out")
        COMPLETED = "completed", pgettext_lazy("enrolment status", "Completed")

    application = models.OneToOneField(
        "admissions.Application", on_delete=models.PROTECT, related_name="enrolment"
    )
    session = models.ForeignKey("catalogue.Session", on_delete=models.PROTECT, related_name="enrolments")
    candidate = models.ForeignKey("admissions.Candidate", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ENROLLED)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    dropped_out_on = models.DateField(_("left on"), null=True, blank=True)
    drop_out_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=DropOutReason.choices, blank=True
    )
    drop_out_comment = models.TextField(_("comment"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # None: the course leads to no certification, or the result is not known yet.
    certification_obtained = models.BooleanField(_("certification obtained"), null=True, blank=True)

    class Meta:
        ordering = ["session", "enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        indexes = [models.Index(fields=["session", "status"], name="enrolment_session_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session", "candidate"], name="enrolment_one_per_session"),
            models.CheckConstraint(
                name="enrolment_drop_out_has_date_and_reason",
                condition=~Q(status="dropped_out")
                | (Q(dropped_out_on__isnull=False) & ~Q(drop_out_reason="")),
            ),
            models.CheckConstraint(
                name="enrolment_completion_has_date",
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.session}"


class EnrolmentTransition(TransitionLog):
    subject = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("enrolment status change")
        verbose_name_plural = _("enrolment status changes")
