"""Courses that seek the label without holding one: refused by the historical call, or new ones.

They are made like the catalogue's demo courses, but have no sessions and stay out of the catalogue.
"""

import random

from gen.catalogue.models import Course
from gen.demo import featured, metiers
from gen.demo.context import CourseSlot, DemoContext, LabelFate
from gen.demo.courses import CourseMaker, jobs_by_metier
from gen.organisations.models import Organisation

# Where the Pop School-like organisation opens its new courses.
POP_TOWNS = (featured.LILLE, featured.LENS, featured.ROUBAIX)


def region_code(organisation: Organisation) -> str:
    return organisation.commune.departement.region.code


def new_courses(ctx: DemoContext, rng: random.Random, slots: list[CourseSlot]) -> list[Course]:
    """Create the courses of `slots` (their fate is not used: they hold no label)."""
    if not slots:
        return []
    maker = CourseMaker(ctx, rng, jobs_by_metier(ctx))
    made = [maker.make(slot) for slot in slots]
    courses = Course.objects.bulk_create([course for course, _ in made])
    Course.jobs.through.objects.bulk_create(
        [
            Course.jobs.through(course_id=course.pk, job_id=job.pk)
            for course, course_jobs in made
            for job in course_jobs
        ]
    )
    ctx.counts["courses"] += len(courses)
    ctx.counts["course jobs"] += sum(len(course_jobs) for _, course_jobs in made)
    return courses


def slot(organisation: Organisation, course: featured.FeaturedCourse | None = None) -> CourseSlot:
    return CourseSlot(organisation, region_code(organisation), LabelFate.ACTIVE, course)


def pop_slots(ctx: DemoContext, pop: Organisation, count: int) -> list[CourseSlot]:
    """New courses of the Pop School-like organisation, in trades it does not teach yet."""
    taught = {course.title for course in ctx.courses if course.organisation_id == pop.pk}
    fresh = [metier for metier in metiers.METIERS if metier.titles[0] not in taught] or list(metiers.METIERS)
    return [
        slot(pop, featured.FeaturedCourse(fresh[number % len(fresh)], POP_TOWNS[number % len(POP_TOWNS)]))
        for number in range(count)
    ]
