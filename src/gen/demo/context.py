"""What the demo steps share while they build: the scale, the date, the reference data, what was made."""

import datetime
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from tqdm import tqdm

from gen.catalogue.models import Course
from gen.demo.featured import FeaturedCourse
from gen.demo.reference import Reference
from gen.demo.scales import Scale
from gen.organisations.models import Organisation

T = TypeVar("T")

# Demo users, organisations and their contact addresses all live under this reserved domain.
DEMO_DOMAIN = "demo.gen.example.org"


class LabelFate(StrEnum):
    """What becomes of a demo course's label; only ACTIVE courses are in the public catalogue."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


UNLISTED_FATES = (LabelFate.SUSPENDED, LabelFate.WITHDRAWN, LabelFate.EXPIRED)


@dataclass(frozen=True)
class CourseSlot:
    """A course to create: for which organisation, in which region, with which label."""

    organisation: Organisation
    region_code: str
    fate: LabelFate
    featured: FeaturedCourse | None = None


@dataclass
class DemoContext:
    scale: Scale
    seed: int
    today: datetime.date
    reference: Reference
    show_progress: bool = False
    organisations: list[Organisation] = field(default_factory=list)
    # Featured organisations by key ("pop" is home to the demo organisation users).
    featured: dict[str, Organisation] = field(default_factory=dict)
    courses: list[Course] = field(default_factory=list)
    course_slots: list[CourseSlot] = field(default_factory=list)
    # Course slug -> what becomes of its label.
    label_fates: dict[str, LabelFate] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    @property
    def region_codes(self) -> list[str]:
        """The regions of the scale that have communes in the database."""
        codes = self.reference.region_codes
        chosen = [code for code in codes if code in self.scale.regions]
        return chosen or codes

    def rng(self, step: str) -> random.Random:
        """A generator of its own for each step, so that adding a step leaves the others' data unchanged."""
        return random.Random(f"{self.seed}/{step}")

    def progress(self, items: Iterable[T], *, total: int, desc: str, unit: str = "rows") -> Iterator[T]:
        # A single batch needs no progress bar.
        disabled = not self.show_progress or total <= 1
        return iter(tqdm(items, total=total, desc=desc, unit=unit, disable=disabled))

    def create_per_course(
        self, name: str, model, rows_of: Callable[[Course], Iterable], *, rows_per_course: int = 1
    ):
        """Bulk-create the rows each course gets (sessions, labels…), batch by batch, counted under `name`."""
        per_batch = max(1, self.scale.batch_size // rows_per_course)
        for courses in self.progress(
            batched(self.courses, per_batch),
            total=math.ceil(len(self.courses) / per_batch),
            desc=name.capitalize(),
            unit="batch",
        ):
            rows = [row for course in courses for row in rows_of(course)]
            model.objects.bulk_create(rows)
            self.counts[name] += len(rows)


def demo_host(slug: str) -> str:
    """An organisation's host name under the demo domain (a DNS label has at most 63 characters)."""
    return f"{slug[:63].rstrip('-')}.{DEMO_DOMAIN}"


def demo_organisations():
    """Demo organisations, training and prescribing: their contact e-mail is under the demo domain."""
    return Organisation.objects.filter(email__endswith=f".{DEMO_DOMAIN}")


@dataclass(frozen=True)
class Step:
    """One part of the demo: `build` adds its rows, `clear` removes them (steps clear in reverse order)."""

    name: str
    build: Callable[[DemoContext], None]
    clear: Callable[[], None]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
