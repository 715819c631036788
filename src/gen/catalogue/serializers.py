"""Plain-data views of courses, shared by the map page and the API."""

from django.db.models import QuerySet

from gen.catalogue.models import Course


def map_markers(courses: QuerySet[Course]) -> list[dict]:
    return [
        {
            "title": course.title,
            "organisation": course.organisation.name,
            "town": course.commune.name,
            "url": course.get_absolute_url(),
            "lat": round(course.latitude, 5),
            "lon": round(course.longitude, 5),
            "next_start": course.next_start.isoformat() if course.next_start else None,
        }
        for course in courses
        if course.latitude is not None and course.longitude is not None
    ]
