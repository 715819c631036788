"""A national admission campaign: sessions joined in one round, candidates ordering their wishes.

Each candidate orders their applications to the campaign's sessions ("vœux"); each session's
preferences are its frozen call order; one round of deferred acceptance then gives every candidate
the best wish whose session calls them early enough (`gen admissions-round`).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_WISHES_LIMIT = 20


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    wishes_close_on = models.DateField(
        _("wishes close on"), help_text=_("Candidates may order their wishes until the end of this day.")
    )
    max_wishes = models.PositiveSmallIntegerField(
        _("maximum number of wishes"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WISHES_LIMIT)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-wishes_close_on", "name"]
        verbose_name = _("admission campaign")
        verbose_name_plural = _("admission campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_wishes__gte=1, max_wishes__lte=MAX_WISHES_LIMIT),
                name="campaign_max_wishes_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CampaignSession(models.Model):
    """A session taking part in a campaign (at most one), with what the round gave it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="campaign_sessions")
    session = models.OneToOneField(
        "catalogue.Session", on_delete=models.CASCADE, related_name="campaign_session"
    )
    # Written by the applied round: the places it could give (capacity less places taken and pending
    # offers), the candidates it admitted, and the call position of the last of them when the session
    # filled up (None when places were left: everyone who wished it got in).
    places = models.PositiveIntegerField(_("places in the round"), null=True, blank=True)
    admitted = models.PositiveIntegerField(_("admitted by the round"), null=True, blank=True)
    cutoff_position = models.PositiveIntegerField(_("last position admitted"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "session"]
        verbose_name = _("campaign session")
        verbose_name_plural = _("campaign sessions")

    def __str__(self) -> str:
        return f"{self.campaign} – {self.session}"


class Wish(models.Model):
    """A candidate's application, at the place they give it among their wishes (1 = preferred)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="wishes")
    candidate = models.ForeignKey("admissions.Candidate", on_delete=models.CASCADE, related_name="wishes")
    application = models.OneToOneField(
        "admissions.Application", on_delete=models.CASCADE, related_name="wish"
    )
    rank = models.PositiveSmallIntegerField(_("wish"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["campaign", "candidate", "rank"]
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "candidate", "rank"], name="wish_rank_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="wish_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.application}"


class AdmissionRound(models.Model):
    """The applied round of a campaign (a dry run writes nothing): who ran it, what it gave, how fast."""

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="round")
    ran_at = models.DateTimeField(_("ran at"))
    ran_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    candidates = models.PositiveIntegerField(_("candidates"))
    wishes = models.PositiveIntegerField(_("wishes"))
    placed = models.PositiveIntegerField(_("placed"))
    placed_first_wish = models.PositiveIntegerField(_("placed on their first wish"))
    load_seconds = models.FloatField()
    solve_seconds = models.FloatField()
    write_seconds = models.FloatField()

    class Meta:
        verbose_name = _("admission round")
        verbose_name_plural = _("admission rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(placed__lte=models.F("candidates"), placed_first_wish__lte=models.F("placed")),
                name="admission_round_counts_consistent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} ({self.ran_at:%Y-%m-%d})"

    @property
    def unplaced(self) -> int:
        return self.candidates - self.placed
