"""The task the worker runs for every job: it looks the job up by name and records how it went."""

from django_tasks import task

from gen.jobs.services import job_execute


@task()
def run_job(run_id: int) -> str:
    return job_execute(run_id=run_id)
