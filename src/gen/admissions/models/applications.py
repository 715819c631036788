"""An application ("candidature") of a candidate to a session, and what selection makes of it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gen.core.workflow import TransitionLog

MOTIVATION_MIN_LENGTH = 200
SCORE_MAX = 20


class RefusalReason(models.TextChoices):
    PROJECT = "project", _("Professional project not matching the course")
    MOTIVATION = "motivation", _("Motivation not shown")
    TESTS = "tests", _("Tests not passed")
    ABSENT = "absent", _("Absent from the information meeting or the interview")
    AVAILABILITY = "availability", _("Not available on the course dates")
    ALREADY_QUALIFIED = "already_qualified", _("Already qualified for this trade")
    OTHER = "other", _("Other reason")


class Application(models.Model):
    class State(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("application state", "Received")
        INVITED = "invited", pgettext_lazy("application state", "Invited to an information meeting")
        ASSESSING = "assessing", pgettext_lazy("application state", "Tests and interview")
        RANKED = "ranked", pgettext_lazy("application state", "Ranked")
        ADMITTED = "admitted", pgettext_lazy("application state", "Admitted")
        REFUSED = "refused", pgettext_lazy("application state", "Not selected")
        WITHDRAWN = "withdrawn", pgettext_lazy("application state", "Withdrawn")

    candidate = models.ForeignKey(
        "admissions.Candidate", on_delete=models.CASCADE, related_name="applications"
    )
    session = models.ForeignKey("catalogue.Session", on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED)
    motivation = models.TextField(_("motivation"))
    availability = models.CharField(
        _("availability"),
        max_length=500,
        help_text=_("From when you can start, and anything that could prevent you from attending full time."),
    )
    score = models.DecimalField(
        _("score (out of 20)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)],
    )
    # The selection's ranking (1 = best); the call order is computed from it.
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    # Frozen when the organisation publishes its offers: offers go out in this order.
    call_position = models.PositiveIntegerField(_("position in the call order"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason"), max_length=20, choices=RefusalReason.choices, blank=True)
    refusal_comment = models.TextField(_("comment to the candidate"), blank=True)

    # A referral by a prescriber (France Travail, Mission Locale…), made with the candidate's consent.
    referrer = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    referrer_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referring structure"),
    )
    referral_consent_at = models.DateTimeField(
        _("candidate's consent to the referral"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["session", "state"], name="application_session_state_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "session"],
                name="application_one_per_candidate_and_session",
                violation_error_message=_("You have already applied to this session."),
            ),
            models.UniqueConstraint(
                fields=["session", "rank"], condition=Q(rank__isnull=False), name="application_rank_unique"
            ),
            models.UniqueConstraint(
                fields=["session", "call_position"],
                condition=Q(call_position__isnull=False),
                name="application_call_position_unique",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=SCORE_MAX),
                name="application_score_range",
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_reason=""),
                name="application_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(referrer_organisation__isnull=True) | Q(referral_consent_at__isnull=False),
                name="application_referral_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.session}"


class ApplicationTransition(TransitionLog):
    subject = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("application state change")
        verbose_name_plural = _("application state changes")


class ApplicationNote(models.Model):
    """The selection team's notes on an application; never shown to the candidate or a prescriber."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:60]
