"""Reading labelling data, with who may see what: calls, dossiers, reviews, scores, the register."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from gen.accounts.models import Role, User
from gen.accounts.permissions import access_of
from gen.labelling.models import (
    CommitteeDecision,
    Label,
    LabelApplication,
    LabellingCall,
    ReviewAssignment,
    Score,
)


def _calls() -> QuerySet[LabellingCall]:
    return LabellingCall.objects.prefetch_related("regions").annotate(
        applications_count=Count("applications", filter=~Q(applications__state="draft"))
    )


def public_calls() -> QuerySet[LabellingCall]:
    """Calls the public sees: all but drafts, the open ones first."""
    return _calls().exclude(state=LabellingCall.State.DRAFT).order_by("-deadline")


def access_call(*, user, slug: str) -> LabellingCall:
    """A call the user may read: any but drafts, which only the national team sees (404 otherwise)."""
    calls = _calls() if access_of(user).is_national_team else public_calls()
    call = calls.filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def label_for_page(pk: int) -> Label:
    """Labels are public, whatever their status (the register lists only those in force)."""
    label = (
        Label.objects.select_related(
            "course__organisation", "course__commune__departement__region", "application__call"
        )
        .filter(pk=pk)
        .first()
    )
    if label is None:
        raise Http404
    return label


def reviewer_choices() -> list:
    """Everyone who may be assigned a review (the service still checks conflicts of interest)."""
    return list(
        User.objects.filter(memberships__role=Role.REVIEWER, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def latest_decisions(call: LabellingCall) -> dict[int, CommitteeDecision]:
    """The last committee decision on each dossier of the call, by dossier id."""
    latest = {}
    for decision in CommitteeDecision.objects.filter(application__call=call).order_by("recorded_at"):
        latest[decision.application_id] = decision
    return latest


def visible_applications(user) -> QuerySet[LabelApplication]:
    """The dossiers a user may open: all for the national team, their organisations' for members,
    the ones assigned to them for reviewers; none otherwise."""
    access = access_of(user)
    applications = LabelApplication.objects.select_related("call", "course__organisation__commune")
    if access.is_national_team:
        return applications
    visible = Q(course__organisation_id__in=access.organisation_ids)
    if Role.REVIEWER in access.roles:
        visible |= Q(pk__in=ReviewAssignment.objects.filter(reviewer_id=user.pk).values("application"))
    return applications.filter(visible)


def access_application(*, user, pk: int) -> LabelApplication:
    application = visible_applications(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def is_application_editor(user, application: LabelApplication) -> bool:
    """Members of the course's organisation fill in the dossier (while it is a draft)."""
    return application.course.organisation_id in access_of(user).organisation_ids


def can_see_scores(user, application: LabelApplication) -> bool:
    """Scores are the national team's, and each reviewer's own; organisations never see them."""
    return access_of(user).is_national_team


def access_assignment(*, user, pk: int) -> ReviewAssignment:
    assignment = (
        ReviewAssignment.objects.select_related("application__call", "application__course__organisation")
        .filter(pk=pk, reviewer_id=user.pk)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def weighted_score(scores: list[Score]) -> Decimal | None:
    """Σ score × weight / Σ weight, on 5; None while nothing is scored."""
    total_weight = sum(score.criterion.weight for score in scores)
    if not total_weight:
        return None
    return Decimal(sum(score.score * score.criterion.weight for score in scores)) / total_weight


@dataclass(frozen=True)
class RankedApplication:
    application: LabelApplication
    score: Decimal | None
    reviews_done: int
    reviews_assigned: int

    @property
    def reviews_missing(self) -> int:
        return self.reviews_assigned - self.reviews_done


def call_ranking(call: LabellingCall) -> list[RankedApplication]:
    """The call's submitted dossiers, best weighted score first (mean of the submitted reviews)."""
    applications = (
        call.applications.exclude(state=LabelApplication.State.DRAFT)
        .select_related("course__organisation", "course__commune")
        .prefetch_related(
            Prefetch(
                "review_assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer").prefetch_related(
                    Prefetch("scores", queryset=Score.objects.select_related("criterion"))
                ),
            )
        )
    )
    ranked = []
    for application in applications:
        assignments = list(application.review_assignments.all())
        done = [assignment for assignment in assignments if assignment.submitted_at]
        scores = [weighted_score(list(assignment.scores.all())) for assignment in done]
        scores = [score for score in scores if score is not None]
        mean = sum(scores) / len(scores) if scores else None
        ranked.append(RankedApplication(application, mean, len(done), len(assignments)))
    return sorted(ranked, key=lambda row: (row.score is None, -(row.score or 0), row.application.pk))


def register(
    *,
    region_code: str = "",
    job_code: str = "",
    organisation_slug: str = "",
    call_slug: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Label]:
    """The public register: labels in force, with their course, organisation, place and call."""
    labels = (
        Label.objects.in_force(today or timezone.localdate())
        .select_related("course__organisation", "course__commune__departement__region", "application__call")
        .order_by("course__commune__departement__region__name", "course__title")
    )
    if region_code:
        labels = labels.filter(course__commune__departement__region__code=region_code)
    if job_code:
        labels = labels.filter(course__jobs__code=job_code)
    if organisation_slug:
        labels = labels.filter(course__organisation__slug=organisation_slug)
    if call_slug:
        labels = labels.filter(application__call__slug=call_slug)
    return labels


def register_counts_by_region(labels: QuerySet[Label]) -> list[dict]:
    return list(
        labels.order_by()
        .values(
            code=F("course__commune__departement__region__code"),
            name=F("course__commune__departement__region__name"),
        )
        .annotate(labels=Count("pk"))
        .order_by("name")
    )


def budget_summary(application: LabelApplication) -> dict:
    co_funded = application.co_fundings.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return {
        "co_funded": co_funded,
        "cost_per_learner": application.cost_per_learner,
        "seed_grant_rate": application.seed_grant_rate,
        "max_seed_grant_rate": application.call.max_seed_grant_rate,
    }
