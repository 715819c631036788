"""Training organisations ("fabriques"), and the plan of which of them runs which courses."""

import math
import random
from itertools import cycle

from gen.demo import featured, identifiers, names
from gen.demo.allocation import apportion
from gen.demo.context import (
    UNLISTED_FATES,
    CourseSlot,
    DemoContext,
    LabelFate,
    batched,
    demo_host,
    demo_organisations,
)
from gen.demo.featured import FeaturedCourse, FeaturedOrganisation
from gen.demo.names import unique_slug
from gen.demo.reference import weighted_commune
from gen.demo.scales import REGION_WEIGHTS
from gen.organisations.models import Organisation
from gen.territories.models import Commune


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("organisations")
    maker = _OrganisationMaker(rng)
    featured_by_region = _featured_by_region(ctx)
    listed, unlisted, organisation_counts = _regional_quotas(ctx, featured_by_region)
    fates = cycle(UNLISTED_FATES)

    for code in ctx.region_codes:
        communes = ctx.reference.communes_by_region[code]
        slots: list[CourseSlot] = []
        for organisation_spec, courses in featured_by_region.get(code, []):
            home = ctx.reference.communes_by_insee.get(organisation_spec.insee_code, communes[0])
            organisation = maker.make(code, home, name=organisation_spec.name)
            ctx.featured[organisation_spec.key] = organisation
            ctx.organisations.append(organisation)
            slots += [CourseSlot(organisation, code, LabelFate.ACTIVE, course) for course in courses]
        own = [
            maker.make(code, weighted_commune(rng, communes))
            for _ in range(organisation_counts[code] - len(featured_by_region.get(code, [])))
        ]
        ctx.organisations += own
        if own:
            plain = [LabelFate.ACTIVE] * (listed[code] - len(slots)) + [
                next(fates) for _ in range(unlisted[code])
            ]
            rng.shuffle(plain)
            # Every organisation runs at least one course; the others go to organisations at random.
            runners = own + [rng.choice(own) for _ in range(len(plain) - len(own))]
            slots += [CourseSlot(runner, code, fate) for runner, fate in zip(runners, plain, strict=True)]
        ctx.course_slots += slots

    for batch in ctx.progress(
        batched(ctx.organisations, ctx.scale.batch_size),
        total=math.ceil(len(ctx.organisations) / ctx.scale.batch_size),
        desc="Organisations",
        unit="batch",
    ):
        for organisation in batch:
            organisation.full_clean(exclude=["commune"], validate_unique=False, validate_constraints=False)
        Organisation.objects.bulk_create(batch)
    ctx.counts["organisations"] = len(ctx.organisations)


def clear() -> None:
    demo_organisations().delete()


def _featured_by_region(
    ctx: DemoContext,
) -> dict[str, list[tuple[FeaturedOrganisation, list[FeaturedCourse]]]]:
    """The featured organisations and courses of the scale, by region (their own when it has communes)."""
    codes = ctx.region_codes
    grouped: dict[str, dict[FeaturedOrganisation, list[FeaturedCourse]]] = {}
    for organisation, course in featured.featured_courses(ctx.scale.featured_courses):
        code = organisation.region_code if organisation.region_code in codes else codes[0]
        grouped.setdefault(code, {}).setdefault(organisation, []).append(course)
    return {code: list(by_organisation.items()) for code, by_organisation in grouped.items()}


def _regional_quotas(ctx: DemoContext, featured_by_region) -> tuple[dict, dict, dict]:
    """Listed courses, unlisted courses and organisations per region code."""
    codes = ctx.region_codes
    scale = ctx.scale
    weights = {code: REGION_WEIGHTS.get(code, 1) for code in codes}
    pinned = {code: count for code, count in scale.pinned_listed_courses.items() if code in codes}
    featured_courses = {
        code: sum(len(courses) for _, courses in featured_by_region.get(code, [])) for code in codes
    }
    listed = apportion(
        scale.listed_courses,
        weights,
        minimum={code: max(featured_courses[code], pinned.get(code, 0)) for code in codes},
        maximum=pinned,
    )
    unlisted = apportion(
        scale.unlisted_courses, {code: 0 if code in pinned else weight for code, weight in weights.items()}
    )
    featured_organisations = {code: len(featured_by_region.get(code, [])) for code in codes}
    plain_courses = {code: listed[code] + unlisted[code] - featured_courses[code] for code in codes}
    organisations = apportion(
        scale.organisations,
        {code: listed[code] + unlisted[code] for code in codes},
        minimum={code: featured_organisations[code] + min(1, plain_courses[code]) for code in codes},
        maximum={code: featured_organisations[code] + plain_courses[code] for code in codes},
    )
    return listed, unlisted, organisations


class _OrganisationMaker:
    """Unsaved organisations with unique names, slugs and SIRETs (also unique against the database)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[str] = set()
        self.slugs = set(Organisation.objects.values_list("slug", flat=True))
        self.sirets = set(Organisation.objects.values_list("siret", flat=True))

    def make(self, region_code: str, commune: Commune, *, name: str = "") -> Organisation:
        rng = self.rng
        if name:
            self.names.add(name)
        else:
            name = names.organisation_name(rng, commune.name, self.names)
        slug = unique_slug(name, self.slugs)
        departement = commune.departement.code
        host = demo_host(slug)
        return Organisation(
            kind=Organisation.Kind.TRAINING,
            name=name,
            slug=slug,
            siret=identifiers.siret(rng, self.sirets),
            activity_declaration_number=identifiers.activity_declaration_number(
                rng, region_code, departement
            ),
            website=f"https://{host}",
            email=f"contact@{host}",
            phone=identifiers.phone_number(rng, region_code),
            address=names.street_address(rng),
            commune=commune,
        )
