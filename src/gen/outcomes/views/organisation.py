"""An organisation's follow-up of its learners after the course: its sessions, the surveys and outcomes
of a session's learners, and a learner's outcomes with the form to record one it knows. Members of the
course's organisation only; other sessions and learners are 404s."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.core.forms import add_service_errors
from gen.outcomes.forms import OrganisationOutcomeForm
from gen.outcomes.models import Milestone, SurveyStatus
from gen.outcomes.schedule import milestones_of
from gen.outcomes.selectors import (
    access_enrolment,
    access_session,
    follow_up_of,
    milestone_rates,
    outcomes_of,
    sessions_followed_by,
)
from gen.outcomes.services.outcomes import outcome_record_by_organisation


def sessions_links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


def follow_up_links() -> list[tuple[str, str]]:
    return [*sessions_links(), (reverse("outcomes:sessions"), _("Follow-up of learners"))]


@require_safe
@role_required(Role.ORGANISATION)
def sessions(request):
    return render(
        request,
        "outcomes/organisation/sessions.html",
        {"sessions": sessions_followed_by(request.user), "breadcrumb_links": sessions_links()},
    )


@require_safe
@role_required(Role.ORGANISATION)
def session(request, pk: int):
    session = access_session(user=request.user, pk=pk)
    rows = follow_up_of(session)
    return render(
        request,
        "outcomes/organisation/session.html",
        {
            "session": session,
            "rows": rows,
            "rates": milestone_rates(rows),
            "statuses": SurveyStatus,
            "breadcrumb_links": follow_up_links(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def learner(request, pk: int):
    enrolment = access_enrolment(user=request.user, pk=pk)
    today = timezone.localdate()
    milestones = milestones_of(enrolment)
    reached = [milestone for milestone, due_on in milestones if due_on <= today]
    form = (
        OrganisationOutcomeForm(request.POST if request.method == "POST" else None, milestones=reached)
        if reached
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            outcome_record_by_organisation(
                enrolment=enrolment,
                milestone=form.cleaned_data["milestone"],
                answers=form.answers(),
                source=form.cleaned_data["source"],
                source_note=form.cleaned_data["source_note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The outcome is recorded. It is now the one that counts."))
            return redirect("outcomes:learner", pk=enrolment.pk)
    session = enrolment.session
    links = [
        *follow_up_links(),
        (reverse("outcomes:session", kwargs={"pk": session.pk}), f"{session.course.title} – {session.name}"),
    ]
    return render(
        request,
        "outcomes/organisation/learner.html",
        {
            "enrolment": enrolment,
            "milestones": [(Milestone(milestone).label, due_on) for milestone, due_on in milestones],
            "outcomes": outcomes_of(enrolment),
            "form": form,
            "breadcrumb_links": links,
        },
    )
