"""Reading the catalogue: labelled courses, the search, a course page, the key figures."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Min, Q, QuerySet, Window
from django.utils import timezone
from django.utils.functional import cached_property

from gen.catalogue.models import Course, SearchWord, Session
from gen.catalogue.search import CourseSearch, Sort
from gen.catalogue.services import SEARCH_WORD_MIN_LENGTH
from gen.core.geo import bounding_box, distance_expression
from gen.core.text import normalize


def labelled_courses() -> QuerySet[Course]:
    """Courses with a label in force: what the public catalogue lists (see courses_refresh_listing)."""
    return Course.objects.filter(is_listed=True)


def upcoming_sessions(today: datetime.date, criteria: CourseSearch | None = None) -> QuerySet[Session]:
    return Session.objects.filter(_session_conditions(today, criteria))


def _session_conditions(today: datetime.date, criteria: CourseSearch | None, *, prefix: str = "") -> Q:
    """Upcoming sessions matching the criteria, as conditions on Session (or on a join to it)."""
    conditions = Q(**{f"{prefix}start_date__gte": max(today, (criteria and criteria.starts_after) or today)})
    if criteria and criteria.starts_before:
        conditions &= Q(**{f"{prefix}start_date__lte": criteria.starts_before})
    if criteria and criteria.with_places_left:
        conditions &= Q(**{f"{prefix}places_taken__lt": F(f"{prefix}capacity")})
    return conditions


@dataclass(frozen=True)
class SearchResult:
    courses: QuerySet[Course]
    # The words actually searched when the ones typed matched nothing and looked mistyped.
    corrected_text: str | None = None


def find_courses(criteria: CourseSearch, *, today: datetime.date | None = None) -> SearchResult:
    """The catalogue search as users meet it: `search_courses`, with typos forgiven on PostgreSQL."""
    courses = search_courses(criteria, today=today)
    if criteria.text and connection.vendor == "postgresql" and not courses.exists():
        corrected = corrected_text(criteria.text)
        if corrected:
            return SearchResult(search_courses(replace(criteria, text=corrected), today=today), corrected)
    return SearchResult(courses)


def corrected_text(text: str) -> str | None:
    """Each unknown word replaced by the closest word of the catalogue; None when nothing changes."""
    words = normalize(text).split()
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    corrected = [word if word in known else _closest_word(word) or word for word in words]
    return " ".join(corrected) if corrected != words else None


def _closest_word(word: str) -> str | None:
    if len(word) < SEARCH_WORD_MIN_LENGTH:
        return None
    return (
        SearchWord.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity", "word")
        .values_list("word", flat=True)
        .first()
    )


def search_courses(criteria: CourseSearch, *, today: datetime.date | None = None) -> QuerySet[Course]:
    """Labelled courses matching the criteria, ordered as asked.

    Annotates `next_start` (first matching upcoming session), `distance_km` when searching near a
    commune and `rank` for text searches on PostgreSQL.
    """
    today = today or timezone.localdate()
    courses = labelled_courses()

    if criteria.job_code:
        courses = courses.filter(jobs__code=criteria.job_code)
    if criteria.departement_code:
        courses = courses.filter(commune__departement__code=criteria.departement_code)
    elif criteria.region_code:
        courses = courses.filter(commune__departement__region__code=criteria.region_code)
    if criteria.modality:
        courses = courses.filter(modality=criteria.modality)

    if criteria.filters_sessions:
        # Joined and grouped by course in one pass; the first matching start orders the results.
        courses = courses.filter(_session_conditions(today, criteria, prefix="sessions__")).annotate(
            next_start=Min("sessions__start_date")
        )
    else:
        courses = courses.annotate(next_start=F("next_session_start"))

    if criteria.near is not None and criteria.near.has_location:
        courses = _near(courses, criteria.near.latitude, criteria.near.longitude, criteria.within_km)
    if criteria.text:
        courses = matching_text(courses, criteria.text)

    return courses.order_by(*_ordering(criteria))


def _near(courses: QuerySet[Course], latitude: float, longitude: float, within_km: int | None):
    courses = courses.annotate(distance_km=distance_expression(latitude, longitude))
    if within_km:
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, within_km)
        courses = courses.filter(
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
            distance_km__lte=within_km,
        )
    return courses


def matching_text(courses: QuerySet[Course], text: str) -> QuerySet[Course]:
    words = normalize(text)
    if not words:
        return courses
    if connection.vendor == "postgresql":
        query = SearchQuery(words, config="french", search_type="websearch")
        return courses.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    for word in words.split():
        courses = courses.filter(search_text__contains=_crude_stem(word))
    return courses


def _crude_stem(word: str) -> str:
    """SQLite has no French stemmer: drop plural endings so 'developpeurs' finds 'developpeur'."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _ordering(criteria: CourseSearch) -> list:
    by_start = F("next_start").asc(nulls_last=True)
    match criteria.effective_sort:
        case Sort.RELEVANCE if connection.vendor == "postgresql":
            return [F("rank").desc(), by_start, "pk"]
        case Sort.DISTANCE:
            return [F("distance_km").asc(), by_start, "pk"]
        case _:
            return [by_start, "title", "pk"]


