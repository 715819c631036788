"""The companies of each region that host the demo's interns and hire its learners."""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from gen.demo import identifiers
from gen.demo.admissions import names
from gen.demo.context import demo_host
from gen.demo.followup import texts
from gen.demo.names import of_town, unique_slug
from gen.demo.reference import Reference, weighted_commune
from gen.territories.models import Commune

# Companies per course of the region: each hosts a few interns over the years.
COMPANIES_PER_COURSE = 8
NAME_ATTEMPTS = 20


@dataclass(frozen=True)
class Company:
    name: str
    slug: str
    siret: str
    commune: Commune

    def email(self, first_name: str, last_name: str) -> str:
        return f"{slugify(first_name)}.{slugify(last_name)}@{demo_host(self.slug)}"


class Companies:
    """The companies of every region, drawn once; `pick` chooses one in a region."""

    def __init__(self, rng: random.Random, reference: Reference, courses_per_region: dict[str, int]):
        taken_names: set[str] = set()
        taken_slugs: set[str] = set()
        sirets: set[str] = set()
        self.by_region: dict[str, list[Company]] = {}
        for code, courses in sorted(courses_per_region.items()):
            communes = reference.communes_by_region.get(code)
            if not communes:
                continue
            companies = []
            for _ in range(courses * COMPANIES_PER_COURSE):
                commune = weighted_commune(rng, communes)
                name = _name(rng, commune.name, taken_names)
                slug = unique_slug(name, taken_slugs, max_length=60)
                companies.append(Company(name, slug, identifiers.siret(rng, sirets), commune))
            self.by_region[code] = companies

    def pick(self, rng: random.Random, region_code: str, *, besides: Company | None = None) -> Company:
        companies = self.by_region[region_code]
        while True:
            company = rng.choice(companies)
            if company != besides or len(companies) == 1:
                return company


def _name(rng: random.Random, town: str, taken: set[str]) -> str:
    """A name not in `taken` (which it extends)."""
    for _ in range(NAME_ATTEMPTS):
        name = rng.choice(texts.COMPANY_PATTERNS).format(
            word=rng.choice(texts.COMPANY_WORDS), surname=rng.choice(names.LAST_NAMES), de=of_town(town)
        )
        if name not in taken:
            break
    else:
        base = name = f"{name} – {town}"
        number = 2
        while name in taken:
            name = f"{base} {number}"
            number += 1
    taken.add(name)
    return name


def tutor(rng: random.Random, company: Company, region_code: str) -> tuple[str, str, str]:
    """(name, e-mail, phone) of an intern's tutor in the host company."""
    first_name = rng.choice(rng.choice((names.WOMEN, names.MEN)))
    last_name = rng.choice(names.LAST_NAMES)
    return (
        f"{first_name} {last_name}",
        company.email(first_name, last_name),
        identifiers.phone_number(rng, region_code),
    )
