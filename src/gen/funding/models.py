"""Funders. Agreements, co-financing and grants come with the funding issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Funder(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        REGION = "region", _("Region")
        EUROPE = "europe", _("European Union (FEDER, FSE+)")
        FRANCE_TRAVAIL = "france_travail", _("France Travail")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        PRIVATE = "private", _("Private funder")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funders",
        help_text=_("Empty for a national funder."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name
