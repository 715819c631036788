"""The schedule: each slot of each recurring job is started once, in the platform's time zone, and a
job run records its state, progress and result."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django_tasks_db.models import DBTaskResult

from gen.jobs.models import JobRun
from gen.jobs.progress import Progress
from gen.jobs.schedule import JOBS, scheduled_jobs
from gen.jobs.services import job_start, last_slot, next_slot, schedule_tick
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def test_the_first_tick_starts_every_recurring_job_once_for_its_latest_slot():
    now = at(2026, 12, 8, 14, 3)
    runs = schedule_tick(now=now)

    assert sorted(run.job for run in runs) == sorted(job.name for job in scheduled_jobs())
    slots = {run.job: run.scheduled_for for run in runs}
    assert slots["offers-expire"] == at(2026, 12, 8, 14, 0)
    assert slots["stats-refresh"] == at(2026, 12, 8, 13, 7)
    assert slots["labels-expire"] == at(2026, 12, 8, 0, 5)
    assert slots["jobs-prune"] == at(2026, 12, 6, 3, 45)  # the Sunday before
    assert DBTaskResult.objects.ready().count() == len(runs)
    assert schedule_tick(now=now) == []


def test_a_later_tick_starts_only_the_jobs_whose_next_slot_came():
    schedule_tick(now=at(2026, 12, 8, 14, 3))
    runs = schedule_tick(now=at(2026, 12, 8, 14, 16))
    assert sorted((run.job, run.scheduled_for) for run in runs) == [
        ("offers-expire", at(2026, 12, 8, 14, 15)),
        ("outbox-send", at(2026, 12, 8, 14, 15)),  # 14:05 and 14:10 were missed: caught up once
        ("stats-refresh", at(2026, 12, 8, 14, 7)),
    ]


def test_slots_missed_while_no_worker_ran_are_caught_up_once():
    schedule_tick(now=at(2026, 12, 1, 9, 0))
    runs = schedule_tick(now=at(2026, 12, 4, 9, 1))
    surveys = [run for run in runs if run.job == "surveys-send"]
    assert [run.scheduled_for for run in surveys] == [at(2026, 12, 4, 8, 30)]


def test_slots_are_read_in_paris_time_across_midnight_utc():
    # 00:06 in Paris is 23:06 UTC the day before: the day's label expiry is due.
    now = datetime.datetime(2026, 12, 7, 23, 6, tzinfo=datetime.UTC)
    assert last_slot(JOBS["labels-expire"], now) == at(2026, 12, 8, 0, 5)
    assert next_slot(JOBS["labels-expire"], now) == at(2026, 12, 9, 0, 5)
    # A slot falls exactly on the minute: it is the current one, not the one before.
    assert last_slot(JOBS["offers-expire"], at(2026, 12, 8, 14, 15)) == at(2026, 12, 8, 14, 15)


def test_two_workers_cannot_start_the_same_slot():
    slot = at(2026, 12, 8, 14, 0)
    job_start(name="offers-expire", trigger=JobRun.Trigger.SCHEDULE, scheduled_for=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        job_start(name="offers-expire", trigger=JobRun.Trigger.SCHEDULE, scheduled_for=slot)
    assert JobRun.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_a_run_records_its_state_duration_and_summary():
    start = at(2026, 12, 8, 14, 0)
    with time_machine.travel(start, tick=False):
        run = job_start(name="stats-refresh")
        assert (run.state, run.trigger, run.requested_by) == ("queued", "manual", None)
        run_queued_tasks()
    run.refresh_from_db()
    assert run.state == JobRun.State.SUCCEEDED
    assert run.started_at == run.finished_at == start
    assert run.summary == "Chiffres de 0 sessions recalculés : 0 apprenants."
    assert run.progress_step == "Calcul des chiffres de chaque session"


def test_a_failing_job_records_its_error_and_the_queue_its_traceback(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("gen.stats.tasks.figures_refresh", broken)
    run = job_start(name="stats-refresh")
    run_queued_tasks()
    run.refresh_from_db()
    assert run.state == JobRun.State.FAILED and run.error == "RuntimeError: disk full"
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED" and "disk full" in task.traceback


def test_a_refusal_of_the_rules_reads_as_on_a_page(monkeypatch):
    from django.core.exceptions import ValidationError

    def refused(**kwargs):
        raise ValidationError("Ce tour a déjà été appliqué.")

    monkeypatch.setattr("gen.stats.tasks.figures_refresh", refused)
    run = job_start(name="stats-refresh")
    run_queued_tasks()
    run.refresh_from_db()
    assert run.error == "Ce tour a déjà été appliqué."


def test_progress_is_saved_on_the_run_as_it_goes():
    run = JobRun.objects.create(job="surveys-send", trigger=JobRun.Trigger.MANUAL)
    progress = Progress(run)
    seen = []
    for _item in progress(range(4), desc="Questionnaires"):
        seen.append(JobRun.objects.values_list("progress_step", "progress_total").get(pk=run.pk))
        progress.save()
    run.refresh_from_db()
    assert seen[0] == ("Questionnaires", 4)
    assert (run.progress_done, run.progress_total, run.percent) == (4, 4, 100)


def test_an_unknown_job_is_refused_in_french():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Aucune tâche ne s’appelle « nope »"):
        job_start(name="nope")
