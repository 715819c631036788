"""The committee page of a dossier: the reviewers' scores, the weighted score, the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.core.forms import add_service_errors
from gen.labelling.forms.team import DecisionForm
from gen.labelling.models import CommitteeDecision, LabelApplication, Score
from gen.labelling.selectors import access_application, weighted_score
from gen.labelling.services.committee import decision_record
from gen.labelling.views.team_calls import calls_links


def reviews_of(application: LabelApplication) -> list[dict]:
    """Each reviewer's scores (submitted reviews only) with their weighted score."""
    assignments = application.review_assignments.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))
    )
    reviews = []
    for assignment in assignments:
        scores = list(assignment.scores.all()) if assignment.submitted_at else []
        reviews.append({"assignment": assignment, "scores": scores, "weighted": weighted_score(scores)})
    return reviews


def decision_done(outcome: str) -> str:
    return {
        CommitteeDecision.Outcome.GRANTED: _(
            "The label is granted for three years. The organisation is told by e-mail."
        ),
        CommitteeDecision.Outcome.REFUSED: _("The label is refused. The organisation is told by e-mail."),
        CommitteeDecision.Outcome.DEFERRED: _(
            "The dossier is deferred: it stays under review until a later committee. "
            "The organisation is told by e-mail."
        ),
    }[outcome]


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.NATIONAL_TEAM)
def decision(request, pk: int):
    application = access_application(user=request.user, pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = decision_record(application, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, decision_done(recorded.outcome))
            return redirect("labelling:decision", pk=application.pk)
    reviews = reviews_of(application)
    weighted = [review["weighted"] for review in reviews if review["weighted"] is not None]
    call = application.call
    return render(
        request,
        "labelling/team/decision.html",
        {
            "application": application,
            "criteria": list(call.criteria.all()),
            "reviews": reviews,
            "score": sum(weighted) / len(weighted) if weighted else None,
            "decisions": application.decisions.select_related("decided_by"),
            "can_decide": application.state == LabelApplication.State.UNDER_REVIEW,
            "form": form,
            "breadcrumb_links": [
                *calls_links(),
                (reverse("labelling:team_call", kwargs={"slug": call.slug}), call.title),
            ],
        },
    )
