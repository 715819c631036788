"""Métiers: the ROME job sheets (fiches) and their job titles (appellations), from France Travail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A ROME job sheet, e.g. M1805 "Études et développement informatique"."""

    code = models.CharField(_("ROME code"), max_length=5, unique=True)
    title = models.CharField(_("title"), max_length=200)
    search_title = models.CharField(max_length=200, db_index=True)
    ogr_code = models.PositiveIntegerField(_("OGR code"), unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("métier (ROME)")
        verbose_name_plural = _("métiers (ROME)")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class JobTitle(models.Model):
    """A ROME appellation, e.g. "Développeur / Développeuse web", attached to its job sheet."""

    ogr_code = models.PositiveIntegerField(_("OGR code"), unique=True)
    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(_("short title"), max_length=255)
    search_title = models.CharField(max_length=255, db_index=True)
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="titles")

    class Meta:
        ordering = ["title"]
        verbose_name = _("job title (ROME)")
        verbose_name_plural = _("job titles (ROME)")

    def __str__(self) -> str:
        return self.title
