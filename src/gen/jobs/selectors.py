"""What the Tâches page shows: each job's last run, last failure and next slot; a run's progress."""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404

from gen.accounts.permissions import is_national_team
from gen.jobs.models import JobRun
from gen.jobs.registry import Job
from gen.jobs.schedule import JOBS
from gen.jobs.services import next_slot
from gen.notifications.services import outbox_failed

# A run queued for longer than this means no worker is taking work.
WORKER_LATE_AFTER = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class JobOverview:
    job: Job
    last_run: JobRun | None
    last_failure: JobRun | None
    next_run: datetime.datetime | None

    @property
    def failed_last(self) -> bool:
        return self.last_run is not None and self.last_run.state == JobRun.State.FAILED


def jobs_overview(*, now: datetime.datetime) -> list[JobOverview]:
    latest = dict(JobRun.objects.values_list("job").annotate(last=Max("pk")).order_by())
    failures = dict(
        JobRun.objects.filter(state=JobRun.State.FAILED)
        .values_list("job")
        .annotate(last=Max("pk"))
        .order_by()
    )
    runs = JobRun.objects.select_related("requested_by").in_bulk([*latest.values(), *failures.values()])
    return [
        JobOverview(
            job=job,
            last_run=runs.get(latest.get(name)),
            last_failure=runs.get(failures.get(name)),
            next_run=next_slot(job, now) if job.is_scheduled else None,
        )
        for name, job in JOBS.items()
    ]


@dataclass(frozen=True)
class QueueHealth:
    waiting: int
    oldest_waiting_since: datetime.datetime | None
    emails_given_up: int

    def worker_late(self, now: datetime.datetime) -> bool:
        return self.oldest_waiting_since is not None and now - self.oldest_waiting_since > WORKER_LATE_AFTER


def queue_health() -> QueueHealth:
    waiting = JobRun.objects.filter(state=JobRun.State.QUEUED)
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    return QueueHealth(
        waiting=waiting.count(), oldest_waiting_since=oldest, emails_given_up=outbox_failed().count()
    )


def job_runs(name: str, *, limit: int = 50) -> list[JobRun]:
    return list(JobRun.objects.filter(job=name).select_related("requested_by")[:limit])


def access_run(*, user, pk: int) -> JobRun:
    """A run, for the national team or for the person who started it; anybody else gets a 404."""
    run = get_object_or_404(JobRun.objects.select_related("requested_by"), pk=pk)
    if not (is_national_team(user) or (user.is_authenticated and run.requested_by_id == user.pk)):
        raise Http404
    return run
