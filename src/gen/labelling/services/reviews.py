"""Review: the national team assigns reviewers; each scores every criterion of the call."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.accounts.models import Membership, Role
from gen.labelling.models import LabelApplication, ReviewAssignment, Score
from gen.labelling.models.reviews import MAX_SCORE, SCORE_NEEDING_A_COMMENT
from gen.labelling.services.workflows import APPLICATION_WORKFLOW

REVIEWABLE = (LabelApplication.State.SUBMITTED, LabelApplication.State.UNDER_REVIEW)


def has_conflict_of_interest(reviewer, application: LabelApplication) -> bool:
    """A reviewer never reviews a dossier of an organisation they belong to."""
    return Membership.objects.filter(
        user=reviewer, organisation_id=application.course.organisation_id
    ).exists()


@transaction.atomic
def review_assign(application: LabelApplication, *, reviewer, acting_user) -> ReviewAssignment:
    application = LabelApplication.objects.select_for_update().select_related("course").get(pk=application.pk)
    if application.state not in REVIEWABLE:
        raise ValidationError(_("Only submitted dossiers can be reviewed."), code="not_reviewable")
    if not Membership.objects.filter(user=reviewer, role=Role.REVIEWER).exists():
        raise ValidationError(_("This person is not a reviewer."), code="not_a_reviewer")
    if has_conflict_of_interest(reviewer, application):
        raise ValidationError(
            _("This reviewer belongs to the organisation of the dossier and cannot review it."),
            code="conflict_of_interest",
        )
    try:
        with transaction.atomic():
            assignment = ReviewAssignment.objects.create(
                application=application, reviewer=reviewer, assigned_by=acting_user
            )
    except IntegrityError:
        raise ValidationError(
            _("This reviewer is already assigned to this dossier."), code="duplicate"
        ) from None
    if application.state == LabelApplication.State.SUBMITTED:
        APPLICATION_WORKFLOW.move(application, to=LabelApplication.State.UNDER_REVIEW, actor=acting_user)
    return assignment


@transaction.atomic
def review_unassign(assignment: ReviewAssignment, *, acting_user) -> None:
    if assignment.submitted_at:
        raise ValidationError(_("A submitted review cannot be withdrawn."))
    assignment.delete()


@transaction.atomic
def review_save(
    assignment: ReviewAssignment, *, scores: dict[int, tuple[int, str]], submit: bool, acting_user
) -> ReviewAssignment:
    """Save the reviewer's scores {criterion id: (score, comment)}; with `submit`, every criterion is due."""
    assignment = (
        ReviewAssignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    )
    if acting_user.pk != assignment.reviewer_id:
        raise ValidationError(
            _("Only the assigned reviewer can score this dossier."), code="not_the_reviewer"
        )
    if assignment.submitted_at:
        raise ValidationError(
            _("This review has been submitted and can no longer be changed."), code="locked"
        )
    if assignment.application.state != LabelApplication.State.UNDER_REVIEW:
        raise ValidationError(_("This dossier is not under review."), code="not_under_review")
    criteria = {criterion.pk: criterion for criterion in assignment.application.call.criteria.all()}
    errors = {}
    for criterion_id, (score, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Unknown criterion."), code="unknown_criterion")
        if not 0 <= score <= MAX_SCORE:
            errors[criterion.title] = _("A score goes from 0 to 5.")
        elif score < SCORE_NEEDING_A_COMMENT and not comment.strip():
            errors[criterion.title] = _("Explain a score below 3 in a comment.")
    if submit:
        for criterion_id, criterion in criteria.items():
            if criterion_id not in scores:
                errors[criterion.title] = _("Score every criterion before submitting the review.")
    if errors:
        raise ValidationError(errors)
    for criterion_id, (score, comment) in scores.items():
        Score.objects.update_or_create(
            assignment=assignment,
            criterion_id=criterion_id,
            defaults={"score": score, "comment": comment.strip()},
        )
    if submit:
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at"])
    return assignment
