"""Changing the catalogue. Courses keep an accent-free search text, refreshed here whenever it may change."""

import datetime
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gen.catalogue.models import Course, Job, SearchWord, Session
from gen.core.text import normalize
from gen.labelling.models import Label


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
        courses_refresh_search_index(Course.objects.filter(pk__in=[course.pk for course in courses]))
    return len(courses)


def courses_refresh_search_index(courses: QuerySet[Course]) -> None:
    """After search texts change: their stored full-text vectors, and the words typos are corrected to."""
    if connection.vendor == "postgresql":
        courses.update(search_vector=SearchVector("search_text", config="french"))
    search_words_add(courses.values_list("search_text", flat=True).iterator())


# Shorter words are rarely mistyped, and their trigrams match too much.
SEARCH_WORD_MIN_LENGTH = 4


def search_words_add(texts: Iterable[str]) -> None:
    """Remember the words of search texts, so that a mistyped query can be corrected to them."""
    words = {word for text in texts for word in text.split() if SEARCH_WORD_MIN_LENGTH <= len(word) <= 60}
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


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


def courses_refresh_listing(
    courses: QuerySet[Course] | None = None, *, today: datetime.date | None = None
) -> int:
    """Recompute whether courses are listed (a label in force) and their next session start.

    Call it after any change to a course's labels or sessions, and every day (`gen refresh-catalogue
    --apply`) since both depend on the date. One UPDATE statement, touching only the courses whose
    listing changed; returns their number.
    """
    today = today or timezone.localdate()
    should_list, should_start = _listing_expressions(today)
    stale = _with_listing(Course.objects.all() if courses is None else courses, today).filter(_STALE_LISTING)
    return Course.objects.filter(pk__in=stale.values("pk")).update(
        is_listed=should_list, next_session_start=should_start
    )


def _listing_expressions(today: datetime.date):
    label_in_force = Exists(Label.objects.in_force(today).filter(course=OuterRef("pk")))
    next_start = Subquery(
        Session.objects.filter(course=OuterRef("pk"), start_date__gte=today)
        .order_by("start_date")
        .values("start_date")[:1]
    )
    return label_in_force, next_start


def _with_listing(courses: QuerySet[Course], today: datetime.date) -> QuerySet[Course]:
    should_list, should_start = _listing_expressions(today)
    return courses.annotate(should_list=should_list, should_start=should_start)


_START_MOVED = (
    Q(next_session_start__isnull=True, should_start__isnull=False)
    | Q(next_session_start__isnull=False, should_start__isnull=True)
    | (
        Q(next_session_start__isnull=False, should_start__isnull=False)
        & ~Q(next_session_start=F("should_start"))
    )
)
_STALE_LISTING = ~Q(is_listed=F("should_list")) | _START_MOVED


def listing_changes(*, today: datetime.date | None = None) -> dict[str, int]:
    """What `courses_refresh_listing` would change today, without changing it."""
    current = _with_listing(Course.objects.all(), today or timezone.localdate())
    return {
        "entering": current.filter(is_listed=False, should_list=True).count(),
        "leaving": current.filter(is_listed=True, should_list=False).count(),
        "next start moved": current.filter(_START_MOVED).count(),
    }


# Courses created by their organisation (in a label application) start with the usual format:
# four months of classes (560 hours) then two months of internship (280 hours).
DEFAULT_HOURS_IN_CENTRE = 560
DEFAULT_HOURS_IN_COMPANY = 280
COURSE_EDITABLE_FIELDS = (
    "title",
    "summary",
    "hours_in_centre",
    "hours_in_company",
    "modality",
    "address",
    "commune",
    "prerequisites",
)


@transaction.atomic
def course_create(*, organisation, title: str, summary: str, commune, address: str, acting_user) -> Course:
    """A new course of an organisation, with the usual hours; its métiers are chosen afterwards."""
    title, address = title.strip(), address.strip()
    course = Course(
        organisation=organisation,
        title=title,
        slug=_unique_course_slug(f"{title} {commune.name}"),
        summary=summary.strip(),
        commune=commune,
        address=address,
        latitude=commune.latitude,
        longitude=commune.longitude,
        hours_in_centre=DEFAULT_HOURS_IN_CENTRE,
        hours_in_company=DEFAULT_HOURS_IN_COMPANY,
    )
    if not title:
        raise ValidationError({"title": _("Give the course a title.")}, code="required")
    if not address:
        raise ValidationError(
            {"address": _("Give the address where the course takes place.")}, code="required"
        )
    course.full_clean()
    course.save()
    course_refresh_search_text(course)
    return course


def _unique_course_slug(text: str) -> str:
    base = slugify(text)[:200].strip("-") or "formation"
    slug, number = base, 1
    while Course.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def course_update(course: Course, *, acting_user, jobs: list[Job] | None = None, **fields) -> Course:
    """Change a course's description: its hours, modality, place, prerequisites and métiers (`jobs`)."""
    unknown = set(fields) - set(COURSE_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    course = Course.objects.select_for_update().select_related("organisation", "commune").get(pk=course.pk)
    errors: dict[str, str] = {}
    hours_in_centre = fields.get("hours_in_centre", course.hours_in_centre)
    if hours_in_centre is None or hours_in_centre < 1:
        errors["hours_in_centre"] = _("A course has at least 1 hour in the training centre.")
    hours_in_company = fields.get("hours_in_company", course.hours_in_company)
    if hours_in_company is None or hours_in_company < 0:
        errors["hours_in_company"] = _("The hours in a company cannot be negative.")
    if jobs is not None and not jobs:
        errors["jobs"] = _("Choose at least one trade (ROME).")
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(course, name, value.strip() if isinstance(value, str) else value)
    if "commune" in fields:
        course.latitude, course.longitude = course.commune.latitude, course.commune.longitude
    course.full_clean()
    update_fields = list(fields) + (["latitude", "longitude"] if "commune" in fields else [])
    if update_fields:
        course.save(update_fields=[*update_fields, "updated_at"])
    if jobs is not None:
        course.jobs.set(jobs)
    course_refresh_search_text(course)
    return course
