"""One row per run of a job: what started it, where it stands, what it did.

The task queue (django-tasks-db) keeps its own rows to hand work to the worker; this one is what people
see on the Tâches page and on a long job's page, and what the scheduler reads to know which slots it has
already started.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("schedule")
        MANUAL = "manual", _("started by a person")

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    job = models.CharField(_("job"), max_length=60)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The slot of the schedule this run is for; two schedulers can never both start the same slot.
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Progress, updated by the job as it goes (a few times a second at most).
    progress_step = models.CharField(_("current step"), max_length=200, blank=True)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    result_url = models.CharField(_("result link"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "scheduled_for"],
                condition=Q(trigger="schedule"),
                name="jobrun_one_run_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(trigger="manual") | Q(scheduled_for__isnull=False),
                name="jobrun_scheduled_has_slot",
            ),
        ]
        indexes = [models.Index(fields=["job", "-created_at"], name="jobrun_job_recent_idx")]

    def __str__(self) -> str:
        return f"{self.job} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))
