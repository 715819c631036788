"""Calls for labelling ("appels à labellisation") and the weighted criteria dossiers are scored on."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gen.core.workflow import TransitionLog

DEFAULT_MAX_SEED_GRANT_RATE = Decimal("0.80")


class LabellingCall(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        DECIDED = "decided", _("Decided")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    text = models.TextField(_("text of the call"))
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline for applications"))
    regions = models.ManyToManyField(
        "territories.Region",
        blank=True,
        related_name="labelling_calls",
        verbose_name=_("regions"),
        help_text=_("Leave empty for a national call."),
    )
    max_seed_grant_rate = models.DecimalField(
        _("maximum seed grant rate"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_MAX_SEED_GRANT_RATE,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of the course budget the seed grant may reach, e.g. 0.80."),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call for labelling")
        verbose_name_plural = _("calls for labelling")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")), name="call_deadline_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(max_seed_grant_rate__gt=0, max_seed_grant_rate__lte=1),
                name="call_seed_grant_rate_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labelling:call", kwargs={"slug": self.slug})


class Criterion(models.Model):
    call = models.ForeignKey(LabellingCall, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["call", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="criterion_unique_position"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class CallTransition(TransitionLog):
    subject = models.ForeignKey(LabellingCall, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("call state change")
        verbose_name_plural = _("call state changes")
