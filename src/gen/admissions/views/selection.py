"""The selection workspace of an organisation: its sessions, and the applicants of one (table, bulk
actions, exports). Members of the course's organisation only; other sessions are 404s."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.forms.selection import ApplicantFilterForm, BulkActionForm
from gen.admissions.models import Application
from gen.admissions.publics import Public, publics_of
from gen.admissions.selection_exports import csv_lines, xlsx_bytes
from gen.admissions.selection_selectors import access_session, applicants_of, sessions_board
from gen.admissions.services.applications import applications_bulk
from gen.catalogue.models import Session

State = Application.State
PAGE_SIZE = 50


def space_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


def selection_links() -> list[tuple[str, str]]:
    return [*space_links(), (reverse("admissions:selection_sessions"), _("Selection of candidates"))]


def session_links(session: Session) -> list[tuple[str, str]]:
    return [
        *selection_links(),
        (reverse("admissions:selection_session", kwargs={"pk": session.pk}), str(session)),
    ]


def publics_in_order(publics: frozenset[str]) -> list[Public]:
    return [public for public in Public if public in publics]


@require_safe
@role_required(Role.ORGANISATION)
def sessions(request):
    return render(
        request,
        "admissions/selection/sessions.html",
        {"sessions": sessions_board(request.user), "states": State, "breadcrumb_links": space_links()},
    )


def report_bulk(request, done: int, errors: list[str]) -> None:
    if done:
        messages.success(
            request,
            ngettext("%(count)d application updated.", "%(count)d applications updated.", done)
            % {"count": done},
        )
    if errors:
        heading = ngettext(
            "%(count)d application was not changed:", "%(count)d applications were not changed:", len(errors)
        ) % {"count": len(errors)}
        messages.error(request, f"{heading} {' · '.join(errors)}")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def session_applicants(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    filters_form = ApplicantFilterForm(request.GET or None)
    filters = filters_form.to_filters()
    bulk = BulkActionForm(request.POST if request.method == "POST" else None, session=session)
    if request.method == "POST" and bulk.is_valid():
        done, errors = applications_bulk(
            session=session,
            ids=bulk.application_ids(),
            action=bulk.cleaned_data["action"],
            acting_user=request.user,
            **bulk.options(),
        )
        report_bulk(request, done, errors)
        return redirect(request.get_full_path())
    page = Paginator(applicants_of(session, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    start = session.start_date
    rows = [
        (
            application,
            application.candidate.age_on(start),
            publics_in_order(publics_of(application.candidate, start)),
        )
        for application in page
    ]
    counts = session.applications.aggregate(
        **{state: Count("pk", filter=Q(state=state)) for state in State.values}
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "session": session,
        "filters_form": filters_form,
        "bulk": bulk,
        "page": page,
        "rows": rows,
        "counts": [(State(state), count) for state, count in counts.items()],
        "query": query.urlencode(),
        "breadcrumb_links": selection_links(),
    }
    template = (
        "admissions/selection/_applicants.html" if request.htmx else "admissions/selection/session.html"
    )
    return render(request, template, context)


def _export(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    filters = ApplicantFilterForm(request.GET or None).to_filters()
    name = f"candidatures-{slugify(session.course.title)}-{slugify(session.name)}"
    return session, applicants_of(session, filters), name


@require_safe
@role_required(Role.ORGANISATION)
def export_csv(request, pk: int):
    session, applicants, name = _export(request, pk)
    language = translation.get_language()

    def lines():
        # The file is written after the view returns: keep the page's language for its words.
        with translation.override(language):
            yield from csv_lines(session, applicants)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@role_required(Role.ORGANISATION)
def export_xlsx(request, pk: int):
    session, applicants, name = _export(request, pk)
    response = HttpResponse(xlsx_bytes(session, applicants), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
