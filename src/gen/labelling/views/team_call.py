"""A call seen by the national team: its dossiers ranked by weighted score, reviewers assigned to each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.labelling.forms.team import AssignReviewerForm
from gen.labelling.models import LabellingCall
from gen.labelling.selectors import (
    access_application,
    access_call,
    call_ranking,
    latest_decisions,
    reviewer_choices,
)
from gen.labelling.services.reviews import review_assign, review_unassign
from gen.labelling.views.team_calls import calls_links


def render_call(request, call: LabellingCall, *, failed: AssignReviewerForm | None = None, failed_pk=None):
    ranking = call_ranking(call)
    everyone = reviewer_choices()
    decisions = latest_decisions(call)
    rows = []
    for rank, row in enumerate(ranking, start=1):
        pk = row.application.pk
        assigned = {assignment.reviewer_id for assignment in row.application.review_assignments.all()}
        form = failed if pk == failed_pk else None
        if form is None:
            available = [reviewer for reviewer in everyone if reviewer.pk not in assigned]
            form = AssignReviewerForm(prefix=f"assign-{pk}", reviewers=available)
        rows.append({"rank": rank, "row": row, "form": form, "decision": decisions.get(pk)})
    return render(
        request,
        "labelling/team/call.html",
        {
            "call": call,
            "rows": rows,
            "missing_reviews": sum(row.reviews_missing for row in ranking),
            "has_reviewers": bool(everyone),
            "breadcrumb_links": calls_links(),
        },
    )


@require_safe
@role_required(Role.NATIONAL_TEAM)
def team_call(request, slug: str):
    return render_call(request, access_call(user=request.user, slug=slug))


def call_anchor(application) -> str:
    return (
        reverse("labelling:team_call", kwargs={"slug": application.call.slug}) + f"#dossier-{application.pk}"
    )


@require_POST
@role_required(Role.NATIONAL_TEAM)
def team_assign(request, pk: int):
    application = access_application(user=request.user, pk=pk)
    form = AssignReviewerForm(request.POST, prefix=f"assign-{pk}", reviewers=reviewer_choices())
    if form.is_valid():
        reviewer = form.cleaned_data["reviewer"]
        try:
            review_assign(application, reviewer=reviewer, acting_user=request.user)
        except ValidationError as error:
            form.add_error("reviewer", error.messages)
        else:
            messages.success(
                request,
                _("%(reviewer)s now reviews the dossier of “%(course)s”.")
                % {"reviewer": reviewer, "course": application.course.title},
            )
            return redirect(call_anchor(application))
    return render_call(request, application.call, failed=form, failed_pk=pk)


@require_POST
@role_required(Role.NATIONAL_TEAM)
def team_unassign(request, pk: int, assignment_pk: int):
    application = access_application(user=request.user, pk=pk)
    assignment = get_object_or_404(
        application.review_assignments.select_related("reviewer"), pk=assignment_pk
    )
    try:
        review_unassign(assignment, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(reviewer)s no longer reviews the dossier of “%(course)s”.")
            % {"reviewer": assignment.reviewer, "course": application.course.title},
        )
    return redirect(call_anchor(application))
