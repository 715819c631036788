"""Start jobs, run them, and start the recurring ones when their time comes."""

import datetime
import logging

from croniter import croniter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gen.jobs.models import JobRun
from gen.jobs.progress import Progress
from gen.jobs.registry import Job, JobResult
from gen.jobs.schedule import JOBS, scheduled_jobs

logger = logging.getLogger(__name__)


def job_start(
    *,
    name: str,
    requested_by=None,
    arguments: dict | None = None,
    trigger: str = JobRun.Trigger.MANUAL,
    scheduled_for: datetime.datetime | None = None,
) -> JobRun:
    """Queue a run of the job `name` for the worker, and return it (its page shows its progress).

    The run and its task are written in one transaction: the task queue lives in the same database, so
    a run exists with its task or not at all, and the worker sees it once committed.
    """
    from gen.jobs.tasks import run_job  # the task module needs the task backend, loaded with the apps

    if name not in JOBS:
        raise ValidationError(_("There is no job named “%(name)s”.") % {"name": name}, code="unknown")
    arguments = arguments or {}
    with transaction.atomic():
        if (
            trigger == JobRun.Trigger.MANUAL
            and JobRun.objects.filter(job=name, arguments=arguments, state=JobRun.State.QUEUED).exists()
        ):
            raise ValidationError(
                _("This job is already waiting for the worker: it will start in a moment."), code="queued"
            )
        run = JobRun.objects.create(
            job=name,
            arguments=arguments,
            trigger=trigger,
            requested_by=requested_by,
            scheduled_for=scheduled_for,
        )
        run_job.enqueue(run_id=run.pk)
    if requested_by is not None:
        logger.info("Job %s started by user %s (run %s).", name, requested_by.pk, run.pk)
    return run


def job_execute(*, run_id: int) -> str:
    """Do the work of a queued run (called by the worker), recording its state, progress and result."""
    run = JobRun.objects.get(pk=run_id)
    job = JOBS[run.job]
    run.state, run.started_at = JobRun.State.RUNNING, timezone.now()
    run.save(update_fields=["state", "started_at"])
    try:
        with translation.override(settings.LANGUAGE_CODE):
            result = job.function(Progress(run), **run.arguments)
    except Exception as error:
        # A refusal of the rules reads as it would on a page; anything else with its type, for whoever fixes it.
        message = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else f"{type(error).__name__}: {error}"
        )
        JobRun.objects.filter(pk=run.pk).update(
            state=JobRun.State.FAILED, finished_at=timezone.now(), error=message[:4000]
        )
        raise  # the task queue records the traceback too
    if not isinstance(result, JobResult):
        result = JobResult(summary=str(result or ""))
    JobRun.objects.filter(pk=run.pk).update(
        state=JobRun.State.SUCCEEDED,
        finished_at=timezone.now(),
        summary=result.summary,
        result_url=result.url,
    )
    return result.summary


def last_slot(job: Job, now: datetime.datetime) -> datetime.datetime:
    """The latest time at or before `now` when the job was due, in the platform's time zone."""
    local_now = timezone.localtime(now)
    if croniter.match(job.cron, local_now.replace(second=0, microsecond=0)):
        return local_now.replace(second=0, microsecond=0)
    return croniter(job.cron, local_now).get_prev(datetime.datetime)


def next_slot(job: Job, now: datetime.datetime) -> datetime.datetime:
    return croniter(job.cron, timezone.localtime(now)).get_next(datetime.datetime)


def schedule_tick(*, now: datetime.datetime | None = None) -> list[JobRun]:
    """Start every recurring job whose latest slot has not been started yet; return the runs started.

    Any number of workers may call this at once: a unique constraint on (job, slot) lets one of them
    start each slot. A slot missed while no worker ran is caught up once (only the latest one).
    """
    now = now or timezone.now()
    started_slots = dict(
        JobRun.objects.filter(trigger=JobRun.Trigger.SCHEDULE)
        .values_list("job")
        .annotate(last=Max("scheduled_for"))
    )
    runs = []
    for job in scheduled_jobs():
        slot = last_slot(job, now)
        if (last := started_slots.get(job.name)) is not None and last >= slot:
            continue
        try:
            with transaction.atomic():
                runs.append(job_start(name=job.name, trigger=JobRun.Trigger.SCHEDULE, scheduled_for=slot))
        except IntegrityError:
            continue  # another worker started this slot a moment ago
    return runs
