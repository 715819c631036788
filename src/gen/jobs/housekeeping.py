"""The platform's own housekeeping: the queue's history does not grow for ever."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from gen.jobs.models import JobRun
from gen.jobs.progress import Progress

KEEP_FOR = datetime.timedelta(days=90)
KEEP_TASKS_FOR = datetime.timedelta(days=30)


def jobs_prune_job(progress: Progress) -> str:
    now = timezone.now()
    tasks, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_TASKS_FOR).delete()
    runs, _by_model = JobRun.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    return _("%(tasks)d finished tasks and %(runs)d job runs deleted.") % {"tasks": tasks, "runs": runs}
