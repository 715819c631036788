"""Courses: métiers mapped to the ROME jobs in the database, French texts, hours, place and publics."""

import math
import random

from gen.catalogue.models import Course, Job, Modality, TargetPublic
from gen.catalogue.services import course_search_text
from gen.demo import metiers, names
from gen.demo.context import CourseSlot, DemoContext, LabelFate, batched, demo_organisations
from gen.demo.metiers import Metier
from gen.demo.names import unique_slug
from gen.demo.reference import MISSING_MESSAGE, MissingReferenceData, weighted_commune
from gen.territories.models import Commune

# 4 months × 20 days × 7 hours in the centre, then 2 months of internship; a few courses differ.
HOURS_IN_CENTRE = {560: 14, 525: 2, 595: 2, 630: 1}
HOURS_IN_COMPANY = {280: 15, 245: 2, 315: 2, 350: 1}
MODALITIES = {Modality.IN_PERSON: 16, Modality.MIXED: 3, Modality.REMOTE: 1}
# How likely each optional priority public is to be targeted; job seekers always are.
TARGET_PUBLIC_ODDS = {
    TargetPublic.LOW_QUALIFICATION: 0.8,
    TargetPublic.YOUNG: 0.6,
    TargetPublic.WOMEN: 0.5,
    TargetPublic.QPV: 0.4,
    TargetPublic.ZRR: 0.15,
    TargetPublic.CAREER_CHANGERS: 0.5,
}
# Courses stay within this distance of their town hall, so that map markers do not stack.
MAX_JITTER_KM = 0.9
KM_PER_DEGREE = 111.32

SELECTION = (
    "La formation est gratuite pour les apprenants. Le recrutement se fait sur la motivation : réunion "
    "d'information, tests de logique, puis entretien. Les demandeurs d'emploi conservent leurs droits "
    "pendant la formation ; une aide peut être accordée selon les critères sociaux des bourses de "
    "l'enseignement supérieur."
)
EXTRA_PREREQUISITES = (
    "",
    " Une réunion d'information précède les tests de sélection.",
    " Un bon niveau de français à l'oral comme à l'écrit est attendu.",
    " Disponibilité à temps plein pendant les six mois de la formation.",
)


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("courses")
    jobs = jobs_by_metier(ctx)
    maker = CourseMaker(ctx, rng, jobs)
    batch_size = ctx.scale.batch_size
    ctx.counts["courses"] = len(ctx.course_slots)
    ctx.counts["listed courses"] = sum(slot.fate == LabelFate.ACTIVE for slot in ctx.course_slots)
    for slots in ctx.progress(
        batched(ctx.course_slots, batch_size),
        total=math.ceil(len(ctx.course_slots) / batch_size),
        desc="Courses",
        unit="batch",
    ):
        made = [maker.make(slot) for slot in slots]
        courses = Course.objects.bulk_create([course for course, _ in made])
        Course.jobs.through.objects.bulk_create(
            [
                Course.jobs.through(course_id=course.pk, job_id=job.pk)
                for course, course_jobs in made
                for job in course_jobs
            ]
        )
        for course, slot in zip(courses, slots, strict=True):
            ctx.label_fates[course.slug] = slot.fate
        ctx.courses += courses
        ctx.counts["course jobs"] += sum(len(course_jobs) for _, course_jobs in made)


def clear() -> None:
    courses = Course.objects.filter(organisation__in=demo_organisations())
    Course.jobs.through.objects.filter(course__in=courses).delete()
    courses.delete()


def jobs_by_metier(ctx: DemoContext) -> dict[str, list[Job]]:
    jobs = {
        metier.key: [
            ctx.reference.jobs_by_code[code]
            for code in metier.rome_codes
            if code in ctx.reference.jobs_by_code
        ]
        for metier in metiers.METIERS
    }
    if not any(jobs.values()):
        raise MissingReferenceData(MISSING_MESSAGE.format(what="no ROME job of the digital trades"))
    return jobs


