"""Organisations: the training bodies ("fabriques") and the prescribers' structures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gen.organisations.validators import validate_siret


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training organisation")
        PRESCRIBER = "prescriber", _("Prescriber")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRAINING)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    activity_declaration_number = models.CharField(
        _("activity declaration number"),
        max_length=11,
        blank=True,
        help_text=_("The 11-digit number of the training activity declaration."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("commune"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
