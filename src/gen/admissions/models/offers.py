"""An offer of a place ("proposition"), made in call order, answered before a deadline."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gen.core.workflow import TransitionLog


class Offer(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("offer state", "Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("offer state", "Accepted")
        DECLINED = "declined", pgettext_lazy("offer state", "Declined")
        EXPIRED = "expired", pgettext_lazy("offer state", "Expired")
        CANCELLED = "cancelled", pgettext_lazy("offer state", "Cancelled")

    application = models.OneToOneField(
        "admissions.Application", on_delete=models.CASCADE, related_name="offer"
    )
    # Denormalised from the application: offers are counted and locked per session.
    session = models.ForeignKey("catalogue.Session", on_delete=models.PROTECT, related_name="offers")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(_("sent at"))
    deadline = models.DateTimeField(_("answer before"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            models.Index(fields=["session", "state"], name="offer_session_state_idx"),
            models.Index(
                fields=["deadline"], condition=Q(state="pending"), name="offer_pending_deadline_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("sent_at")), name="offer_deadline_after_sending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.get_state_display()})"


class OfferTransition(TransitionLog):
    subject = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("offer state change")
        verbose_name_plural = _("offer state changes")
