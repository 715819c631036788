"""The organisation's dossiers: its label applications and the open calls it may apply to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import access_of, role_required
from gen.catalogue.models import Course
from gen.labelling.forms.dossiers import NewApplicationForm
from gen.labelling.models import CommitteeDecision, LabellingCall
from gen.labelling.selectors import visible_applications
from gen.labelling.services.applications import application_create
from gen.labelling.services.calls import call_is_open
from gen.labelling.views.dossiers_common import error_text


def _own_courses(user):
    """The courses of the user's organisations (the only ones they may apply for)."""
    return Course.objects.filter(organisation_id__in=access_of(user).organisation_ids).select_related(
        "organisation", "commune__departement"
    )


def _open_calls() -> list[LabellingCall]:
    calls = LabellingCall.objects.filter(state=LabellingCall.State.PUBLISHED).prefetch_related("regions")
    return [call for call in calls.order_by("deadline") if call_is_open(call)]


@require_safe
@role_required(Role.ORGANISATION)
def dossiers(request):
    access = access_of(request.user)
    applications = list(
        visible_applications(request.user)
        .filter(course__organisation_id__in=access.organisation_ids)
        .order_by("-call__deadline", "course__title")
    )
    decisions: dict[int, CommitteeDecision] = {}
    for decision in CommitteeDecision.objects.filter(application__in=applications).order_by("recorded_at"):
        decisions[decision.application_id] = decision  # the latest one wins
    courses = list(_own_courses(request.user).order_by("organisation__name", "title"))
    applied = {(application.call_id, application.course_id) for application in applications}
    calls = []
    for call in _open_calls():
        region_ids = {region.pk for region in call.regions.all()}
        eligible = [
            course
            for course in courses
            if (call.pk, course.pk) not in applied
            and (not region_ids or course.commune.departement.region_id in region_ids)
        ]
        calls.append((call, eligible))
    return render(
        request,
        "labelling/dossiers/list.html",
        {
            "rows": [(application, decisions.get(application.pk)) for application in applications],
            "calls": calls,
            "several_organisations": len({course.organisation_id for course in courses}) > 1,
        },
    )


@require_POST
@role_required(Role.ORGANISATION)
def application_new(request):
    form = NewApplicationForm(request.POST)
    if not form.is_valid():
        raise Http404
    course = _own_courses(request.user).filter(pk=form.cleaned_data["course"]).first()
    call = (
        LabellingCall.objects.exclude(state=LabellingCall.State.DRAFT)
        .filter(pk=form.cleaned_data["call"])
        .first()
    )
    if course is None or call is None:
        raise Http404
    try:
        application = application_create(call=call, course=course, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("labelling:dossiers")
    return redirect(application)
