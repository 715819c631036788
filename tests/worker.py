"""Run, inside a test, what the worker would run now: the real task code path, in this process."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks(*, limit: int = 10_000) -> int:
    """Run every task ready now (in queue order, as `gen worker` would); return how many ran.

    A test's own transaction stays open, so this takes the tasks one by one without the worker's
    exclusive lock. Tasks that fail are recorded as failed, as the worker records them.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit and (task := DBTaskResult.objects.ready().first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran
