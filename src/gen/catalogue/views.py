from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gen.catalogue.forms import CourseSearchForm
from gen.catalogue.selectors import (
    course_for_page,
    find_courses,
    next_sessions,
    results_page,
    session_for_page,
    upcoming_sessions,
)
from gen.catalogue.serializers import map_markers
from gen.territories.selectors import suggest_communes


def _search_form(request) -> CourseSearchForm:
    form = CourseSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form


@require_safe
def search(request):
    form = _search_form(request)
    criteria = form.to_search()
    today = timezone.localdate()
    found = find_courses(criteria, today=today)
    page = results_page(found.courses, request.GET.get("page"), per_page=settings.CATALOGUE_PAGE_SIZE)
    sessions = next_sessions([course.pk for course in page], criteria=criteria, today=today)
    results = [(course, sessions.get(course.pk)) for course in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "criteria": criteria,
        "corrected_text": found.corrected_text,
        "page": page,
        "results": results,
        "query": query.urlencode(),
    }
    template = (
        "catalogue/_results.html" if request.htmx and not request.htmx.boosted else "catalogue/search.html"
    )
    return render(request, template, context)


@require_safe
def course_detail(request, slug: str):
    today = timezone.localdate()
    course = course_for_page(slug)
    if course is None:
        raise Http404
    sessions = upcoming_sessions(today).filter(course=course).order_by("start_date")
    return render(request, "catalogue/course.html", {"course": course, "sessions": sessions, "today": today})


@require_safe
def session_detail(request, slug: str, pk: int):
    session = session_for_page(pk, slug=slug)
    if session is None:
        raise Http404
    return render(
        request,
        "catalogue/session.html",
        {
            "session": session,
            "course": session.course,
            "today": timezone.localdate(),
            "breadcrumb_links": [
                (reverse("catalogue:search"), _("Courses")),
                (session.course.get_absolute_url(), session.course.title),
            ],
        },
    )


@require_safe
def course_map(request):
    form = _search_form(request)
    criteria = form.to_search()
    found = find_courses(criteria)
    markers = map_markers(found.courses.select_related("organisation", "commune"))
    return render(
        request,
        "catalogue/map.html",
        {
            "form": form,
            "markers": markers,
            "corrected_text": found.corrected_text,
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        },
    )


@require_safe
def commune_suggestions(request):
    """The <option>s of the town field's datalist, as the visitor types (htmx)."""
    communes = suggest_communes(request.GET.get("lieu", "")[:100])
    return render(request, "catalogue/_commune_options.html", {"communes": communes})
