"""The organisation's dossiers: its label applications and the open calls it may apply to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import access_of, role_required
from gen.catalogue.models import Course
from gen.catalogue.services import course_create
from gen.labelling.forms.dossiers import NewApplicationForm, NewCourseForm
from gen.labelling.models import CommitteeDecision, LabellingCall
from gen.labelling.selectors import visible_applications
from gen.labelling.services.applications import application_create
from gen.labelling.services.calls import call_is_open
from gen.labelling.views.dossiers_common import add_errors, error_text
from gen.organisations.models import Organisation


def _own_courses(user):
    """The courses of the user's organisations (the only ones they may apply for)."""
    return Course.objects.filter(organisation_id__in=access_of(user).organisation_ids).select_related(
        "organisation", "commune__departement"
    )


def _own_training_organisations(user) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            pk__in=access_of(user).organisation_ids, kind=Organisation.Kind.TRAINING
        ).order_by("name")
    )


def new_course_form(call: LabellingCall, organisations, data=None) -> NewCourseForm:
    return NewCourseForm(data=data, organisations=organisations, prefix=f"new-{call.pk}")


def _open_calls() -> list[LabellingCall]:
    calls = LabellingCall.objects.filter(state=LabellingCall.State.PUBLISHED).prefetch_related("regions")
    return [call for call in calls.order_by("deadline") if call_is_open(call)]


@require_safe
@role_required(Role.ORGANISATION)
def dossiers(request):
    return _render_list(request)


def _render_list(request, *, bound: tuple[int, NewCourseForm] | None = None):
    """The member's dossiers, and for each open call their courses that may apply and a new course's form;
    `bound` is the new course's form of a call as submitted, with its errors."""
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
    organisations = _own_training_organisations(request.user)
    calls = []
    for call in _open_calls():
        region_ids = {region.pk for region in call.regions.all()}
        eligible = [
            course
            for course in courses
            if (call.pk, course.pk) not in applied
            and (not region_ids or course.commune.departement.region_id in region_ids)
        ]
        # The form of a new course for this call, shown under the existing courses.
        call.new_course_form = (
            (bound[1] if bound and bound[0] == call.pk else new_course_form(call, organisations))
            if organisations
            else None
        )
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


@require_POST
@role_required(Role.ORGANISATION)
def application_new_course(request):
    """A new course of the member's organisation and its dossier in an open call, created together."""
    call_pk = request.POST.get("call", "")
    call = (
        LabellingCall.objects.exclude(state=LabellingCall.State.DRAFT).filter(pk=call_pk).first()
        if call_pk.isdigit()
        else None
    )
    organisations = _own_training_organisations(request.user)
    if call is None or not organisations:
        raise Http404
    if not call_is_open(call):
        messages.error(request, _("This call is not open for applications."))
        return redirect("labelling:dossiers")
    form = new_course_form(call, organisations, data=request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                course = course_create(
                    organisation=form.cleaned_data["organisation"],
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["title"],
                    commune=form.cleaned_data["commune"],
                    address=form.cleaned_data["address"],
                    acting_user=request.user,
                )
                application = application_create(call=call, course=course, acting_user=request.user)
        except ValidationError as error:
            if getattr(error, "code", None) == "other_region":
                form.add_error("commune", error)
            else:
                add_errors(form, error)
        else:
            messages.success(request, _("The course is created and its dossier started."))
            return redirect(application)
    return _render_list(request, bound=(call.pk, form))
