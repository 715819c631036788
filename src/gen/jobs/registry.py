"""What a job is: a name, words for people, the function that does it, and when it recurs.

The jobs themselves are declared in `schedule.py`; their functions live in each app's `tasks.py`, take a
`Progress` and keyword arguments, and return a `JobResult` (or a plain summary).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class JobResult:
    summary: str
    url: str = ""


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    description: str
    # Dotted path of the function, imported when the job runs (apps import the registry, not the reverse).
    function_path: str
    # A cron expression in the platform's time zone (Europe/Paris), or None for jobs started on demand.
    cron: str | None = None
    # The schedule in words, for people ("every quarter of an hour").
    when: str = ""

    @cached_property
    def function(self) -> Callable[..., JobResult | str]:
        return import_string(self.function_path)

    @property
    def is_scheduled(self) -> bool:
        return self.cron is not None