class _CountedPaginator(Paginator):
    """A paginator told its count, read along with the page rather than by a second query."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def results_page(courses: QuerySet[Course], number, *, per_page: int, prefetch: tuple[str, ...] = ()) -> Page:
    """One page of search results, like `Paginator.get_page`, in two queries whatever the search:

    1. the ordered page of courses, narrow (no joins), with the total count as a window function,
       instead of sorting thousands of wide joined rows and counting them again;
    2. those twenty courses with their organisation and town.

    Each course carries `distance_km` (None unless searching near a place).
    """
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    narrow = list(courses.only("pk").annotate(total=Window(Count("pk")))[offset : offset + per_page])
    if not narrow and number > 1:  # past the end: the last page, as get_page does
        return results_page(
            courses, Paginator(courses, per_page).num_pages, per_page=per_page, prefetch=prefetch
        )
    paginator = _CountedPaginator(courses, per_page, narrow[0].total if narrow else 0)
    full = (
        Course.objects.select_related("organisation", "commune__departement")
        .prefetch_related(*prefetch)
        .in_bulk([course.pk for course in narrow])
    )
    page = []
    for row in narrow:
        course = full[row.pk]
        course.distance_km = getattr(row, "distance_km", None)
        page.append(course)
    return Page(page, number, paginator)


def next_sessions(
    course_ids: Iterable[int], *, criteria: CourseSearch | None = None, today: datetime.date | None = None
) -> dict[int, Session]:
    """The first matching upcoming session of each course, in one query."""
    today = today or timezone.localdate()
    first: dict[int, Session] = {}
    for session in (
        upcoming_sessions(today, criteria).filter(course_id__in=list(course_ids)).order_by("start_date")
    ):
        first.setdefault(session.course_id, session)
    return first


def course_for_page(slug: str) -> Course | None:
    return (
        labelled_courses()
        .select_related("organisation", "commune__departement__region")
        .prefetch_related("jobs")
        .filter(slug=slug)
        .first()
    )


def session_for_page(pk: int, *, slug: str | None = None) -> Session | None:
    """A session of a course in the public catalogue (of the course `slug`, when given)."""
    sessions = Session.objects.filter(course__in=labelled_courses()).select_related(
        "course__organisation", "course__commune__departement"
    )
    if slug is not None:
        sessions = sessions.filter(course__slug=slug)
    return sessions.filter(pk=pk).first()


def catalogue_key_figures(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    courses = labelled_courses()
    return {
        "courses": courses.count(),
        "organisations": courses.values("organisation").distinct().count(),
        "regions": courses.values("commune__departement__region").distinct().count(),
        "upcoming_sessions": upcoming_sessions(today).filter(course__in=courses).count(),
    }


def courses_per_region():
    return (
        labelled_courses()
        .values(code=F("commune__departement__region__code"), name=F("commune__departement__region__name"))
        .annotate(courses=Count("pk"))
        .order_by("name")
    )
