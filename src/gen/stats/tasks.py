"""The statistics, counted again by the worker every hour."""

from django.utils.translation import gettext as _

from gen.jobs.progress import Progress
from gen.stats.refresh import figures_refresh


def stats_refresh_job(progress: Progress) -> str:
    progress.step(_("Counting the figures of every session"))
    figures = figures_refresh(apply=True)
    return _("Figures of %(sessions)d sessions counted: %(learners)d learners.") % {
        "sessions": len(figures),
        "learners": sum(row.learners for row in figures),
    }