class CourseMaker:
    def __init__(self, ctx: DemoContext, rng: random.Random, jobs: dict[str, list[Job]]):
        self.ctx = ctx
        self.rng = rng
        self.jobs = jobs
        self.metiers = [metier for metier in metiers.METIERS if jobs[metier.key]]
        self.slugs = set(Course.objects.values_list("slug", flat=True))

    def make(self, slot: CourseSlot) -> tuple[Course, list[Job]]:
        rng = self.rng
        metier = self._metier(slot)
        commune = self._commune(slot)
        title = metier.titles[0] if slot.featured else rng.choice(metier.titles)
        # In the order of their rows, as the catalogue reads them back for the search text.
        course_jobs = sorted(self.jobs[metier.key][: rng.choice((1, 1, 2))], key=lambda job: job.pk)
        hours_in_centre = _weighted(rng, HOURS_IN_CENTRE)
        hours_in_company = _weighted(rng, HOURS_IN_COMPANY)
        modality = _weighted(rng, MODALITIES)
        latitude, longitude = _jitter(rng, commune)
        course = Course(
            organisation=slot.organisation,
            title=title,
            slug=unique_slug(f"{title} {commune.name}", self.slugs),
            summary=_summary(metier, modality, commune.name),
            description=_description(metier, modality, commune.name, hours_in_centre, hours_in_company),
            rncp_code=dict(metier.rncp_codes).get(title, ""),
            hours_in_centre=hours_in_centre,
            hours_in_company=hours_in_company,
            modality=modality,
            is_free=True,
            prerequisites=metier.prerequisites + rng.choice(EXTRA_PREREQUISITES),
            target_publics=_target_publics(rng, metier),
            address=names.street_address(rng),
            commune=commune,
            latitude=latitude,
            longitude=longitude,
        )
        # Foreign keys are rows just read or written: checking them would cost a query each.
        course.full_clean(
            exclude=["jobs", "organisation", "commune"], validate_unique=False, validate_constraints=False
        )
        course.search_text = course_search_text(course, [job.title for job in course_jobs])
        return course, course_jobs

    def _metier(self, slot: CourseSlot) -> Metier:
        if slot.featured and slot.featured.metier in self.metiers:
            return slot.featured.metier
        return self.rng.choices(self.metiers, weights=[metier.weight for metier in self.metiers])[0]

    def _commune(self, slot: CourseSlot) -> Commune:
        reference = self.ctx.reference
        if slot.featured:
            return reference.communes_by_insee.get(slot.featured.insee_code, slot.organisation.commune)
        if self.rng.random() < 0.8:
            return slot.organisation.commune
        return weighted_commune(self.rng, reference.communes_by_region[slot.region_code])


def _weighted(rng: random.Random, odds: dict):
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def _jitter(rng: random.Random, commune: Commune) -> tuple[float | None, float | None]:
    """The town hall's position moved by less than a kilometre, in a random direction."""
    if not commune.has_location:
        return None, None
    distance = rng.uniform(0.05, MAX_JITTER_KM)
    angle = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(angle) / KM_PER_DEGREE
    dlon = distance * math.sin(angle) / (KM_PER_DEGREE * max(math.cos(math.radians(commune.latitude)), 0.01))
    return round(commune.latitude + dlat, 6), round(commune.longitude + dlon, 6)


def _target_publics(rng: random.Random, metier: Metier) -> list[str]:
    odds = dict(TARGET_PUBLIC_ODDS)
    if metier is metiers.CONNECTED_AGRICULTURE:
        odds[TargetPublic.ZRR] = 0.9
    chosen = {TargetPublic.JOB_SEEKERS} | {public for public, odd in odds.items() if rng.random() < odd}
    return [public.value for public in TargetPublic if public in chosen]


def _where(modality: str, town: str) -> str:
    match modality:
        case Modality.REMOTE:
            return "à distance"
        case Modality.MIXED:
            return f"{names.in_town(town)} et à distance"
        case _:
            return names.in_town(town)


def _summary(metier: Metier, modality: str, town: str) -> str:
    return (
        f"{metier.pitch} Quatre mois de cours {_where(modality, town)}, puis deux mois de stage en "
        "entreprise ; gratuit et sans condition de diplôme."
    )


def _description(
    metier: Metier, modality: str, town: str, hours_in_centre: int, hours_in_company: int
) -> str:
    programme = "\n".join(f"- {item}" for item in metier.programme)
    match modality:
        case Modality.REMOTE:
            format_ = (
                "Les cours ont lieu à distance, en direct avec les formateurs, avec quelques regroupements."
            )
        case Modality.MIXED:
            format_ = f"Les cours alternent présentiel {names.in_town(town)} et séances à distance."
        case _:
            format_ = f"Les cours ont lieu en présentiel {names.in_town(town)}."
    return "\n\n".join(
        (
            metier.pitch,
            f"Au programme :\n{programme}",
            f"Organisation : {hours_in_centre} heures de cours en centre de formation, 7 heures par jour, "
            f"puis {hours_in_company} heures de stage obligatoire en entreprise. {format_}",
            f"Débouchés : {metier.outlets}",
            SELECTION,
        )
    )
