"""The labelling committee's decision on a dossier."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeDecision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        DEFERRED = "deferred", _("Deferred")

    application = models.ForeignKey(
        "labelling.LabelApplication", on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    decided_on = models.DateField(_("committee date"))
    decided_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-recorded_at"]
        get_latest_by = "recorded_at"
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"
