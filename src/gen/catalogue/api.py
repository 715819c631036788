from django.conf import settings
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from gen.catalogue.forms import CourseSearchForm
from gen.catalogue.selectors import find_courses, next_sessions, results_page

router = Router(tags=["formations"])


class SearchParams(Schema):
    """Every parameter is text, checked by the same form as the catalogue page (errors in French)."""

    q: str | None = Field(None, description="Words to search, accent- and case-insensitive.")
    lieu: str | None = Field(None, description="A commune name or postcode, e.g. 'Lens' or '62300'.")
    distance: str | None = Field(None, description="Radius in km around `lieu`: 10, 20, 30, 50 or 100.")
    metier: str | None = Field(None, description="A ROME code, e.g. M1805.")
    region: str | None = Field(None, description="An INSEE region code, e.g. 32.")
    departement: str | None = Field(None, description="An INSEE département code, e.g. 62.")
    debut_apres: str | None = Field(None, description="Sessions starting on or after (YYYY-MM-DD).")
    debut_avant: str | None = Field(None, description="Sessions starting on or before (YYYY-MM-DD).")
    modalite: str | None = Field(None, description="in_person, mixed or remote.")
    places: str | None = Field(None, description="'on' for sessions with places left only.")
    tri: str | None = Field(None, description="pertinence, date or distance.")
    page: int = Field(1, ge=1, le=10_000)


class JobOut(Schema):
    code: str
    title: str


class SessionOut(Schema):
    name: str
    start_date: str
    end_date: str
    capacity: int
    places_left: int
    application_opens_on: str
    application_closes_on: str


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    url: str
    organisation: str
    siret: str
    commune: str
    insee_code: str
    departement: str
    latitude: float | None
    longitude: float | None
    modality: str
    hours_in_centre: int
    hours_in_company: int
    is_free: bool
    jobs: list[JobOut]
    next_session: SessionOut | None
    distance_km: float | None


class SearchOut(Schema):
    count: int
    page: int
    pages: int
    corrected_text: str | None = Field(
        None, description="The words searched instead, when those given matched nothing."
    )
    results: list[CourseOut]


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _session_out(session) -> dict | None:
    if session is None:
        return None
    return {
        "name": session.name,
        "start_date": session.start_date.isoformat(),
        "end_date": session.end_date.isoformat(),
        "capacity": session.capacity,
        "places_left": session.places_left,
        "application_opens_on": session.application_opens_on.isoformat(),
        "application_closes_on": session.application_closes_on.isoformat(),
    }


@router.get("", response={200: SearchOut, 400: ErrorsOut}, summary="Search the labelled courses")
def search(request, params: Query[SearchParams]):
    form = CourseSearchForm({key: value for key, value in params.dict().items() if value is not None})
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        return Status(400, {"detail": "Paramètres de recherche invalides.", "errors": errors})
    criteria = form.to_search()
    today = timezone.localdate()
    found = find_courses(criteria, today=today)
    page = results_page(found.courses, params.page, per_page=settings.CATALOGUE_PAGE_SIZE, prefetch=("jobs",))
    paginator = page.paginator
    sessions = next_sessions([course.pk for course in page], criteria=criteria, today=today)
    results = [
        {
            "slug": course.slug,
            "title": course.title,
            "summary": course.summary,
            "url": request.build_absolute_uri(course.get_absolute_url()),
            "organisation": course.organisation.name,
            "siret": course.organisation.siret,
            "commune": course.commune.name,
            "insee_code": course.commune.insee_code,
            "departement": course.commune.departement.code,
            "latitude": course.latitude,
            "longitude": course.longitude,
            "modality": course.modality,
            "hours_in_centre": course.hours_in_centre,
            "hours_in_company": course.hours_in_company,
            "is_free": course.is_free,
            "jobs": [{"code": job.code, "title": job.title} for job in course.jobs.all()],
            "next_session": _session_out(sessions.get(course.pk)),
            "distance_km": None if course.distance_km is None else round(course.distance_km, 1),
        }
        for course in page
    ]
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "corrected_text": found.corrected_text,
        "results": results,
    }
