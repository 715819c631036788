"""Where a running job stands, saved on its run as it goes so its page can show a progress bar.

A `Progress` is called like tqdm (`for item in progress(items, desc=...)`), which is the shape the
services already take for their progress bars in commands; it writes at most twice a second.
"""

import time
from collections.abc import Iterable, Iterator

from gen.jobs.models import JobRun

SAVE_EVERY_SECONDS = 0.5


class Progress:
    def __init__(self, run: JobRun | None = None):
        self.run = run
        self._saved_at = 0.0

    def __call__(self, items: Iterable, *, total: int | None = None, desc: str = "", **_options) -> Iterator:
        if total is None and hasattr(items, "__len__"):
            total = len(items)
        self.step(desc, total=total)
        for item in items:
            yield item
            self.advance()
        self.save()

    def step(self, label: str, *, total: int | None = None) -> None:
        """Start a step: its label, how many items it has (if known), none done yet."""
        if self.run is None:
            return
        self.run.progress_step = str(label)[:200]
        self.run.progress_total = total
        self.run.progress_done = 0
        self.save()

    def advance(self, count: int = 1) -> None:
        if self.run is None:
            return
        self.run.progress_done += count
        if time.monotonic() - self._saved_at >= SAVE_EVERY_SECONDS:
            self.save()

    def save(self) -> None:
        if self.run is None:
            return
        self._saved_at = time.monotonic()
        JobRun.objects.filter(pk=self.run.pk).update(
            progress_step=self.run.progress_step,
            progress_done=self.run.progress_done,
            progress_total=self.run.progress_total,
        )


def no_progress() -> Progress:
    """A progress that records nothing (a job run from a command or a test)."""
    return Progress(None)
