"""Changing the catalogue. Courses keep an accent-free search text, refreshed here whenever it may change."""

from collections.abc import Iterable

from django.db import transaction

from gen.catalogue.models import Course
from gen.core.text import normalize


def course_search_text(course: Course, job_titles: Iterable[str]) -> str:
    parts = [course.title, course.summary, *job_titles, course.organisation.name, course.commune.name]
    return normalize(" ".join(parts))


def courses_refresh_search_text(courses: Iterable[Course], *, batch_size: int = 1000) -> int:
    """Recompute the search text of many courses in bulk (after an import or a demo seed)."""
    courses = list(courses)
    titles = _job_titles_by_course([course.pk for course in courses])
    for course in courses:
        course.search_text = course_search_text(course, titles.get(course.pk, []))
    with transaction.atomic():
        Course.objects.bulk_update(courses, ["search_text"], batch_size=batch_size)
    return len(courses)


def course_refresh_search_text(course: Course) -> None:
    courses_refresh_search_text([course])


def _job_titles_by_course(course_ids: list[int]) -> dict[int, list[str]]:
    titles: dict[int, list[str]] = {}
    through = Course.jobs.through.objects.filter(course_id__in=course_ids).values_list(
        "course_id", "job__title"
    )
    for course_id, title in through:
        titles.setdefault(course_id, []).append(title)
    return titles
