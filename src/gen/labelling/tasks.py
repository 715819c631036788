"""Labelling's work for the worker."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gen.jobs.progress import Progress
from gen.labelling.services.labels import labels_expire


def labels_expire_job(progress: Progress) -> str:
    return _("Labels expired: %(count)d.") % {"count": labels_expire(timezone.localdate())}
