"""A candidate's profile: only what selection and the national figures need, each field saying why."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bump when the explanation given to candidates changes; the consent records which one they read.
PRIVACY_NOTICE_VERSION = "2026-11"


class DiplomaLevel(models.TextChoices):
    """The national nomenclature of qualification levels (decree of 8 January 2019)."""

    NONE = "none", _("No diploma")
    LEVEL_3 = "3", _("CAP, BEP (level 3)")
    LEVEL_4 = "4", _("Baccalauréat or equivalent (level 4)")
    LEVEL_5 = "5", _("Bac + 2: BTS, DUT, DEUST (level 5)")
    LEVEL_6 = "6", _("Bac + 3 or 4: licence, BUT, master 1 (level 6)")
    LEVEL_7 = "7", _("Bac + 5 or more: master, engineer, doctorate (level 7 or 8)")


# "Niveau bac ou infra-bac", the label's first priority public.
BAC_LEVEL_OR_BELOW = frozenset({DiplomaLevel.NONE, DiplomaLevel.LEVEL_3, DiplomaLevel.LEVEL_4})


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    UNSAID = "unsaid", _("I prefer not to say")


class HeardFrom(models.TextChoices):
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    ASSOCIATION = "association", _("An association")
    EVENT = "event", _("An event (forum, open day)")
    SOCIAL_NETWORKS = "social_networks", _("Social networks")
    WORD_OF_MOUTH = "word_of_mouth", _("Word of mouth")
    OTHER = "other", _("Other")


class Candidate(models.Model):
    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="candidate")
    birth_date = models.DateField(
        _("birth date"),
        help_text=_(
            "Some places are kept for people under 26; the network also reports the age of its learners."
        ),
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        help_text=_("The label commits courses to train more women in the digital trades."),
    )
    diploma_level = models.CharField(
        _("highest diploma"),
        max_length=10,
        choices=DiplomaLevel.choices,
        help_text=_("No diploma is required. Places are kept for people at bac level or below."),
    )
    is_job_seeker = models.BooleanField(
        _("registered as a job seeker"),
        default=False,
        help_text=_("Registered with France Travail. Job seekers are a priority public."),
    )
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("town of residence"),
        help_text=_("To count learners by region and département; your address is not asked."),
    )
    lives_in_qpv_or_zrr = models.BooleanField(
        _("lives in a priority district (QPV) or a rural revitalisation zone (ZRR)"),
        default=False,
        help_text=_("Places are kept for residents of these areas. Your town hall can tell you."),
    )
    is_scholarship_holder = models.BooleanField(
        _("holds a scholarship on social criteria"),
        default=False,
        help_text=_("Places are kept for scholarship holders; it also opens the right to the GEN grant."),
    )
    heard_from = models.CharField(
        _("how did you hear of the course?"),
        max_length=20,
        choices=HeardFrom.choices,
        help_text=_("Helps the network reach the people it exists for."),
    )
    consent_at = models.DateTimeField(_("consent given at"))
    privacy_notice_version = models.CharField(_("privacy notice read"), max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return str(self.user)

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday
