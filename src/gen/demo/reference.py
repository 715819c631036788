"""The reference data the demo stands on: regions, their most populous communes, ROME jobs."""

import math
import random
from dataclasses import dataclass

from gen.catalogue.models import Job
from gen.territories.models import Commune, Region

MISSING_MESSAGE = "Reference data is missing ({what}): run `gen load-territories` and `gen load-rome` first."


class MissingReferenceData(Exception):
    pass


@dataclass(frozen=True)
class Reference:
    regions: list[Region]
    # Region code -> its most populous communes, population descending then INSEE code.
    communes_by_region: dict[str, list[Commune]]
    communes_by_insee: dict[str, Commune]
    jobs_by_code: dict[str, Job]

    @property
    def region_codes(self) -> list[str]:
        return [region.code for region in self.regions if self.communes_by_region.get(region.code)]

    def region(self, code: str) -> Region | None:
        return next((region for region in self.regions if region.code == code), None)


def load_reference(*, communes_per_region: int, insee_codes: set[str] = frozenset()) -> Reference:
    """Read what the demo needs, in a deterministic order, or raise MissingReferenceData."""
    regions = list(Region.objects.order_by("code"))
    if not regions:
        raise MissingReferenceData(MISSING_MESSAGE.format(what="no regions"))
    jobs_by_code = {job.code: job for job in Job.objects.order_by("code")}
    if not jobs_by_code:
        raise MissingReferenceData(MISSING_MESSAGE.format(what="no ROME jobs"))
    communes = Commune.objects.select_related("departement__region").order_by("-population", "insee_code")
    communes_by_region = {}
    for region in regions:
        in_region = communes.filter(departement__region=region)
        located = list(
            in_region.filter(latitude__isnull=False, longitude__isnull=False)[:communes_per_region]
        )
        communes_by_region[region.code] = located or list(in_region[:communes_per_region])
    if not any(communes_by_region.values()):
        raise MissingReferenceData(MISSING_MESSAGE.format(what="no communes"))
    by_insee = {commune.insee_code: commune for commune in communes.filter(insee_code__in=insee_codes)}
    return Reference(
        regions=regions,
        communes_by_region=communes_by_region,
        communes_by_insee=by_insee,
        jobs_by_code=jobs_by_code,
    )


def weighted_commune(rng: random.Random, communes: list[Commune]) -> Commune:
    """Bigger towns host more courses, without taking them all."""
    return rng.choices(communes, weights=[math.sqrt(commune.population) + 1 for commune in communes])[0]
