"""What a catalogue search asks for, independent of where it comes from (page, map or API)."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from gen.territories.models import Commune


class Sort(StrEnum):
    RELEVANCE = "pertinence"
    START_DATE = "date"
    DISTANCE = "distance"


@dataclass(frozen=True)
class CourseSearch:
    text: str = ""
    job_code: str = ""
    region_code: str = ""
    departement_code: str = ""
    starts_after: datetime.date | None = None
    starts_before: datetime.date | None = None
    modality: str = ""
    with_places_left: bool = False
    near: Commune | None = None
    within_km: int | None = None
    sort: Sort | None = None

    @property
    def filters_sessions(self) -> bool:
        return bool(self.starts_after or self.starts_before or self.with_places_left)

    @property
    def effective_sort(self) -> Sort:
        if self.sort == Sort.DISTANCE and self.near is None:
            return Sort.START_DATE
        if self.sort == Sort.RELEVANCE and not self.text:
            return Sort.DISTANCE if self.near else Sort.START_DATE
        if self.sort:
            return self.sort
        if self.text:
            return Sort.RELEVANCE
        return Sort.DISTANCE if self.near else Sort.START_DATE
