"""One learner, as their organisation follows them: attendance, internship, leaving or completing the
course (and undoing it), and the history of these changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.cohorts.forms.internships import InternshipForm
from gen.cohorts.forms.learners import TO_CHOICE, CertificationForm, CompletionForm, DropOutForm, UndoForm
from gen.cohorts.models import AgreementStatus, AttendanceStatus, Enrolment, InternshipTransition
from gen.cohorts.selectors import access_enrolment, attendance_annotations, current_internship
from gen.cohorts.services.enrolments import (
    enrolment_certification_record,
    enrolment_complete,
    enrolment_drop_out,
    enrolment_undo,
    undo_deadline,
)
from gen.cohorts.services.internships import internship_save
from gen.cohorts.views.common import cohort_links
from gen.core.forms import add_service_errors

Status = Enrolment.Status
ACTIONS = ("drop_out", "complete", "certification", "undo", "internship")


def blank_forms(enrolment: Enrolment, internship) -> dict:
    certifying = bool(enrolment.session.course.rncp_code)
    return {
        "drop_out": DropOutForm(prefix="drop_out"),
        "complete": CompletionForm(prefix="complete", certifying=certifying),
        "certification": CertificationForm(
            prefix="certification",
            initial={"certification_obtained": TO_CHOICE[enrolment.certification_obtained]},
        ),
        "undo": UndoForm(prefix="undo"),
        "internship": InternshipForm.for_internship(internship),
    }


def bound_form(action: str, enrolment: Enrolment, internship, data):
    match action:
        case "drop_out":
            return DropOutForm(data, prefix=action)
        case "complete":
            return CompletionForm(data, prefix=action, certifying=bool(enrolment.session.course.rncp_code))
        case "certification":
            return CertificationForm(data, prefix=action)
        case "undo":
            return UndoForm(data, prefix=action)
        case "internship":
            return InternshipForm.for_internship(internship, data)


def perform(action: str, enrolment: Enrolment, internship, data: dict, user) -> str:
    """Run the service for `action`; return the message that says it is done."""
    match action:
        case "drop_out":
            enrolment_drop_out(
                enrolment=enrolment,
                on=data["on"],
                reason=data["reason"],
                comment=data["comment"],
                acting_user=user,
            )
            return _("The learner's leaving is recorded.")
        case "complete":
            enrolment_complete(
                enrolment=enrolment,
                on=data["on"],
                certification_obtained=data.get("certification_obtained"),
                acting_user=user,
            )
            return _("The completion of the course is recorded.")
        case "certification":
            enrolment_certification_record(
                enrolment=enrolment, obtained=data["certification_obtained"], acting_user=user
            )
            return _("The certification result is saved.")
        case "undo":
            enrolment_undo(enrolment=enrolment, reason=data["reason"], acting_user=user)
            return _("The change is undone: the learner is enrolled again.")
        case "internship":
            internship_save(enrolment=enrolment, internship=internship, acting_user=user, **data)
            return _("The internship is saved.")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def learner(request, pk: int):
    enrolment = access_enrolment(user=request.user, pk=pk)
    internship = current_internship(enrolment)
    forms = blank_forms(enrolment, internship)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("cohorts:learner", pk=enrolment.pk)
        form = bound_form(action, enrolment, internship, request.POST)
        if form.is_valid():
            try:
                done = perform(action, enrolment, internship, form.cleaned_data, request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("cohorts:learner", pk=enrolment.pk)
        forms[action] = form
    session = enrolment.session
    deadline = undo_deadline(enrolment)
    return render(
        request,
        "cohorts/learner.html",
        {
            "enrolment": enrolment,
            "session": session,
            "learner_user": enrolment.candidate.user,
            "certifying": bool(session.course.rncp_code),
            "attendance": enrolment.attendances.aggregate(**attendance_annotations("")),
            "absences": enrolment.attendances.filter(~Q(status=AttendanceStatus.PRESENT)).order_by(
                "-day", "-half"
            ),
            "internship": internship,
            "cancelled_internships": enrolment.internships.filter(agreement_status=AgreementStatus.CANCELLED),
            "internship_changes": InternshipTransition.objects.filter(subject__enrolment=enrolment)
            .select_related("actor", "subject")
            .order_by("at", "pk"),
            "transitions": enrolment.transitions.select_related("actor"),
            "can_undo": deadline is not None and timezone.localdate() <= deadline,
            "undo_deadline": deadline,
            "forms": forms,
            "statuses": dict(Status.choices),
            "agreements": dict(AgreementStatus.choices),
            "breadcrumb_links": cohort_links(session),
        },
    )
