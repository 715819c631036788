"""The figures of every session, counted from the platform's records every hour (gen.stats.refresh).

One row per session with each measure of `gen.stats.indicators` as a column: dashboards add up a few
thousand rows instead of reading millions of learners, outcomes and applications. The course, its
organisation and its region are copied so that the filters need no join. `FiguresRefresh` says when
they were counted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def _count() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(default=0)


class SessionFigures(models.Model):
    session = models.OneToOneField(
        "catalogue.Session", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    course = models.ForeignKey("catalogue.Course", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField()
    end_date = models.DateField()

    learners = _count()
    learners_bac_or_below = _count()
    learners_under_26 = _count()
    learners_under_30 = _count()
    learners_women = _count()
    learners_qpv_zrr = _count()
    learners_job_seekers = _count()
    leavers = _count()
    completers = _count()
    respondents_6_months = _count()
    employed_6_months = _count()
    durable_6_months = _count()
    training_6_months = _count()
    surveys_closed_6_months = _count()
    surveys_answered_6_months = _count()
    applications = _count()
    applications_admitted = _count()
    places = _count()

    class Meta:
        verbose_name = _("figures of a session")
        verbose_name_plural = _("figures of the sessions")
        indexes = [
            models.Index(fields=["start_date"], name="stats_figures_start_idx"),
            models.Index(fields=["end_date"], name="stats_figures_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}"


class FiguresRefresh(models.Model):
    """When the figures were last counted: a single row, written in the transaction that replaces them.

    Kept apart from the figures so that a platform without any session is still known to be counted,
    and one that never was is known not to be."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("statistics refresh")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="stats_single_refresh")]

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
