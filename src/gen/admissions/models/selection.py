"""How a session selects: minimum rates of priority publics, their precedence, the time to answer offers."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gen.admissions.publics import Public

DEFAULT_RESPONSE_DAYS = 5


class Selection(models.Model):
    session = models.OneToOneField("catalogue.Session", on_delete=models.CASCADE, related_name="selection")
    response_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"),
        default=DEFAULT_RESPONSE_DAYS,
        validators=[MaxValueValidator(30)],
        help_text=_("A candidate who has not answered by the end of the last day loses the offer."),
    )
    # From then on the ranking and the call order no longer change: set when offers are first published,
    # or earlier when the session takes part in a national round (the round reads the call order).
    call_order_frozen_at = models.DateTimeField(_("call order frozen at"), null=True, blank=True)
    # Set when the first offers go out (by the organisation, or by the national round).
    offers_published_at = models.DateTimeField(_("offers published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        constraints = [
            models.CheckConstraint(
                condition=Q(response_days__gte=1, response_days__lte=30), name="selection_response_days_range"
            )
        ]

    def __str__(self) -> str:
        return str(self.session)


class MinimumRate(models.Model):
    """At every point of the call order, at least this share of those called belong to the public."""

    session = models.ForeignKey("catalogue.Session", on_delete=models.CASCADE, related_name="minimum_rates")
    public = models.CharField(_("public"), max_length=30, choices=Public.choices)
    rate = models.PositiveSmallIntegerField(_("minimum rate (%)"), validators=[MaxValueValidator(100)])
    # 1 = highest: when no candidate meets every binding rate, the lower ones give way first.
    precedence = models.PositiveSmallIntegerField(_("precedence"))

    class Meta:
        ordering = ["session", "precedence"]
        verbose_name = _("minimum rate")
        verbose_name_plural = _("minimum rates")
        constraints = [
            models.UniqueConstraint(fields=["session", "public"], name="minimum_rate_one_per_public"),
            models.UniqueConstraint(fields=["session", "precedence"], name="minimum_rate_precedence_unique"),
            models.CheckConstraint(condition=Q(rate__lte=100), name="minimum_rate_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_public_display()} ≥ {self.rate} %"
