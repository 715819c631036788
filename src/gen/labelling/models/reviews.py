"""Review ("instruction"): reviewers assigned to a dossier score each criterion of the call."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_SCORE = 5
# Below this score a comment must say why.
SCORE_NEEDING_A_COMMENT = 3


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        "labelling.LabelApplication", on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="review_assignments")
    assigned_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("review submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["assigned_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_one_per_reviewer_and_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"


class Score(models.Model):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("labelling.Criterion", on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_at_most_five"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_NEEDING_A_COMMENT) | ~Q(comment=""),
                name="score_low_needs_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
