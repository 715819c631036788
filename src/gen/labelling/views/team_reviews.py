"""Reviewers' pages: the dossiers assigned to them, and the scoring grid of one of them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.labelling.forms.team import ReviewForm
from gen.labelling.models import LabelApplication, ReviewAssignment
from gen.labelling.selectors import access_assignment, budget_summary
from gen.labelling.services.reviews import review_save
from gen.labelling.views.team_calls import space_links


def assignments_links() -> list[tuple[str, str]]:
    return [*space_links(), (reverse("labelling:assignments"), _("My reviews"))]


@require_safe
@role_required(Role.REVIEWER)
def assignments(request):
    mine = (
        ReviewAssignment.objects.filter(reviewer_id=request.user.pk)
        .select_related("application__call", "application__course__organisation")
        .order_by(F("submitted_at").desc(nulls_first=True), "application__call__deadline", "pk")
    )
    return render(
        request,
        "labelling/team/assignments.html",
        {"assignments": mine, "breadcrumb_links": space_links()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.REVIEWER)
def review(request, pk: int):
    assignment = access_assignment(user=request.user, pk=pk)
    application = assignment.application
    criteria = list(application.call.criteria.all())
    scores = {score.criterion_id: score for score in assignment.scores.all()}
    initial = {}
    for criterion_id, score in scores.items():
        initial[f"score_{criterion_id}"] = score.score
        initial[f"comment_{criterion_id}"] = score.comment
    # What the page offers; the service keeps the rule and says why when a change is refused.
    editable = not assignment.submitted_at and application.state == LabelApplication.State.UNDER_REVIEW
    is_post = request.method == "POST"
    if is_post and not editable:
        # Let the service say why (submitted, or the dossier has left review).
        try:
            review_save(assignment, scores={}, submit=False, acting_user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("labelling:review", pk=assignment.pk)
    form = ReviewForm(request.POST if is_post else None, initial=initial, criteria=criteria)
    if is_post and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            review_save(assignment, scores=form.scores(), submit=submit, acting_user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if submit:
                messages.success(request, _("Your review is submitted. Thank you."))
                return redirect("labelling:assignments")
            messages.success(request, _("Your scores are saved. You can come back to them later."))
            return redirect("labelling:review", pk=assignment.pk)
    return render(
        request,
        "labelling/team/review.html",
        {
            "assignment": assignment,
            "application": application,
            "course": application.course,
            "jobs": list(application.course.jobs.all()),
            "budget": budget_summary(application),
            "co_fundings": list(application.co_fundings.all()),
            "attachments": list(application.attachments.all()),
            "form": form,
            "editable": editable,
            "rows": [(criterion, scores.get(criterion.pk)) for criterion in criteria],
            "breadcrumb_links": assignments_links(),
        },
    )
